import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { getAgreement } from '../agreements/agreement-store';
import { ServiceItem } from '../catalogue/service-item';
import { getServiceItem } from '../catalogue/service-item-store';
import { callerOf, requireRole } from '../common/caller';
import { unmarshal } from '../common/codec';
import { KEY_TYPES, keys } from '../common/keys';
import { createJointRecord, emitEvent, readRecord, txTime, writeRecord } from '../common/ledger';
import {
  bindsOn,
  conflict,
  dayOf,
  DomainError,
  forbidden,
  invalidTransition,
  preconditionFailed,
  readCertificateNumber,
  readDocumentSha256,
  readImportBatch,
  readImportedResult,
  readPurpose,
  readReason,
  ResultEventPayload,
  verdictOf,
} from '../domain';
import { ImportSummary, Recognition, ResultRecord, ResultVerification } from './result';
import { findResult, getResult, importResult } from './result-store';

/** 办理结果 and 结果互认: verification, revocation and recognition of issued results. */
@Info({ title: 'Results', description: 'Issued results, their verification and mutual recognition' })
export class ResultContract extends Contract {
  constructor() {
    super('Results');
  }

  @Transaction(false)
  @Returns('ResultRecord')
  async GetResult(ctx: Context, certificateNumber: string): Promise<ResultRecord> {
    return getResult(ctx, certificateNumber);
  }

  /** Anyone on the channel: is this document a valid result? VALID, REVOKED, EXPIRED, UNKNOWN or HASH_MISMATCH. */
  @Transaction(false)
  @Returns('ResultVerification')
  async VerifyResult(ctx: Context, certificateNumber: string, documentSha256: string): Promise<ResultVerification> {
    const number = readCertificateNumber(certificateNumber);
    const hash = readDocumentSha256(documentSha256);
    const result = await findResult(ctx, number);
    const verdict = verdictOf(result, hash, dayOf(txTime(ctx)));
    return { certificateNumber: number, verdict, result: verdict === 'UNKNOWN' ? undefined : result };
  }

  /** The issuing city's reviewer revokes a result; its recognitions read as revoked from then on. */
  @Transaction()
  @Returns('ResultRecord')
  async RevokeResult(ctx: Context, certificateNumber: string, reason: string): Promise<ResultRecord> {
    const caller = callerOf(ctx);
    requireRole(caller, 'revoke a result', 'reviewer');
    const result = await getResult(ctx, certificateNumber);
    if (caller.mspId !== result.issuingMsp) {
      throw forbidden(`result ${result.certificateNumber} was issued by ${result.issuingMsp}; ${caller.mspId} may not revoke it`);
    }
    if (result.status === 'REVOKED') {
      throw invalidTransition(`result ${result.certificateNumber} is REVOKED; revoke needs VALID`);
    }
    result.status = 'REVOKED';
    result.revokedAt = txTime(ctx);
    result.revocationReason = readReason(reason);
    result.updatedTxId = ctx.stub.getTxID();
    await writeRecord(ctx, keys.result(ctx, result.certificateNumber), result);
    emitResultEvent(ctx, 'result.revoke', result);
    return result;
  }

