import { applyDecorators, CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import { TLSSocket } from 'node:tls';
import { ApiError } from '../common/api-error';
import { RequestWithCaller } from '../common/auth/caller';
import { IS_PARTNER } from '../common/auth/public.decorator';
import { Ledger } from '../fabric/ledger';
import { describeCertificate } from './certificate-chain';
import { PartnerTrust } from './partner-trust';

/** The OpenAPI extension marking operations authenticated by the caller's TLS client certificate (OpenAPI 3.0 has no mutualTLS scheme). */
export const MUTUAL_TLS_EXTENSION = 'x-tongban-authentication';

/** Every refusal of a partner call by its certificate: status and what the code means (the OpenAPI document lists them). */
export const PARTNER_CERTIFICATE_REFUSALS = {
  CLIENT_CERTIFICATE_REQUIRED: [HttpStatus.UNAUTHORIZED, 'no TLS client certificate was presented (or the request was not HTTPS)'],
  CLIENT_CERTIFICATE_UNTRUSTED: [HttpStatus.UNAUTHORIZED, "it does not chain to a TLS CA of exactly one organisation in the channel's configuration"],
  CLIENT_CERTIFICATE_EXPIRED: [HttpStatus.UNAUTHORIZED, 'it, or a CA of its chain, is expired or not yet valid'],
  CLIENT_CERTIFICATE_INVALID: [
    HttpStatus.UNAUTHORIZED,
    "it is not a TLS client certificate signed by the CA it names (a CA's, a server-only one, a bad signature)",
  ],
  PARTNER_IS_OWN_CITY: [HttpStatus.FORBIDDEN, "it is this gateway's own city's: partner routes are for other cities"],
} as const;

/**
 * Authenticates the gateway of a partner city by the client certificate of
 * the TLS connection: it must chain to a TLS CA of an organisation in the
 * channel's configuration (PartnerTrust), whose MSP ID is then the caller's
 * city; never a header's. This city's own certificate is refused: its own
 * systems use API keys.
 */
@Injectable()
export class PartnerCertificateGuard implements CanActivate {
  constructor(
    private readonly trust: PartnerTrust,
    private readonly ledger: Ledger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & RequestWithCaller>();
    const socket = request.socket;
    const certificate = socket instanceof TLSSocket ? socket.getPeerX509Certificate() : undefined;
    if (!certificate) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'CLIENT_CERTIFICATE_REQUIRED',
        socket instanceof TLSSocket
          ? "partner routes need the TLS client certificate of your city's gateway; none was presented"
          : "partner routes need HTTPS with the TLS client certificate of your city's gateway",
      );
    }
    const found = await this.trust.identify(certificate);
    if ('refusal' in found) throw new ApiError(PARTNER_CERTIFICATE_REFUSALS[found.refusal][0], found.refusal, found.detail);
    if (found.mspId === this.ledger.mspId) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'PARTNER_IS_OWN_CITY',
        `the client certificate ${describeCertificate(certificate)} is of ${found.mspId}, this gateway's own city: partner routes are for other cities' gateways`,
      );
    }
    request.partnerMsp = found.mspId;
    return true;
  }
}

/**
 * Marks a controller for partner cities' gateways: no API key; mutual TLS,
 * the caller's city taken from its client certificate (PartnerCertificateGuard).
 */
export const PartnerOnly = (): ClassDecorator =>
  applyDecorators(SetMetadata(IS_PARTNER, true), UseGuards(PartnerCertificateGuard), ApiExtension(MUTUAL_TLS_EXTENSION, 'mutualTLS'));
