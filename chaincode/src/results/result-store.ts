/** Results on the ledger: the one place that reads and creates them. */
import { Context } from 'fabric-contract-api';
import { CaseRecord } from '../cases/case-record';
import { keys } from '../common/keys';
import { ServiceItem } from '../catalogue/service-item';
import { createJointRecord, readExisting, readRecord, requireEndorsementBy, writeRecord } from '../common/ledger';
import { conflict, importConflict, ImportedResultInput, importedIssuedAt, readCertificateNumber, ResultInput } from '../domain';
import { ResultRecord } from './result';

/** A result by certificate number, or NOT_FOUND. */
export const getResult = (ctx: Context, certificateNumber: string): Promise<ResultRecord> =>
  readExisting<ResultRecord>(ctx, keys.result(ctx, readCertificateNumber(certificateNumber)), `result ${certificateNumber}`);

/** A result by certificate number, if one was issued. */
export const findResult = (ctx: Context, certificateNumber: string): Promise<ResultRecord | undefined> =>
  readRecord<ResultRecord>(ctx, keys.result(ctx, certificateNumber));

/** Records the result of the case `record` (its issueResult transition), bound to both its cities. */
export async function createResult(ctx: Context, record: CaseRecord, input: ResultInput, at: string): Promise<ResultRecord> {
  const key = keys.result(ctx, input.certificateNumber);
  if (await readRecord(ctx, key)) {
    throw conflict(`certificate number ${input.certificateNumber} is already issued`);
  }
  const result: ResultRecord = {
    certificateNumber: input.certificateNumber,
    caseId: record.id,
    serviceItem: record.serviceItem,
    holderRef: record.applicantRef,
    documentSha256: input.documentSha256,
    issuedAt: at,
    expiresOn: input.expiresOn,
    issuingMsp: record.handlingMsp,
    receivingMsp: record.receivingMsp,
    status: 'VALID',
    updatedTxId: ctx.stub.getTxID(),
  };
  await createJointRecord(ctx, key, result, [result.issuingMsp, result.receivingMsp]);
  return result;
}

/** What importing one row did. */
export type ImportOutcome = 'created' | 'unchanged';

/**
 * Records `row` as a result `issuingMsp` issued before the ledger, for its
 * service item `item`; a row that is the same import as the result already
 * recorded under its certificate number changes nothing ('unchanged'), any
 * other result under that number is a CONFLICT. A transaction reads committed
 * state only, so `written` holds the results this transaction already wrote,
 * and a batch that repeats a number is judged as two imports would be.
 */
export async function importResult(
  ctx: Context,
  issuingMsp: string,
  row: ImportedResultInput,
  item: ServiceItem,
  at: string,
  written: Map<string, ResultRecord>,
): Promise<ImportOutcome> {
  const key = keys.result(ctx, row.certificateNumber);
  const recorded = written.get(key) ?? (await readRecord<ResultRecord>(ctx, key));
  if (recorded) {
    const why = importConflict(recorded, row, issuingMsp);
    if (why !== undefined) throw conflict(why);
    return 'unchanged';
  }
  const result: ResultRecord = {
    certificateNumber: row.certificateNumber,
    serviceItem: { ownerMsp: item.ownerMsp, code: item.code, version: item.version },
    holderRef: row.holderRef,
    documentSha256: row.documentSha256,
    issuedAt: importedIssuedAt(row.issuedOn),
    expiresOn: row.expiresOn,
    issuingMsp,
    receivingMsp: issuingMsp,
    status: row.status,
    imported: true,
    importedAt: at,
    updatedTxId: ctx.stub.getTxID(),
  };
  await writeRecord(ctx, key, result);
  // An issued result binds the two cities of its case, so its key-level policy
  // names both. An imported result has one party, the city that issued it: its
  // policy names that city alone. Its own peers endorse the import (no partner
  // is asked, so a batch needs one city's endorsement), and from then on no other
  // city's peer can endorse a change of it (a revocation included), whatever
  // code it runs: the channel's policy, any one city, would let any city do so.
  await requireEndorsementBy(ctx, key, [issuingMsp]);
  written.set(key, result);
  return 'created';
}
