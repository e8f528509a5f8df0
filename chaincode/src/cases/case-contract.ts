import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { getAgreement } from '../agreements/agreement-store';
import { getServiceItem } from '../catalogue/service-item-store';
import { Caller, callerOf, requireRole } from '../common/caller';
import { unmarshal } from '../common/codec';
import { CASE_INDEX, DUE_INDEX_PREFIX, keys } from '../common/keys';
import { createJointRecord, emitEvent, isoTime, readRecord, txTime, writeRecord } from '../common/ledger';
import {
  actionsFrom,
  addDays,
  applicantDataHashOf,
  applicantRefOf,
  CaseAction,
  CaseEventPayload,
  CaseStatus,
  conflict,
  coversCase,
  dayOf,
  forbidden,
  invalidArgument,
  invalidTransition,
  notFound,
  parsePayload,
  preconditionFailed,
  RECEIVE,
  readCaseFilter,
  readCaseInput,
  readId,
  KEY_RANGE_END,
  readBookmarkWithin,
  readPageSize,
  readReason,
  readResultInput,
  readSupplement,
  transitionFrom,
} from '../domain';
import { createResult } from '../results/result-store';
import { loadApplicantData, readApplicantTransient, storeApplicantData } from './applicant';
import { reindexCase } from './case-indexes';
import { Applicant, CaseHistoryEntry, CasePage, CaseRecord } from './case-record';
import { getCase } from './case-store';

/** Index keys read per query when counting cases. */
const COUNT_PAGE_SIZE = 1000;

/** 办件: the cross-city case lifecycle of DOMAIN.md, driven by the table in lifecycle.ts. */
@Info({ title: 'Cases', description: 'Cases received in one city and handled by another' })
export class CaseContract extends Contract {
  constructor() {
    super('Cases');
  }

  /**
   * Opens a case: a clerk of the receiving city (the caller's) records it under
   * an active agreement covering the item for both cities. The applicant's
   * personal data comes in the transient field `applicant`; only its hashes are public.
   */
  @Transaction()
  @Returns('CaseRecord')
  async Receive(ctx: Context, caseJson: string): Promise<CaseRecord> {
    const caller = callerOf(ctx);
    requireRole(caller, 'receive a case', RECEIVE.role);
    const input = readCaseInput(parsePayload(caseJson, 'case'));
    const applicant = readApplicantTransient(ctx);
    const key = keys.case(ctx, input.id);
    const existing = await readRecord<CaseRecord>(ctx, key);
    if (existing) {
      throw conflict(`case ${input.id} already exists (${existing.status}, received by ${existing.receivingMsp})`);
    }
    const item = await getServiceItem(ctx, input.serviceItem);
    if (item.ownerMsp === caller.mspId) {
      throw invalidArgument(`service item ${item.code} belongs to ${caller.mspId}: a city does not forward cases to itself`);
    }
    const at = txTime(ctx);
    const agreement = await getAgreement(ctx, input.agreementId);
    if (!coversCase(agreement, dayOf(at), input.serviceItem, caller.mspId)) {
      throw preconditionFailed(
        `agreement ${agreement.id} (${agreement.status}, ${agreement.validFrom} to ${agreement.validUntil}) does not cover ` +
          `service item ${item.code} of ${item.ownerMsp} for ${caller.mspId} today`,
      );
    }
    const record: CaseRecord = {
      id: input.id,
      serviceItem: { ownerMsp: item.ownerMsp, code: item.code, version: item.version },
      agreementId: agreement.id,
      receivingMsp: caller.mspId,
      handlingMsp: item.ownerMsp,
      applicantRef: applicantRefOf(applicant.salt, applicant.idNumber),
      applicantDataHash: applicantDataHashOf(applicant),
      manifest: { version: 1, materials: input.materials },
      status: RECEIVE.to,
      receivedAt: at,
      timeline: [],
      updatedAt: at,
      updatedTxId: ctx.stub.getTxID(),
    };
    appendTimeline(ctx, record, caller, RECEIVE.action, at);
    const parties = [record.receivingMsp, record.handlingMsp] as const;
    await createJointRecord(ctx, key, record, parties);
    await reindexCase(ctx, undefined, record);
    await storeApplicantData(ctx, record.id, applicant, parties);
    emitCaseEvent(ctx, RECEIVE.action, record);
    return record;
  }

