/**
 * What the chaincode's events carry: ids, cities, the service item and times,
 * never personal data. Enough for a city's systems to follow (and count) the
 * cases without reading the ledger. The chaincode writes these payloads and
 * the gateway reads them back with the readers below.
 */
import { ItemRef, readItemRef } from './cases';
import { CASE_ACTIONS, CASE_STATUSES, CaseStatus, RECEIVE } from './lifecycle';
import { asEnum, asObject, asString, optional, StringRule } from './readers';
import { RESULT_STATUSES, ResultStatus } from './results';
import { readId } from './rules';

/** A transaction time as the chaincode writes it (isoTime): UTC, milliseconds. */
export const TIMESTAMP_RULE: StringRule = {
  max: 24,
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  patternHint: 'an ISO-8601 time in UTC such as 2026-01-05T09:00:00.000Z',
};

const readTimestamp = (value: unknown, path: string): string => asString(value, path, TIMESTAMP_RULE);

/** The payload of `case.<action>`, emitted by every step of a case. */
export interface CaseEventPayload {
  caseId: string;
  status: CaseStatus;
  receivingMsp: string;
  handlingMsp: string;
  serviceItem: ItemRef;
  /** When the step happened (its transaction's time). */
  at: string;
  receivedAt: string;
  /** From acceptance on: acceptance plus the item's promised days. */
  dueAt?: string;
  /** From refusal, approval or rejection on. */
  decidedAt?: string;
}

/** The payload of `result.revoke` and `result.recognise`. */
export interface ResultEventPayload {
  certificateNumber: string;
  /** Absent for an imported result, which no case produced. */
  caseId?: string;
  status: ResultStatus;
  issuingMsp: string;
  /** The case's receiving city; the issuing city itself for an imported result. */
  receivingMsp: string;
  serviceItem: ItemRef;
  at: string;
  /** For result.recognise: the city that recognised it. */
  recognisingMsp?: string;
}

/** The steps a case event is named after (`case.receive`, `case.accept`, ...). */
export const CASE_EVENT_ACTIONS = [RECEIVE.action, ...CASE_ACTIONS] as const;
export type CaseEventAction = (typeof CASE_EVENT_ACTIONS)[number];

const CASE_EVENT_PREFIX = 'case.';

/** The step a case event's name stands for, or undefined for any other event. */
export function caseActionOf(eventName: string): CaseEventAction | undefined {
  const action = eventName.slice(CASE_EVENT_PREFIX.length);
  return eventName.startsWith(CASE_EVENT_PREFIX) && (CASE_EVENT_ACTIONS as readonly string[]).includes(action)
    ? (action as CaseEventAction)
    : undefined;
}

/**
 * Reads a case event's payload. Fields added later are ignored, so a reader
 * of an older build still reads newer events; an event of a build before
 * these fields existed is refused (INVALID_ARGUMENT naming the field).
 */
export function readCaseEventPayload(value: unknown): CaseEventPayload {
  const payload = asObject(value, 'payload');
  return {
    caseId: readId(payload.caseId, 'payload.caseId'),
    status: asEnum(payload.status, 'payload.status', CASE_STATUSES),
    receivingMsp: readId(payload.receivingMsp, 'payload.receivingMsp'),
    handlingMsp: readId(payload.handlingMsp, 'payload.handlingMsp'),
    serviceItem: readItemRef(pick(payload.serviceItem, ['ownerMsp', 'code']), 'payload.serviceItem'),
    at: readTimestamp(payload.at, 'payload.at'),
    receivedAt: readTimestamp(payload.receivedAt, 'payload.receivedAt'),
    dueAt: optional(payload.dueAt, 'payload.dueAt', readTimestamp),
    decidedAt: optional(payload.decidedAt, 'payload.decidedAt', readTimestamp),
  };
}

/** Reads a result event's payload, as readCaseEventPayload does. */
export function readResultEventPayload(value: unknown): ResultEventPayload {
  const payload = asObject(value, 'payload');
  return {
    certificateNumber: readId(payload.certificateNumber, 'payload.certificateNumber'),
    caseId: optional(payload.caseId, 'payload.caseId', readId),
    status: asEnum(payload.status, 'payload.status', RESULT_STATUSES),
    issuingMsp: readId(payload.issuingMsp, 'payload.issuingMsp'),
    receivingMsp: readId(payload.receivingMsp, 'payload.receivingMsp'),
    serviceItem: readItemRef(pick(payload.serviceItem, ['ownerMsp', 'code']), 'payload.serviceItem'),
    at: readTimestamp(payload.at, 'payload.at'),
    recognisingMsp: optional(payload.recognisingMsp, 'payload.recognisingMsp', readId),
  };
}

/** The named fields of an object (readItemRef refuses others; an event may carry more). */
function pick(value: unknown, fields: readonly string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(fields.map((field) => [field, (value as Record<string, unknown>)[field]]));
}
