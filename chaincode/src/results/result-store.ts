/** Results on the ledger: the one place that reads and creates them. */
import { Context } from 'fabric-contract-api';
import { CaseRecord } from '../cases/case-record';
import { keys } from '../common/keys';
import { createJointRecord, readExisting, readRecord } from '../common/ledger';
import { conflict, readCertificateNumber, ResultInput } from '../domain';
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
