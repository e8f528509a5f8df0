import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from './api-error';
import { sendProblem } from './problem.filter';

const draining = (): ApiError =>
  new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'DRAINING', 'this gateway is stopping; send the request again (with its Idempotency-Key)', {
    retryAfterSeconds: 2,
  });

/**
 * A stopping gateway drains: it takes no new request (each answers 503
 * DRAINING with Retry-After and closes its connection), lets the requests in
 * flight finish, and answers those still unfinished at the deadline 503 too,
 * before the Fabric connection closes. A client's retry with its
 * Idempotency-Key then finds what the cut request did, if anything.
 */
export class Drain {
  private readonly open = new Map<Response, Request>();
  private stopping = false;

  /** Express middleware, first of all: counts requests in flight, and refuses new ones while draining. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (this.stopping) {
      response.setHeader('Connection', 'close');
      next(draining());
      return;
    }
    this.open.set(response, request);
    response.on('close', () => this.open.delete(response));
    next();
  };

  get inFlight(): number {
    return this.open.size;
  }

  /** Stops taking requests, waits up to `timeoutMs` for those in flight, and answers the rest 503. Returns how many were cut. */
  async drain(timeoutMs: number): Promise<number> {
    this.stopping = true;
    const deadline = Date.now() + timeoutMs;
    while (this.open.size > 0 && Date.now() < deadline) await sleep(50);
    let cut = 0;
    for (const [response, request] of this.open) {
      if (response.headersSent) continue;
      response.setHeader('Connection', 'close');
      sendProblem(request, response, draining());
      cut += 1;
    }
    return cut;
  }
}
