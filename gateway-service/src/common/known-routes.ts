import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The API's routes, from its OpenAPI document, so that a request with a method
 * a path does not have is answered 405 with Allow, not 404 as an unknown path.
 */
@Injectable()
export class KnownRoutes {
  private routes: { pattern: RegExp; methods: string[] }[] = [];

  load(document: OpenAPIObject): void {
    this.routes = Object.entries(document.paths).map(([path, item]) => ({
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      methods: METHODS.filter((method) => method in item).map((method) => method.toUpperCase()),
    }));
  }

  /** The methods the API has on `path` (empty for a path it does not have). */
  allowed(path: string): string[] {
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).flatMap((route) => route.methods));
    return [...methods];
  }
}
