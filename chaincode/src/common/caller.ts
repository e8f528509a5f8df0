import { Context } from 'fabric-contract-api';
import { forbidden, isRole, Role, ROLE_ATTRIBUTE, ROLES } from '../domain';

/** Who is calling, taken from the transaction creator's certificate only. */
export interface Caller {
  /** The caller's city: its MSP ID, never a value the caller passes in. */
  readonly mspId: string;
  readonly role: Role;
  /** The certificate's subject and issuer, as Fabric formats them. */
  readonly subject: string;
}

/** Reads the caller from the creator's certificate; refuses certificates without a known role. */
export function callerOf(ctx: Context): Caller {
  const mspId = ctx.clientIdentity.getMSPID();
  const role = ctx.clientIdentity.getAttributeValue(ROLE_ATTRIBUTE);
  if (!role || !isRole(role)) {
    throw forbidden(`caller of ${mspId} has no ${ROLE_ATTRIBUTE} attribute with one of ${ROLES.join(', ')}`);
  }
  return { mspId, role, subject: ctx.clientIdentity.getID() };
}

/** Refuses the call unless the caller has one of the given roles. */
export function requireRole(caller: Caller, action: string, ...roles: Role[]): void {
  if (!roles.includes(caller.role)) {
    throw forbidden(`role ${caller.role} of ${caller.mspId} may not ${action}; it needs ${roles.join(' or ')}`);
  }
}
