import { CanActivate, ExecutionContext, HttpStatus, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../api-error';
import { ApiKeyEntry, GatewayConfig, Role } from '../../config/configuration';
import { StaffSessions } from '../../staff/staff-sessions';
import { IS_PARTNER, IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { Caller, RequestWithCaller } from './caller';

/** The header partner systems send their API key in. */
export const API_KEY_HEADER = 'x-api-key';
const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/** The token of an `Authorization: Bearer …` header (a staff session's), if the header holds one. */
export const bearerTokenOf = (authorization: unknown): string | undefined =>
  typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;

/**
 * Authenticates every request that is neither public nor for partner
 * gateways (those present TLS client certificates: PartnerCertificateGuard):
 * a partner system by API key (stored as SHA-256, compared in constant time
 * against every configured key), a signed-in staff member by the bearer token
 * of their session (StaffSessions). Either acts in exactly one role of this
 * city, and is allowed only the routes naming that role.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeyEntry[];

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService,
    @Optional() private readonly staffSessions?: StaffSessions,
  ) {
    this.keys = (config.get<GatewayConfig>('gateway') as GatewayConfig).apiKeys;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(IS_PARTNER, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<RequestWithCaller & { headers: Record<string, string | string[] | undefined> }>();
    const caller = await this.callerOf(request.headers);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(caller.role)) {
      const who = caller.staffSession ? `staff member ${caller.name}` : `the API key ${caller.name}`;
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ROLE_NOT_ALLOWED',
        `this operation needs the role ${roles.join(' or ') || '(none)'}; ${who} acts as ${caller.role}`,
      );
    }
    request.caller = caller;
    return true;
  }

  private async callerOf(headers: Record<string, string | string[] | undefined>): Promise<Caller> {
    const token = bearerTokenOf(headers.authorization);
    if (token && this.staffSessions) {
      const session = await this.staffSessions.resolve(token);
      return { name: session.staffId, role: session.role, staffSession: session };
    }
    const presented = headers[API_KEY_HEADER];
    if (typeof presented !== 'string' || presented === '') {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', `send your API key in the ${API_KEY_HEADER} header`);
    }
    const entry = this.match(presented);
    if (!entry) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'the API key is not known to this gateway');
    }
    return { name: entry.name, role: entry.role, staffSession: undefined };
  }

  private match(presented: string): ApiKeyEntry | undefined {
    return findByHash(this.keys, presented);
  }
}

/** Compares against every entry so the time taken does not reveal which one matched. */
function findByHash<T extends { sha256: Buffer }>(entries: T[], presented: string): T | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: T | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(digest, entry.sha256) && !found) {
      found = entry;
    }
  }
  return found;
}
