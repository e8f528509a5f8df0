import { Object as DataType, Property } from 'fabric-contract-api';
import { ServiceItemRef, SHA256_RULE } from '../cases/case-record';
import { asDate } from '../common/dates';
import { ID_RULE, Payload, readString } from '../common/readers';

export const RESULT_STATUSES = ['VALID', 'REVOKED'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** 办理结果: the licence or certificate a handling city issued for a case. */
@DataType()
export class ResultRecord {
  @Property('certificateNumber', 'string')
  certificateNumber = '';

  @Property('caseId', 'string')
  caseId = '';

  @Property('serviceItem', 'ServiceItemRef')
  serviceItem: ServiceItemRef = new ServiceItemRef();

  /** The case's applicantRef: identifies the holder without personal data. */
  @Property('holderRef', 'string')
  holderRef = '';

  @Property('documentSha256', 'string')
  documentSha256 = '';

  @Property('issuedAt', 'string')
  issuedAt = '';

  /** Last day (YYYY-MM-DD) the result is valid; absent when it does not expire. */
  @Property('expiresOn', 'string')
  expiresOn?: string;

  @Property('issuingMsp', 'string')
  issuingMsp = '';

  @Property('receivingMsp', 'string')
  receivingMsp = '';

  @Property('status', 'string')
  status: ResultStatus = 'VALID';

  @Property('revokedAt', 'string')
  revokedAt?: string;

  @Property('revocationReason', 'string')
  revocationReason?: string;

  @Property('updatedTxId', 'string')
  updatedTxId = '';
}

export interface ResultInput {
  certificateNumber: string;
  documentSha256: string;
  expiresOn?: string;
}

/** Validates what the handling city's reviewer sends to issue a result. */
export function readResultInput(payload: Payload): ResultInput {
  return {
    certificateNumber: readString(payload, 'certificateNumber', ID_RULE),
    documentSha256: readString(payload, 'documentSha256', SHA256_RULE),
    expiresOn: payload.expiresOn === undefined ? undefined : asDate(payload.expiresOn, 'expiresOn'),
  };
}

/** 结果互认: a partner city's statement that it accepts a result, and why. */
@DataType()
export class Recognition {
  @Property('certificateNumber', 'string')
  certificateNumber = '';

  @Property('recognisingMsp', 'string')
  recognisingMsp = '';

  @Property('purpose', 'string')
  purpose = '';

  @Property('subject', 'string')
  subject = '';

  @Property('recordedAt', 'string')
  recordedAt = '';

  @Property('txId', 'string')
  txId = '';

  /** Filled in on reads: true once the result has been revoked. */
  @Property('resultRevoked', 'boolean')
  resultRevoked = false;
}

export const VERDICTS = ['VALID', 'REVOKED', 'EXPIRED', 'UNKNOWN', 'HASH_MISMATCH'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The answer to "is this document a valid result?". */
@DataType()
export class ResultVerification {
  @Property('certificateNumber', 'string')
  certificateNumber = '';

  @Property('verdict', 'string')
  verdict: Verdict = 'UNKNOWN';

  @Property('result', 'ResultRecord')
  result?: ResultRecord;
}

/** The verdict for a document claimed to be `record`, on calendar day `day`. */
export function verdictOf(record: ResultRecord | undefined, documentSha256: string, day: string): Verdict {
  if (!record) return 'UNKNOWN';
  if (record.documentSha256 !== documentSha256) return 'HASH_MISMATCH';
  if (record.status === 'REVOKED') return 'REVOKED';
  if (record.expiresOn !== undefined && record.expiresOn < day) return 'EXPIRED';
  return 'VALID';
}
