import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { canonicalJson } from '@tongban/chaincode/domain';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { answerStatusOf } from '../answer-status';
import { ApiError } from '../api-error';
import { RequestWithCaller } from '../auth/caller';
import { asApiError } from '../problem.filter';
import { refusalOf, StoredAnswer } from '../stored-answer';
import { IdempotencyRecord, IdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on an answer given again to a repeated request, instead of doing it again. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const KEY = /^[\x21-\x7e]{1,255}$/;
/** The methods that change state: those that take an Idempotency-Key. */
export const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request with an Idempotency-Key: `idempotentRetry` when this interceptor
 * let it through because an earlier attempt with its key was never answered;
 * the handler sets `idempotentReplay` when it answers with what that attempt did.
 */
export type IdempotentRequest = Request & RequestWithCaller & { idempotentRetry?: boolean; idempotentReplay?: boolean };

/** The first attempt of a key still running in this process, and what it will answer. */
interface Running {
  digest: string;
  answer: Promise<StoredAnswer | ApiError>;
}

/**
 * Idempotency-Key on every state-changing call (as Hyperledger FireFly does):
 * the key is recorded, per API key, with a digest of the whole request
 * (method, path, query and body, the applicant's data included). The same key
 * with the same request gets the first answer again, marked Idempotent-Replayed,
 * and changes nothing; the same key with another request is refused with 409
 * IDEMPOTENCY_MISMATCH. Only final answers (2xx, 4xx) are kept: after a 5xx the
 * request may be sent again with its key, and the handler is told
 * (`idempotentRetry`) that an earlier attempt may have been recorded. Uploads
 * (multipart) are content-addressed and idempotent by themselves.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_HEADER);
    // A staff member's write answers 202 with a proposal to sign, not an outcome to replay (and it holds the applicant's data).
    if (
      key === undefined ||
      !STATE_CHANGING.has(request.method) ||
      request.is('multipart/form-data') ||
      !request.caller ||
      request.caller.staffSession
    ) {
      return next.handle();
    }
    if (!KEY.test(key)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters`);
    }
    const scope = `${request.caller.name}\u0000${key}`;
    const digest = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    const running = this.running.get(scope);
    if (running) {
      if (running.digest !== digest) throw mismatch(key);
      return replay(response, await running.answer);
    }
    // Claimed before any await, so that a duplicate arriving meanwhile waits for this attempt.
    let settle: (answer: StoredAnswer | ApiError) => void = () => undefined;
    this.running.set(scope, { digest, answer: new Promise((resolve) => (settle = resolve)) });
    /** Ends the claim: stores a final answer (if `keep`), then gives it to the duplicates waiting. */
    const finish = async (answer: StoredAnswer | ApiError, keep: IdempotencyRecord | undefined): Promise<void> => {
      try {
        if (keep) await this.store.put(scope, keep);
      } finally {
        this.running.delete(scope);
        settle(answer);
      }
    };

    let record: IdempotencyRecord | undefined;
    try {
      record = await this.store.get(scope);
    } catch (error) {
      await finish(asApiError(error), undefined);
      throw error;
    }
    if (record && record.digest !== digest) {
      await finish(mismatch(key), undefined);
      throw mismatch(key);
    }
    if (record?.state === 'done' && record.answer) {
      await finish(record.answer, undefined);
      return replay(response, record.answer);
    }
    request.idempotentRetry = record?.state === 'pending';
    const createdAt = record?.createdAt ?? new Date().toISOString();
    const final = (answer: StoredAnswer): IdempotencyRecord => ({ digest, state: 'done', createdAt, answer });
    await this.store.put(scope, { digest, state: 'pending', createdAt });
    return next.handle().pipe(
      mergeMap((body: unknown) => {
        if (request.idempotentReplay) response.setHeader(REPLAYED_HEADER, 'true');
        const location = response.getHeader('location');
        const answer: StoredAnswer = {
          // An asynchronous answer (LedgerWrite) is kept as given: 202 with its transaction.
          status: response.statusCode === 202 ? 202 : answerStatusOf(this.reflector, context),
          body,
          location: typeof location === 'string' ? location : undefined,
        };
        return from(finish(answer, final(answer)).then(() => body));
      }),
      catchError((error: unknown) => {
        const problem = asApiError(error);
        // A 5xx is not final: the key stays pending, and the request may be sent again with it.
        const refusal = refusalOf(problem);
        const ended = problem.status >= 500 ? finish(problem, undefined) : finish(refusal, final(refusal));
        return from(ended).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

const mismatch = (key: string): ApiError =>
  new ApiError(
    HttpStatus.CONFLICT,
    'IDEMPOTENCY_MISMATCH',
    `${IDEMPOTENCY_HEADER} ${key} was used for a different request; use a new key for a new request`,
  );

/** Gives `answer` again: the stored body and status, or the refusal, marked as replayed. */
function replay(response: Response, answer: StoredAnswer | ApiError): Observable<unknown> {
  response.setHeader(REPLAYED_HEADER, 'true');
  if (answer instanceof ApiError) return throwError(() => answer);
  if (answer.problem) return throwError(() => new ApiError(answer.status, answer.problem?.code ?? 'ERROR', answer.problem?.detail ?? ''));
  response.status(answer.status);
  if (answer.location) response.setHeader('Location', answer.location);
  return of(answer.body);
}
