import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The methods an OpenAPI path item names operations by. */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The API's routes, from its OpenAPI document, so that a request with a method
 * a path does not have is answered 405 with Allow, not 404 as an unknown path.
 */
@Injectable()
export class KnownRoutes {
  private routes: { pattern: RegExp; methods: string[]; templated: number }[] = [];

  load(document: OpenAPIObject): void {
    this.routes = Object.entries(document.paths).map(([path, item]) => ({
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      methods: OPERATION_METHODS.filter((method) => method in item).map((method) => method.toUpperCase()),
      templated: (path.match(/\{/g) ?? []).length,
    }));
  }

  /**
   * The methods the API has on `path` (empty for a path it does not have). As
   * OpenAPI reads paths, a concrete one (/results/imports) is matched before a
   * templated one (/results/{certificateNumber}).
   */
  allowed(path: string): string[] {
    const matching = this.routes.filter((route) => route.pattern.test(path));
    const fewest = Math.min(...matching.map((route) => route.templated));
    return [...new Set(matching.filter((route) => route.templated === fewest).flatMap((route) => route.methods))];
  }
}
