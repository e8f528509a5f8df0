import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { GatewayConfig } from '../config/configuration';
import { ApiError } from './api-error';
import { RequestWithCaller } from './auth/caller';

/** Requests per second one client may send on average, and the burst it may send at once (twice that). */
export interface RateLimit {
  perSecond: number;
}

/**
 * Token buckets, one per client (an address or an API key): each holds up to
 * two seconds' worth of requests and refills continuously. A limit of 0 means
 * no limit.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request's token for `client`; when there is none, the seconds until there is. */
  take(client: string): number | undefined {
    const { perSecond } = this.limit;
    if (perSecond === 0) return undefined;
    const now = this.now();
    const burst = 2 * perSecond;
    if (!this.buckets.has(client) && this.buckets.size >= SWEEP_AT) this.forgetFull(now);
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.ceil((1 - bucket.tokens) / perSecond);
  }

  /** How many clients have a bucket. */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops the buckets refilled to the full burst: one is the same as none, so memory stays bounded by the busy clients. */
  private forgetFull(now: number): void {
    const burst = 2 * this.limit.perSecond;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= burst) this.buckets.delete(client);
    }
  }
}

/** Clients with a bucket beyond which a new one first drops the full ones. */
const SWEEP_AT = 10_000;

const limited = (who: string, retryAfterSeconds: number): ApiError =>
  new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', `too many requests from ${who}; send again after the Retry-After pause`, {
    retryAfterSeconds,
  });

/** Express middleware: the limit per client address, before anything else is done for the request. */
export function limitPerAddress(limit: RateLimit): (request: Request, response: Response, next: NextFunction) => void {
  const buckets = new TokenBuckets(limit);
  return (request, _response, next) => {
    const address = request.socket.remoteAddress ?? 'unknown';
    const wait = buckets.take(address);
    next(wait === undefined ? undefined : limited(`address ${address}`, wait));
  };
}

/** The limit per API key, after authentication (a global guard registered after the API key guard). */
@Injectable()
export class ApiKeyRateLimitGuard implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor(@Inject(ConfigService) config: ConfigService) {
    this.buckets = new TokenBuckets((config.get<GatewayConfig>('gateway') as GatewayConfig).rateLimits.perApiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
    if (!caller) return true;
    const wait = this.buckets.take(caller.name);
    if (wait !== undefined) throw limited(`API key ${caller.name}`, wait);
    return true;
  }
}
