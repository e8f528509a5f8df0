import { Object as DataType, Property } from 'fabric-contract-api';
import { ServiceItemRef } from '../cases/case-record';
import { ResultStatus, Verdict } from '../domain';

/**
 * 办理结果: the licence or certificate a handling city issued for a case, or
 * one a city issued before the ledger and imported (`imported`).
 */
@DataType()
export class ResultRecord {
  @Property('certificateNumber', 'string')
  certificateNumber = '';

  /** The case the result was issued for; absent for an imported result, which has none. */
  @Property('caseId', 'string')
  caseId?: string;

  @Property('serviceItem', 'ServiceItemRef')
  serviceItem: ServiceItemRef = new ServiceItemRef();

  /**
   * The case's applicantRef: identifies the holder without personal data. An
   * imported result's is made by the same rule, salted by its certificate number.
   */
  @Property('holderRef', 'string')
  holderRef = '';

  @Property('documentSha256', 'string')
  documentSha256 = '';

  /** When the result was issued; for an imported result, midnight (UTC) of its day of issue. */
  @Property('issuedAt', 'string')
  issuedAt = '';

  /** Last day (YYYY-MM-DD) the result is valid; absent when it does not expire. */
  @Property('expiresOn', 'string')
  expiresOn?: string;

  @Property('issuingMsp', 'string')
  issuingMsp = '';

  /** The city that received the application; for an imported result, the issuing city itself. */
  @Property('receivingMsp', 'string')
  receivingMsp = '';

  @Property('status', 'string')
  status: ResultStatus = 'VALID';

  @Property('revokedAt', 'string')
  revokedAt?: string;

  @Property('revocationReason', 'string')
  revocationReason?: string;

  /** True for a result imported from the issuing city's earlier records; absent for one issued on the ledger. */
  @Property('imported', 'boolean')
  imported?: boolean;

  /** When it was imported (the import transaction's time). */
  @Property('importedAt', 'string')
  importedAt?: string;

  @Property('updatedTxId', 'string')
  updatedTxId = '';
}

/** A row an import did not record: its position in the batch, and why. */
@DataType()
export class ImportRejection {
  /** The row's index in the batch (from 0). */
  @Property('index', 'number')
  index = 0;

  /** The domain's refusal code: INVALID_ARGUMENT, NOT_FOUND (service item) or CONFLICT (certificate number taken). */
  @Property('code', 'string')
  code = '';

  @Property('message', 'string')
  message = '';
}

/** What one import batch did: results created, rows already imported as they are, rows rejected. */
@DataType()
export class ImportSummary {
  @Property('created', 'number')
  created = 0;

  @Property('unchanged', 'number')
  unchanged = 0;

  @Property('rejected', 'ImportRejection[]')
  rejected: ImportRejection[] = [];
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
