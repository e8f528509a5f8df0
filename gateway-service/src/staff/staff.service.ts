import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { ROLE_ATTRIBUTE } from '@tongban/chaincode/domain';
import { randomBytes, X509Certificate } from 'node:crypto';
import { ApiError } from '../common/api-error';
import { FabricCaClient } from './ca-client';
import { InviteStaffRequest } from './staff.dto';
import { StaffMember, StaffStatus, StaffStore } from './staff-store';

/** The city's CA client, absent when the gateway is not configured for staff (no TONGBAN_CA_URL). */
export const CA_CLIENT = 'tongban:ca-client';
/** This gateway's city. */
export const STAFF_MSP_ID = 'tongban:staff-msp-id';

const notFound = (id: string) => new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `no staff member ${id} in this city`);
const conflict = (member: StaffMember, action: string) =>
  new ApiError(HttpStatus.CONFLICT, 'INVALID_STATUS', `staff member ${member.id} is ${member.status}; cannot ${action}`);

/**
 * Staff identities: an admin invites a person with a role, the city's CA
 * registers them (the role in their certificate's attribute) and gives a
 * one-time secret; the person enrols from their browser with a certification
 * request for a key that never leaves it. Admins suspend, reinstate and
 * revoke. The gateway never holds a staff member's private key.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly store: StaffStore,
    @Inject(STAFF_MSP_ID) private readonly mspId: string,
    @Optional() @Inject(CA_CLIENT) private readonly ca?: FabricCaClient,
  ) {}

  private get caClient(): FabricCaClient {
    if (!this.ca) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'STAFF_UNAVAILABLE',
        "this gateway manages no staff: it has no CA to register them with (TONGBAN_CA_URL and the CA's registrar are not configured)",
      );
    }
    return this.ca;
  }

  /** Registers a new staff member at the CA; answers them with their one-time enrolment secret. */
  async invite(request: InviteStaffRequest, invitedBy: string): Promise<StaffMember & { enrolmentSecret: string }> {
    const id = `staff-${randomBytes(5).toString('hex')}`;
    const enrolmentSecret = await this.caClient.register(id, [{ name: ROLE_ATTRIBUTE, value: request.role }]);
    const member: StaffMember = { id, ...request, status: 'INVITED', invitedBy, invitedAt: new Date().toISOString() };
    await this.store.put(member);
    return { ...member, enrolmentSecret };
  }

  list(): Promise<StaffMember[]> {
    return this.store.list();
  }

  async get(id: string): Promise<StaffMember> {
    const member = await this.store.get(id);
    if (!member) throw notFound(id);
    return member;
  }

  /**
   * The person's enrolment: the CA checks the one-time secret and signs the
   * request. An unknown ID and one not awaiting an enrolment get the same answer.
   */
  async enrol(id: string, secret: string, certificateRequest: string): Promise<{ id: string; mspId: string; certificate: string }> {
    const member = await this.store.get(id);
    if (!member || member.status !== 'INVITED') {
      throw new ApiError(HttpStatus.FORBIDDEN, 'ENROLMENT_REFUSED', `no invitation of ${id} awaits an enrolment here`);
    }
    const certificate = await this.caClient.enroll(id, secret, certificateRequest);
    const subject = new X509Certificate(certificate).subject;
    if (!subject.split('\n').includes(`CN=${id}`)) {
      throw new ApiError(HttpStatus.BAD_GATEWAY, 'CA_ANSWER_INVALID', `the CA's certificate for ${id} names ${subject.replace(/\n/g, ', ')}`);
    }
    await this.store.put({ ...member, status: 'ACTIVE', enrolledAt: new Date().toISOString(), certificate });
    return { id, mspId: this.mspId, certificate };
  }

  /**
   * The ACTIVE member the certificate was enrolled for (this very certificate,
   * not another with the same name); anyone else is refused with 403.
   */
  async activeMemberOf(certificate: string): Promise<StaffMember> {
    let parsed: X509Certificate;
    try {
      parsed = new X509Certificate(certificate);
    } catch {
      throw new ApiError(HttpStatus.FORBIDDEN, 'NOT_STAFF', 'the certificate is not a readable X.509 certificate, so not one this city enrolled');
    }
    const staffId = /^CN=(.+)$/m.exec(parsed.subject)?.[1] ?? '';
    const member = staffId ? await this.store.get(staffId) : undefined;
    if (!member?.certificate || new X509Certificate(member.certificate).fingerprint256 !== parsed.fingerprint256) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'NOT_STAFF', `the certificate of ${staffId || 'no one'} is not one this city's gateway enrolled`);
    }
    if (member.status !== 'ACTIVE') {
      throw new ApiError(HttpStatus.FORBIDDEN, 'STAFF_NOT_ACTIVE', `staff member ${staffId} is ${member.status}`);
    }
    return member;
  }

  /** An admin suspends a member (the signing routes refuse them) or reinstates them. */
  async setSuspended(id: string, suspended: boolean, reason?: string): Promise<StaffMember> {
    const member = await this.get(id);
    const allowed: StaffStatus[] = suspended ? ['INVITED', 'ACTIVE'] : ['SUSPENDED'];
    if (!allowed.includes(member.status)) throw conflict(member, suspended ? 'suspend' : 'reinstate');
    const status: StaffStatus = suspended ? 'SUSPENDED' : member.certificate ? 'ACTIVE' : 'INVITED';
    return this.change(member, status, reason);
  }

  /** Revokes every certificate of the member at the CA, for good. */
  async revoke(id: string, reason?: string): Promise<StaffMember> {
    const member = await this.get(id);
    if (member.status === 'REVOKED') throw conflict(member, 'revoke');
    await this.caClient.revoke(id, 'affiliationchanged');
    return this.change(member, 'REVOKED', reason);
  }

  private async change(member: StaffMember, status: StaffStatus, reason?: string): Promise<StaffMember> {
    const changed: StaffMember = { ...member, status, changedAt: new Date().toISOString(), reason };
    await this.store.put(changed);
    return changed;
  }
}
