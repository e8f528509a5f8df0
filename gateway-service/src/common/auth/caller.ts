import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from '@tongban/chaincode/domain';

/** The partner system behind a request: which API key it used and the role it acts in. */
export interface Caller {
  name: string;
  role: Role;
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
