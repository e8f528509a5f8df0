import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from '@tongban/chaincode/domain';
import type { StaffSession } from '../../staff/staff-sessions';

/**
 * Who is behind a request and the role it acts in: a partner system (the name
 * of its API key) or a signed-in staff member (their staff ID, and their
 * session, whose certificate's key signs their ledger writes).
 */
export interface Caller {
  name: string;
  role: Role;
  /**
   * A staff member's session: the certificate they sign with; their long-lived
   * requests (event streams) end with it. Always stated, undefined for an API
   * key, so that no ledger write (Writer) can leave it out by omission.
   */
  staffSession: StaffSession | undefined;
  /**
   * Called as the request's ledger write is about to be sent: set by
   * LedgerWriteInterceptor on a request it answers 202 (Prefer: respond-async).
   */
  onSubmitting?: () => void;
}

export type RequestWithCaller = { caller?: Caller; partnerMsp?: string };

/** Injects the authenticated caller into a controller method. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => context.switchToHttp().getRequest<RequestWithCaller>().caller as Caller,
);

/** Injects the MSP ID of the partner city whose gateway made the request, as its TLS client certificate tells (PartnerCertificateGuard). */
export const PartnerMsp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<RequestWithCaller>().partnerMsp as string,
);