  /**
   * A partner city accepts a result for its own procedures (结果互认). It must be
   * in an active agreement with the issuing city, and the result valid today.
   */
  @Transaction()
  @Returns('Recognition')
  async RecogniseResult(ctx: Context, certificateNumber: string, agreementId: string, purpose: string): Promise<Recognition> {
    const caller = callerOf(ctx);
    requireRole(caller, 'recognise a result', 'reviewer', 'clerk');
    const result = await getResult(ctx, certificateNumber);
    const why = readPurpose(purpose);
    const at = txTime(ctx);
    if (caller.mspId === result.issuingMsp) {
      throw forbidden(`${caller.mspId} issued result ${result.certificateNumber}; recognition is for partner cities`);
    }
    const agreement = await getAgreement(ctx, agreementId);
    if (!bindsOn(agreement, dayOf(at), caller.mspId, result.issuingMsp)) {
      throw preconditionFailed(`agreement ${agreement.id} (${agreement.status}) does not bind ${caller.mspId} and ${result.issuingMsp} today`);
    }
    const verdict = verdictOf(result, result.documentSha256, dayOf(at));
    if (verdict !== 'VALID') {
      throw preconditionFailed(`result ${result.certificateNumber} is ${verdict}; only a valid result can be recognised`);
    }
    const key = keys.recognition(ctx, result.certificateNumber, caller.mspId);
    if (await readRecord(ctx, key)) {
      throw conflict(`${caller.mspId} already recognised result ${result.certificateNumber}`);
    }
    const recognition: Recognition = {
      certificateNumber: result.certificateNumber,
      recognisingMsp: caller.mspId,
      purpose: why,
      subject: caller.subject,
      recordedAt: at,
      txId: ctx.stub.getTxID(),
      resultRevoked: false,
    };
    await createJointRecord(ctx, key, recognition, [caller.mspId]);
    emitResultEvent(ctx, 'result.recognise', result, caller.mspId);
    return recognition;
  }

  /**
   * The caller's city imports results it issued before the ledger (its admin
   * only; the caller's city is the issuing city): `rowsJson` is a JSON array of
   * 1 to 500 rows (readImportedResult), each of a service item of the city's
   * catalogue. Each row is judged alone: a new certificate number is recorded,
   * marked imported; the same import again changes nothing (unchanged); a bad
   * row, or a number recorded otherwise, is rejected with its index and reason
   * while the other rows are recorded. One event for the batch, if it recorded any.
   */
  @Transaction()
  @Returns('ImportSummary')
  async ImportResults(ctx: Context, rowsJson: string): Promise<ImportSummary> {
    const caller = callerOf(ctx);
    requireRole(caller, 'import results', 'admin');
    const rows = readImportBatch(rowsJson);
    const at = txTime(ctx);
    const items = new Map<string, Promise<ServiceItem>>();
    const itemOf = (code: string): Promise<ServiceItem> => {
      const item = items.get(code) ?? getServiceItem(ctx, { ownerMsp: caller.mspId, code });
      items.set(code, item);
      return item;
    };
    const written = new Map<string, ResultRecord>();
    const summary: ImportSummary = { created: 0, unchanged: 0, rejected: [] };
    for (const [index, value] of rows.entries()) {
      try {
        const row = readImportedResult(value, '', dayOf(at));
        const outcome = await importResult(ctx, caller.mspId, row, await itemOf(row.serviceItemCode), at, written);
        summary[outcome] += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        summary.rejected.push({ index, code: error.code, message: error.detail });
      }
    }
    if (summary.created > 0) {
      emitEvent(ctx, 'result.import', {
        issuingMsp: caller.mspId,
        created: summary.created,
        unchanged: summary.unchanged,
        rejected: summary.rejected.length,
      });
    }
    return summary;
  }

  /** The recognitions of a result, flagged when the result has since been revoked. */
  @Transaction(false)
  @Returns('Recognition[]')
  async ListRecognitions(ctx: Context, certificateNumber: string): Promise<Recognition[]> {
    const result = await getResult(ctx, certificateNumber);
    const recognitions: Recognition[] = [];
    for await (const entry of ctx.stub.getStateByPartialCompositeKey(KEY_TYPES.recognition, [result.certificateNumber])) {
      const recognition = unmarshal(entry.value) as Recognition;
      recognition.resultRevoked = result.status === 'REVOKED';
      recognitions.push(recognition);
    }
    return recognitions;
  }
}

/** The event of a change to a result: ids, cities, its service item and the time; no holder data. */
function emitResultEvent(ctx: Context, name: string, result: ResultRecord, recognisingMsp?: string): void {
  const payload: ResultEventPayload = {
    certificateNumber: result.certificateNumber,
    caseId: result.caseId,
    status: result.status,
    issuingMsp: result.issuingMsp,
    receivingMsp: result.receivingMsp,
    serviceItem: { ownerMsp: result.serviceItem.ownerMsp, code: result.serviceItem.code },
    at: txTime(ctx),
    recognisingMsp,
  };
  emitEvent(ctx, name, payload);
}
