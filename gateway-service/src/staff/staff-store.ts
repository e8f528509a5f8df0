import { Role } from '@tongban/chaincode/domain';
import { DataStore } from '../common/data-store';

/** Where a staff member stands: invited (not enrolled yet), enrolled and active, suspended, or revoked for good. */
export type StaffStatus = 'INVITED' | 'ACTIVE' | 'SUSPENDED' | 'REVOKED';

/** A person of the city's staff, as the city's gateway keeps them (their name never leaves the city). */
export interface StaffMember {
  /** Their enrolment ID at the city's CA, the CN of their certificate: what the ledger's timelines name. */
  id: string;
  name: string;
  role: Role;
  status: StaffStatus;
  invitedBy: string;
  invitedAt: string;
  enrolledAt?: string;
  /** PEM of their certificate, once enrolled. */
  certificate?: string;
  /** The last change of status by an admin, and why. */
  changedAt?: string;
  reason?: string;
}

/** The city's staff in an embedded LevelDB (classic-level) under the gateway's data folder, by ID. */
export class StaffStore extends DataStore<StaffMember> {
  get(id: string): Promise<StaffMember | undefined> {
    return this.db.get(id);
  }

  put(member: StaffMember): Promise<void> {
    return this.db.put(member.id, member);
  }

  async list(): Promise<StaffMember[]> {
    return this.db.values().all();
  }
}
