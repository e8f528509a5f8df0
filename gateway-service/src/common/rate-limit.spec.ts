import { ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeyRateLimitGuard, limitPerAddress, TokenBuckets } from './rate-limit';

describe('rate limits', () => {
  it('lets a client burst twice its rate, then refuses with the seconds to wait, and refills over time', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 5 }, () => now);
    const answers = Array.from({ length: 11 }, () => buckets.take('hall-clerk'));
    expect(answers.slice(0, 10)).toEqual(Array<undefined>(10).fill(undefined));
    expect(answers[10]).toBe(1);
    // Another client has its own bucket.
    expect(buckets.take('hall-reviewer')).toBeUndefined();
    now += 400; // two tokens back at 5 a second
    expect(buckets.take('hall-clerk')).toBeUndefined();
    expect(buckets.take('hall-clerk')).toBeUndefined();
    expect(buckets.take('hall-clerk')).toBe(1);
  });

  it('forgets the clients whose bucket is full again, so many addresses do not pile up', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 5 }, () => now);
    for (let index = 0; index < 10_000; index += 1) buckets.take(`10.0.${String(index)}`);
    expect(buckets.size).toBe(10_000);
    now += 1000; // each of them back to its full burst of 10
    expect(buckets.take('10.9.9.9')).toBeUndefined();
    expect(buckets.size).toBe(1);
  });

  it('has no limit at 0', () => {
    const buckets = new TokenBuckets({ perSecond: 0 });
    expect(Array.from({ length: 1000 }, () => buckets.take('x')).every((wait) => wait === undefined)).toBe(true);
  });

  it('answers 429 RATE_LIMITED with Retry-After per client address', () => {
    const middleware = limitPerAddress({ perSecond: 1 });
    const request = { socket: { remoteAddress: '10.1.2.3' } } as unknown as Request;
    const outcomes: unknown[] = [];
    const next: NextFunction = (error?: unknown) => outcomes.push(error);
    for (let index = 0; index < 3; index += 1) middleware(request, {} as Response, next);
    expect(outcomes.slice(0, 2)).toEqual([undefined, undefined]);
    expect(outcomes[2]).toMatchObject({ status: 429, code: 'RATE_LIMITED', extra: { retryAfterSeconds: 1 } });
  });

  it('limits each API key, not the requests without one', () => {
    const guard = new ApiKeyRateLimitGuard({ get: () => ({ rateLimits: { perApiKey: { perSecond: 1 } } }) } as unknown as ConfigService);
    const context = (caller?: { name: string }) => ({ switchToHttp: () => ({ getRequest: () => ({ caller }) }) }) as unknown as ExecutionContext;
    expect(guard.canActivate(context({ name: 'hall-clerk' }))).toBe(true);
    expect(guard.canActivate(context({ name: 'hall-clerk' }))).toBe(true);
    expect(() => guard.canActivate(context({ name: 'hall-clerk' }))).toThrow(expect.objectContaining({ status: 429, code: 'RATE_LIMITED' }) as Error);
    expect(guard.canActivate(context({ name: 'hall-auditor' }))).toBe(true);
    expect(guard.canActivate(context(undefined))).toBe(true);
  });
});
