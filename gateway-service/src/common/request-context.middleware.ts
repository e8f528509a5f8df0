import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { MetricsService } from '../metrics/metrics.service';
import { RequestWithCaller } from './auth/caller';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id if well-formed). Express
 * middleware, first of all, so that every answer carries it, those given before
 * Nest's routing too (a malformed body, a rate limit, draining).
 */
export function assignRequestId(request: Request & { id?: string }, response: Response, next: NextFunction): void {
  const offered = request.header('x-request-id');
  request.id = offered && REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', request.id);
  next();
}

/**
 * When a routed request finishes, logs one structured line and records its
 * metrics. Logs carry method, route, status, time and caller, never bodies.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly metrics: MetricsService) {}

  use(request: Request & RequestWithCaller & { id?: string }, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = request.route ? `${request.baseUrl}${(request.route as { path: string }).path}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
      this.metrics.httpDuration.observe({ method: request.method, route }, seconds);
      this.logger.log({
        msg: 'request',
        requestId: request.id,
        method: request.method,
        route,
        status: response.statusCode,
        durationMs: Math.round(seconds * 1000),
        caller: request.caller?.name,
        role: request.caller?.role,
      });
    });
    next();
  }
}
