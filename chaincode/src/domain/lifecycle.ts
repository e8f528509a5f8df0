/**
 * The case lifecycle of DOMAIN.md as data: every allowed transition, and who
 * may make it. The contract and the tests both read this table.
 */
import { Role } from './roles';

export const CASE_STATUSES = [
  'RECEIVED',
  'FORWARDED',
  'WITHDRAWN',
  'ACCEPTED',
  'SUPPLEMENT_REQUIRED',
  'NOT_ACCEPTED',
  'APPROVED',
  'REJECTED',
  'RESULT_ISSUED',
  'DELIVERED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'verify',
  'withdraw',
  'accept',
  'requestSupplement',
  'refuse',
  'supplement',
  'approve',
  'reject',
  'issueResult',
  'deliver',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Which of the case's two cities acts: 受理地 (receiving) or 办理地 (handling). */
export type CaseParty = 'receiving' | 'handling';

export interface Transition {
  readonly from: CaseStatus;
  readonly action: CaseAction;
  readonly to: CaseStatus;
  readonly party: CaseParty;
  readonly role: Role;
}

/** Creating a case (receive) is not a transition: it has no "from". */
export const RECEIVE = { action: 'receive', to: 'RECEIVED', party: 'receiving', role: 'clerk' } as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: 'RECEIVED', action: 'verify', to: 'FORWARDED', party: 'receiving', role: 'clerk' },
  { from: 'RECEIVED', action: 'withdraw', to: 'WITHDRAWN', party: 'receiving', role: 'clerk' },
  { from: 'FORWARDED', action: 'accept', to: 'ACCEPTED', party: 'handling', role: 'reviewer' },
  { from: 'FORWARDED', action: 'requestSupplement', to: 'SUPPLEMENT_REQUIRED', party: 'handling', role: 'reviewer' },
  { from: 'FORWARDED', action: 'refuse', to: 'NOT_ACCEPTED', party: 'handling', role: 'reviewer' },
  { from: 'SUPPLEMENT_REQUIRED', action: 'supplement', to: 'RECEIVED', party: 'receiving', role: 'clerk' },
  { from: 'ACCEPTED', action: 'approve', to: 'APPROVED', party: 'handling', role: 'reviewer' },
  { from: 'ACCEPTED', action: 'reject', to: 'REJECTED', party: 'handling', role: 'reviewer' },
  { from: 'APPROVED', action: 'issueResult', to: 'RESULT_ISSUED', party: 'handling', role: 'reviewer' },
  { from: 'RESULT_ISSUED', action: 'deliver', to: 'DELIVERED', party: 'receiving', role: 'clerk' },
];

/** The transition `action` makes from `status`, if the lifecycle allows it. */
export function transitionFrom(status: CaseStatus, action: CaseAction): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.from === status && transition.action === action);
}

/** The actions the lifecycle allows from `status`. */
export function actionsFrom(status: CaseStatus): CaseAction[] {
  return TRANSITIONS.filter((transition) => transition.from === status).map((transition) => transition.action);
}

/** Statuses in which the handling city still owes a decision (they can become overdue). */
export const UNDECIDED_STATUSES: readonly CaseStatus[] = ['ACCEPTED'];

/** The chaincode transaction (`Contract:Transaction`) that applies `action`: `Cases:RequestSupplement` for requestSupplement. */
export const caseTransactionOf = (action: CaseAction | typeof RECEIVE.action): string => `Cases:${action.charAt(0).toUpperCase()}${action.slice(1)}`;