  /** The receiving city's clerk confirms the materials and forwards the case. */
  @Transaction()
  @Returns('CaseRecord')
  async Verify(ctx: Context, caseId: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'verify', async (record) => {
      const item = await getServiceItem(ctx, record.serviceItem);
      const present = new Set(record.manifest.materials.map((material) => material.name));
      const missing = item.materials.filter((material) => material.mandatory && !present.has(material.name));
      if (missing.length > 0) {
        throw preconditionFailed(
          `case ${record.id} is ${record.status}; verify needs every mandatory material, missing: ${missing.map((material) => material.name).join(', ')}`,
        );
      }
    });
  }

  @Transaction()
  @Returns('CaseRecord')
  async Withdraw(ctx: Context, caseId: string, reason: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'withdraw', (record) => {
      record.reason = readReason(reason);
    });
  }

  /** The handling city's reviewer accepts: the promised days start now. */
  @Transaction()
  @Returns('CaseRecord')
  async Accept(ctx: Context, caseId: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'accept', async (record, at) => {
      const item = await getServiceItem(ctx, record.serviceItem);
      record.acceptedAt = at;
      record.dueAt = addDays(at, item.promisedDays);
      record.reason = undefined;
    });
  }

  @Transaction()
  @Returns('CaseRecord')
  async RequestSupplement(ctx: Context, caseId: string, reason: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'requestSupplement', (record) => {
      record.reason = readReason(reason);
    });
  }

  /** 不予受理 */
  @Transaction()
  @Returns('CaseRecord')
  async Refuse(ctx: Context, caseId: string, reason: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'refuse', (record, at) => {
      record.reason = readReason(reason);
      record.decidedAt = at;
    });
  }

  /** The receiving city's clerk hands in the requested materials as a new manifest version. */
  @Transaction()
  @Returns('CaseRecord')
  async Supplement(ctx: Context, caseId: string, manifestJson: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'supplement', (record) => {
      const materials = readSupplement(parsePayload(manifestJson, 'manifest'));
      record.manifest = { version: record.manifest.version + 1, materials };
      record.reason = undefined;
    });
  }

  @Transaction()
  @Returns('CaseRecord')
  async Approve(ctx: Context, caseId: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'approve', (record, at) => {
      record.decidedAt = at;
    });
  }

  @Transaction()
  @Returns('CaseRecord')
  async Reject(ctx: Context, caseId: string, reason: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'reject', (record, at) => {
      record.reason = readReason(reason);
      record.decidedAt = at;
    });
  }

  /** Issues the result of an approved case; it is verifiable by anyone on the channel. */
  @Transaction()
  @Returns('CaseRecord')
  async IssueResult(ctx: Context, caseId: string, resultJson: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'issueResult', async (record, at) => {
      const input = readResultInput(parsePayload(resultJson, 'result'));
      await createResult(ctx, record, input, at);
      record.certificateNumber = input.certificateNumber;
    });
  }

  @Transaction()
  @Returns('CaseRecord')
  async Deliver(ctx: Context, caseId: string): Promise<CaseRecord> {
    return this.advance(ctx, caseId, 'deliver', () => undefined);
  }

  @Transaction(false)
  @Returns('CaseRecord')
  async GetCase(ctx: Context, caseId: string): Promise<CaseRecord> {
    return getCase(ctx, caseId);
  }

  /**
   * The applicant's personal data, for the receiving or handling city only,
   * read from the two cities' private data on the caller's own city's peer.
   */
  @Transaction(false)
  @Returns('Applicant')
  async GetApplicantData(ctx: Context, caseId: string): Promise<Applicant> {
    const caller = callerOf(ctx);
    requireRole(caller, 'read applicant data', 'clerk', 'reviewer', 'auditor');
    const record = await getCase(ctx, caseId);
    if (caller.mspId !== record.receivingMsp && caller.mspId !== record.handlingMsp) {
      throw forbidden(`${caller.mspId} is neither the receiving nor the handling city of case ${record.id}`);
    }
    if (ctx.stub.getMspID() !== caller.mspId) {
      throw forbidden(`applicant data of case ${record.id} is read on a peer of ${caller.mspId}, not of ${ctx.stub.getMspID()}`);
    }
    const data = await loadApplicantData(ctx, record.id, [record.receivingMsp, record.handlingMsp]);
    if (!data || applicantDataHashOf(data) !== record.applicantDataHash) {
      throw notFound(`applicant data of case ${record.id} is not on this peer or does not match the case's hash`);
    }
    // The salt stays in the store: it is what makes the public applicant reference unguessable.
    const { salt: _salt, ...applicant } = data;
    return applicant;
  }

  /**
   * A page of cases by receiving city, handling city or both, optionally of one
   * status. Reads only the page: the cost does not grow with the ledger.
   */
  @Transaction(false)
  @Returns('CasePage')
  async ListCases(ctx: Context, receivingMsp: string, handlingMsp: string, status: string, pageSize: string, bookmark: string): Promise<CasePage> {
    const size = readPageSize(pageSize);
    const given = (value: string) => (value === '' ? undefined : value);
    const filter = readCaseFilter({ receivingMsp: given(receivingMsp), handlingMsp: given(handlingMsp), status: given(status) });
    const statusFilter = filter.status === undefined ? [] : [filter.status];
    let index: string;
    let attributes: string[];
    if (filter.receivingMsp !== undefined && filter.handlingMsp !== undefined) {
      [index, attributes] = [CASE_INDEX.byPair, [filter.receivingMsp, filter.handlingMsp, ...statusFilter]];
    } else if (filter.receivingMsp !== undefined) {
      [index, attributes] = [CASE_INDEX.byReceiving, [filter.receivingMsp, ...statusFilter]];
    } else {
      [index, attributes] = [CASE_INDEX.byHandling, [filter.handlingMsp as string, ...statusFilter]];
    }
    const start = ctx.stub.createCompositeKey(index, attributes);
    const from = readBookmarkWithin(bookmark, { start, end: `${start}${KEY_RANGE_END}` });
    const query = ctx.stub.getStateByPartialCompositeKeyWithPagination(index, attributes, size, from);
    const cases: CaseRecord[] = [];
    for await (const entry of query) {
      const { attributes: parts } = ctx.stub.splitCompositeKey(entry.key);
      cases.push(await getCase(ctx, parts[parts.length - 1]));
    }
    return { cases, bookmark: cases.length < size ? '' : (await query).metadata.bookmark };
  }

  /** Accepted cases of a handling city whose due time has passed, oldest first. */
  @Transaction(false)
  @Returns('CasePage')
  async ListOverdueCases(ctx: Context, handlingMsp: string, pageSize: string, bookmark: string): Promise<CasePage> {
    const handling = readId(handlingMsp, 'handlingMsp');
    const size = readPageSize(pageSize);
    const prefix = `${DUE_INDEX_PREFIX}${handling}|`;
    const range = { start: prefix, end: `${prefix}${txTime(ctx)}` };
    const query = ctx.stub.getStateByRangeWithPagination(range.start, range.end, size, readBookmarkWithin(bookmark, range));
    const cases: CaseRecord[] = [];
    for await (const entry of query) {
      cases.push(await getCase(ctx, entry.key.slice(entry.key.lastIndexOf('|') + 1)));
    }
    return { cases, bookmark: cases.length < size ? '' : (await query).metadata.bookmark };
  }

  /** Every committed version of a case, from the ledger's key history, newest first. */
  @Transaction(false)
  @Returns('CaseHistoryEntry[]')
  async GetCaseHistory(ctx: Context, caseId: string): Promise<CaseHistoryEntry[]> {
    const record = await getCase(ctx, caseId);
    const history: CaseHistoryEntry[] = [];
    for await (const { txId, timestamp, isDelete, value } of ctx.stub.getHistoryForKey(keys.case(ctx, record.id))) {
      history.push({
        txId,
        timestamp: isoTime(timestamp),
        isDelete,
        record: isDelete ? undefined : (unmarshal(value) as CaseRecord),
      });
    }
    return history;
  }

  /**
   * Number of cases per receiving city, handling city and status. Reads index
   * keys only, page by page: one unpaginated query would stop silently at the
   * peer's totalQueryLimit (100,000 by default).
   */
  @Transaction(false)
  @Returns('string')
  async CountCases(ctx: Context): Promise<string> {
    const counts: Record<string, Record<string, Record<string, number>>> = {};
    let bookmark = '';
    do {
      const query = ctx.stub.getStateByPartialCompositeKeyWithPagination(CASE_INDEX.byPair, [], COUNT_PAGE_SIZE, bookmark);
      let fetched = 0;
      for await (const entry of query) {
        const [receiving, handling, status] = ctx.stub.splitCompositeKey(entry.key).attributes;
        const byStatus = ((counts[receiving] ??= {})[handling] ??= {});
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        fetched += 1;
      }
      // An empty page comes without metadata (the peer sends none when every field is empty).
      bookmark = fetched < COUNT_PAGE_SIZE ? '' : (await query).metadata.bookmark;
    } while (bookmark !== '');
    return JSON.stringify(counts);
  }

  /**
   * Applies one lifecycle action: checks the table, then the caller's city and
   * role, lets `change` update the record, and records it, its indexes, its
   * timeline entry and its event. Nothing is written if any step throws.
   */
  private async advance(
    ctx: Context,
    caseId: string,
    action: CaseAction,
    change: (record: CaseRecord, at: string) => void | Promise<void>,
  ): Promise<CaseRecord> {
    const caller = callerOf(ctx);
    const before = await getCase(ctx, caseId);
    const transition = transitionFrom(before.status, action);
    if (!transition) {
      const allowed = actionsFrom(before.status);
      throw invalidTransition(
        `case ${before.id} is ${before.status}; ${action} is not allowed from ${before.status} ` +
          `(allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none, the case is closed'})`,
      );
    }
    const actingMsp = transition.party === 'receiving' ? before.receivingMsp : before.handlingMsp;
    if (caller.mspId !== actingMsp || caller.role !== transition.role) {
      throw forbidden(
        `case ${before.id} is ${before.status}; ${action} must be done by a ${transition.role} of the ` +
          `${transition.party} city ${actingMsp}, not by a ${caller.role} of ${caller.mspId}`,
      );
    }
    const at = txTime(ctx);
    const after: CaseRecord = structuredClone(before);
    await change(after, at);
    after.status = transition.to;
    after.updatedAt = at;
    after.updatedTxId = ctx.stub.getTxID();
    appendTimeline(ctx, after, caller, action, at, before.status, after.reason !== before.reason ? after.reason : undefined);
    await writeRecord(ctx, keys.case(ctx, after.id), after);
    await reindexCase(ctx, before, after);
    emitCaseEvent(ctx, action, after);
    return after;
  }
}

function appendTimeline(ctx: Context, record: CaseRecord, caller: Caller, action: string, at: string, from?: CaseStatus, reason?: string): void {
  record.timeline.push({
    action,
    from,
    to: record.status,
    mspId: caller.mspId,
    role: caller.role,
    subject: caller.subject,
    at,
    txId: ctx.stub.getTxID(),
    reason,
  });
}

/**
 * One event per state change, named after it: ids, cities, the service item
 * and times, never personal data (what a city's statistics need, see CaseEventPayload).
 */
function emitCaseEvent(ctx: Context, action: string, record: CaseRecord): void {
  const payload: CaseEventPayload = {
    caseId: record.id,
    status: record.status,
    receivingMsp: record.receivingMsp,
    handlingMsp: record.handlingMsp,
    serviceItem: { ownerMsp: record.serviceItem.ownerMsp, code: record.serviceItem.code },
    at: record.updatedAt,
    receivedAt: record.receivedAt,
    dueAt: record.dueAt,
    decidedAt: record.decidedAt,
  };
  emitEvent(ctx, `case.${action}`, payload);
}
