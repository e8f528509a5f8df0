/**
 * Every ledger key the chaincode writes, built in one place. Records and
 * their indexes are composite keys; the due-date index uses simple keys
 * because Fabric only range-queries simple keys.
 */
import { Context } from 'fabric-contract-api';

/** Object types of the composite keys, also used for partial-key queries. */
export const KEY_TYPES = {
  serviceItem: 'serviceItem',
  agreement: 'agreement',
  agreementByParty: 'agreement~party',
  case: 'case',
  result: 'result',
  recognition: 'recognition',
} as const;

export const keys = {
  serviceItem: (ctx: Context, ownerMsp: string, code: string) => ctx.stub.createCompositeKey(KEY_TYPES.serviceItem, [ownerMsp, code]),
  agreement: (ctx: Context, id: string) => ctx.stub.createCompositeKey(KEY_TYPES.agreement, [id]),
  agreementByParty: (ctx: Context, mspId: string, id: string) => ctx.stub.createCompositeKey(KEY_TYPES.agreementByParty, [mspId, id]),
  case: (ctx: Context, id: string) => ctx.stub.createCompositeKey(KEY_TYPES.case, [id]),
  result: (ctx: Context, certificateNumber: string) => ctx.stub.createCompositeKey(KEY_TYPES.result, [certificateNumber]),
  recognition: (ctx: Context, certificateNumber: string, mspId: string) =>
    ctx.stub.createCompositeKey(KEY_TYPES.recognition, [certificateNumber, mspId]),
};

/** Object types of the case indexes, queried by partial composite key. */
export const CASE_INDEX = {
  byReceiving: 'case~receiving~status',
  byHandling: 'case~handling~status',
  byPair: 'case~pair~status',
} as const;

/** Simple-key index of undecided cases by handling city and due time. */
export const DUE_INDEX_PREFIX = 'caseDue|';
export const dueIndexKey = (handlingMsp: string, dueAt: string, caseId: string): string => `${DUE_INDEX_PREFIX}${handlingMsp}|${dueAt}|${caseId}`;
