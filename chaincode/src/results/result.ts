import { Object as DataType, Property } from 'fabric-contract-api';
import { ServiceItemRef } from '../cases/case-record';
import { ResultStatus, Verdict } from '../domain';

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
