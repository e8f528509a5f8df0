/**
 * How a ledger write is answered: with the record at once (and its Location
 * when it is new), or, for a client that prefers not to wait
 * (`Prefer: respond-async`), 202 Accepted with a transaction resource to poll.
 */
import { applyDecorators, CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { map, Observable } from 'rxjs';
import { answerStatusOf } from '../common/answer-status';
import { RequestWithCaller } from '../common/auth/caller';
import { asApiError } from '../common/problem.filter';
import { refusalOf } from '../common/stored-answer';
import { TransactionRecord, TransactionStore } from './transaction-store';
import { TransactionDto, viewOf } from './transactions.dto';

const LEDGER_WRITE = 'tongban:ledger-write';
const PREFER = /(^|[\s,;])respond-async([\s,;]|$)/i;
/** How often a client should poll a pending transaction, in seconds. */
const POLL_AFTER_SECONDS = 1;

/** Where a new record can be read, from the record a write answered. */
export type LocationOf = (record: never) => string;

/** Marks a route that writes to the ledger: it may answer asynchronously, and `location` names a record it creates. */
export const LedgerWrite = (location?: LocationOf): MethodDecorator =>
  applyDecorators(
    SetMetadata(LEDGER_WRITE, { location }),
    ApiHeader({
      name: 'Prefer',
      required: false,
      description:
        'respond-async: answer 202 at once with a transaction to poll (GET /transactions/{id}) instead of waiting for the commit; other preferences are ignored (RFC 7240)',
      schema: { type: 'string' },
    }),
    ApiResponse({
      status: HttpStatus.ACCEPTED,
      description: 'Accepted (Prefer: respond-async): the transaction to poll',
      type: TransactionDto,
      headers: {
        Location: { description: 'The transaction', required: true, schema: { type: 'string' } },
        'Preference-Applied': { description: 'respond-async', schema: { type: 'string' } },
        'Retry-After': { description: 'Seconds before the first poll', schema: { type: 'integer' } },
      },
    }),
  );

@Injectable()
export class LedgerWriteInterceptor implements NestInterceptor {
  private readonly logger = new Logger('LedgerWrite');

  constructor(
    private readonly reflector: Reflector,
    private readonly store: TransactionStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const write = this.reflector.get<{ location?: (record: unknown) => string } | undefined>(LEDGER_WRITE, context.getHandler());
    if (!write) return next.handle();
    const request = context.switchToHttp().getRequest<Request & RequestWithCaller>();
    const response = context.switchToHttp().getResponse<Response>();
    const status = answerStatusOf(this.reflector, context);
    // A staff member's write awaits their signature (StaffSigningInterceptor): never in the background.
    if (!PREFER.test(request.header('prefer') ?? '') || !request.caller || request.caller.staffSession) {
      return next.handle().pipe(
        map((record: unknown) => {
          // A staff member's write answered 202 with what to sign: its Location is the signing route's.
          if (write.location && !request.caller?.staffSession) response.setHeader('Location', write.location(record));
          return record;
        }),
      );
    }

    const caller = request.caller;
    const accepted: TransactionRecord = {
      id: randomUUID(),
      owner: caller.name,
      method: request.method,
      path: request.originalUrl,
      state: 'PENDING',
      acceptedAt: new Date().toISOString(),
    };
    // The request is answered 202 only once its write is about to be sent: a refusal before that is answered as usual.
    return new Observable((subscriber) => {
      let stored: Promise<void> | undefined;
      const acceptNow = (): void => {
        if (stored) return;
        stored = this.store.put(accepted);
        stored.then(
          () => {
            response.status(HttpStatus.ACCEPTED);
            response.setHeader('Location', `/transactions/${accepted.id}`);
            response.setHeader('Preference-Applied', 'respond-async');
            response.setHeader('Retry-After', String(POLL_AFTER_SECONDS));
            subscriber.next(viewOf(accepted));
            subscriber.complete();
          },
          (error: unknown) => {
            subscriber.error(error);
          },
        );
      };
      const end = (ended: Pick<TransactionRecord, 'state' | 'outcome'>): void => {
        (stored ?? Promise.resolve())
          .then(() => this.store.put({ ...accepted, ...ended, completedAt: new Date().toISOString() }))
          .catch((error: unknown) => {
            this.logger.error(`transaction ${accepted.id} ended but could not be stored: ${String(error)}`);
          });
      };
      // The route passes this caller to Ledger.submit, which calls acceptNow as the write is sent.
      request.caller = { ...caller, onSubmitting: acceptNow };
      next.handle().subscribe({
        next: (record: unknown) => {
          if (!stored) {
            // Answered without a write (nothing to wait for): as usual.
            subscriber.next(record);
            subscriber.complete();
            return;
          }
          end({ state: 'SUCCEEDED', outcome: { status, body: record, location: write.location?.(record) } });
        },
        error: (error: unknown) => {
          if (!stored) {
            subscriber.error(error);
            return;
          }
          const problem = asApiError(error);
          // As the error filter does for an answer given at once: the error's message, never the request.
          if (problem.status >= 500)
            this.logger.error(`transaction ${accepted.id}: ${problem.code}: ${error instanceof Error ? error.message : String(error)}`);
          end({ state: 'FAILED', outcome: refusalOf(problem) });
        },
      });
    });
  }
}
