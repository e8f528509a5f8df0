import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, map, Observable, takeUntil, throwError } from 'rxjs';
import { RequestWithCaller } from '../common/auth/caller';
import { SignatureNeeded } from '../fabric/staff-signer';
import { StaffSessions } from './staff-sessions';
import { StaffSigningService } from './staff-signing.service';

/** Where a staff member sends the signature of a prepared transaction's proposal. */
export const endorsementPathOf = (id: string) => `/public/staff/transactions/${id}/endorsement`;

/**
 * Answers a signed-in staff member's request, for as long as their session
 * lasts: the route checks and builds its ledger write as for any caller, and
 * Ledger.submit, given the member as the writer, refuses to sign it with the
 * gateway's role identity (SignatureNeeded). The write is prepared here for
 * the member to sign, and the answer is 202 with the transaction's ID and the
 * proposal to sign; the signing routes (public/staff/transactions) take it on
 * from there.
 */
@Injectable()
export class StaffSigningInterceptor implements NestInterceptor {
  constructor(
    private readonly signing: StaffSigningService,
    private readonly sessions: StaffSessions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const session = context.switchToHttp().getRequest<RequestWithCaller>().caller?.staffSession;
    if (!session) return next.handle();
    // The route passes its caller, the member, to Ledger.submit, which throws SignatureNeeded.
    return next.handle().pipe(
      // An answer that lasts (an event stream) ends with the session.
      takeUntil(this.sessions.ended(session)),
      catchError((error: unknown) => {
        if (!(error instanceof SignatureNeeded)) return throwError(() => error);
        const { transaction, options } = error;
        const prepared = this.signing.prepare({
          certificate: error.signer.certificate,
          transaction,
          arguments: options.arguments ?? [],
          transient: options.transient,
          endorsingOrganizations: options.endorsingOrganizations,
        });
        return from(prepared).pipe(
          map((toSign) => {
            const response = context.switchToHttp().getResponse<Response>();
            response.status(HttpStatus.ACCEPTED).setHeader('Location', endorsementPathOf(toSign.id));
            return { ...toSign, transaction, signatureNeeded: true };
          }),
        );
      }),
    );
  }
}
