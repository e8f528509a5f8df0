/** Cases as the gateway answers them, and the route of each lifecycle action. */
import type { CaseAction, CaseStatus } from '@tongban/chaincode/domain';
// The lifecycle table itself (pure TypeScript), not the domain's index, which also holds Node-only hashing.
import { TRANSITIONS } from '../../../../chaincode/src/domain/lifecycle';

export interface MaterialEntry {
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
  location: string;
}

export interface TimelineEntry {
  action: string;
  from?: string;
  to: string;
  mspId: string;
  role: string;
  subject: string;
  at: string;
  txId: string;
  reason?: string;
}

export interface CaseRecord {
  id: string;
  serviceItem: { ownerMsp: string; code: string; version: number };
  agreementId: string;
  receivingMsp: string;
  handlingMsp: string;
  manifest: { version: number; materials: MaterialEntry[] };
  status: CaseStatus;
  receivedAt: string;
  dueAt?: string;
  reason?: string;
  certificateNumber?: string;
  timeline: TimelineEntry[];
  updatedAt: string;
}

export interface CasePage {
  cases: CaseRecord[];
  bookmark: string;
}

/** The REST route (under /cases/{id}/) of each action. */
export const ACTION_ROUTES: Record<CaseAction, string> = {
  verify: 'verification',
  withdraw: 'withdrawal',
  accept: 'acceptance',
  requestSupplement: 'supplement-request',
  refuse: 'refusal',
  supplement: 'supplement',
  approve: 'approval',
  reject: 'rejection',
  issueResult: 'result',
  deliver: 'delivery',
};

/** Actions that need a reason. */
export const REASONED: readonly CaseAction[] = ['withdraw', 'requestSupplement', 'refuse', 'reject'];

/** What this city, in this role, may do to the case now. */
export function actionsFor(record: CaseRecord, mspId: string, role: string): CaseAction[] {
  return TRANSITIONS.filter(
    (transition) =>
      transition.from === record.status &&
      transition.role === role &&
      (transition.party === 'receiving' ? record.receivingMsp : record.handlingMsp) === mspId,
  ).map((transition) => transition.action);
}

/** An accepted case past its due time. */
export const isOverdue = (record: CaseRecord, now = Date.now()): boolean =>
  record.status === 'ACCEPTED' && record.dueAt !== undefined && Date.parse(record.dueAt) < now;

/** The staff ID or role user a timeline entry names: the CN of its certificate subject. */
export const actorOf = (subject: string): string => /CN=([^,/:]+)/.exec(subject)?.[1] ?? subject;

/** An agreement between cities, as the gateway answers it. */
export interface Agreement {
  id: string;
  title: string;
  parties: string[];
  serviceItems: { ownerMsp: string; code: string }[];
  status: string;
  signatures: { mspId: string; signedAt: string }[];
}

/** A service item of a city's catalogue. */
export interface ServiceItem {
  code: string;
  name: string;
  promisedDays: number;
  materials: { name: string; mandatory: boolean }[];
}
