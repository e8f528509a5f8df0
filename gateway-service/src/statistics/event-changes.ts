/**
 * What one chaincode event changes in the statistics: pure, so the follower
 * and the tests apply the same rules.
 */
import {
  caseActionOf,
  CaseEventAction,
  CaseEventPayload,
  DomainError,
  readCaseEventPayload,
  readResultEventPayload,
} from '@tongban/chaincode/domain';
import type { StoredEvent } from '../events/event-log';
import { Count, minutesBetween, monthOf, RowKey } from './figures';

/** An accepted case awaiting its decision: all the statistics keep of a single case. */
export interface OpenCase {
  caseId: string;
  dueAt: string;
  /** Where it counts as overdue once its due time has passed: the month it falls due. */
  row: RowKey;
}

export type Change =
  | { kind: 'count'; row: RowKey; count: Count }
  | { kind: 'decision'; row: RowKey; minutes: number }
  | { kind: 'open'; openCase: OpenCase }
  | { kind: 'close'; openCase: OpenCase };

/** The figure each step adds one to, in the month it happened (decisions add their duration too). */
const COUNTED_STEPS: Partial<Record<CaseEventAction, Count>> = {
  receive: 'received',
  verify: 'forwarded',
  accept: 'accepted',
  refuse: 'refused',
  approve: 'handled',
  reject: 'handled',
};

/**
 * The changes of one event; undefined for an event the statistics cannot read
 * (one emitted by a chaincode from before its events named the service item
 * and times), which is not counted.
 */
export function changesOf(event: StoredEvent): Change[] | undefined {
  try {
    const action = caseActionOf(event.name);
    if (action) return caseChanges(action, readCaseEventPayload(event.payload));
    if (event.name === 'result.recognise') {
      const result = readResultEventPayload(event.payload);
      // A result imported from a city's earlier records belongs to no case, hence to no city pair.
      if (result.caseId === undefined) return [];
      const row = {
        month: monthOf(result.at),
        receivingMsp: result.receivingMsp,
        handlingMsp: result.issuingMsp,
        serviceItemCode: result.serviceItem.code,
      };
      return [{ kind: 'count', row, count: 'recognitions' }];
    }
    return [];
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

function caseChanges(action: CaseEventAction, payload: CaseEventPayload): Change[] {
  const rowIn = (timestamp: string): RowKey => ({
    month: monthOf(timestamp),
    receivingMsp: payload.receivingMsp,
    handlingMsp: payload.handlingMsp,
    serviceItemCode: payload.serviceItem.code,
  });
  const count = COUNTED_STEPS[action];
  const changes: Change[] = count ? [{ kind: 'count', row: rowIn(payload.at), count }] : [];
  const { dueAt, decidedAt } = payload;
  if (dueAt === undefined) return changes;
  const openCase: OpenCase = { caseId: payload.caseId, dueAt, row: rowIn(dueAt) };
  if (action === 'accept') changes.push({ kind: 'open', openCase });
  if ((action === 'approve' || action === 'reject') && decidedAt !== undefined) {
    changes.push({ kind: 'decision', row: rowIn(decidedAt), minutes: minutesBetween(payload.receivedAt, decidedAt) });
    changes.push({ kind: 'close', openCase });
    // Overdue counts in the month the case fell due; one still open past it is counted when asked (see the report).
    if (decidedAt > dueAt) changes.push({ kind: 'count', row: rowIn(dueAt), count: 'overdue' });
  }
  return changes;
}
