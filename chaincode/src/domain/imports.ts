/**
 * Importing a city's historical results (licences it issued before the
 * ledger): what one row is, how many rows one transaction takes, and when a
 * row is the same import as a result already on the ledger.
 *
 * The holder is named by reference only. A row carries `holderRef`, never the
 * holder's ID number: chaincode arguments are written into the block in clear,
 * for every city to read. The city's gateway computes the reference from the
 * ID number in the city's file by the rule of cases (`applicantRefOf`), the
 * salt being derived from the certificate number under the gateway's secret
 * (`applicantSaltOf`), since an imported result has no case: the reference is
 * as unguessable as a case's, and the same file always yields the same
 * reference, which makes an import repeatable.
 */
import { invalidArgument } from './errors';
import { asDate, asEnum, asList, asObject, asString, fieldPath, ListRule, onlyFields, optional } from './readers';
import { readCertificateNumber, readDocumentSha256, RESULT_STATUSES, ResultStatus } from './results';
import { readId, SHA256_RULE } from './rules';

/**
 * Rows of one ImportResults transaction. Each row writes one record and its
 * key-level policy (under 1 KB of write set), so 500 rows stay well under a
 * megabyte per transaction, far from the orderer's 10 MB batch and gRPC's
 * 4 MB message limits, while one transaction still carries many results.
 */
export const IMPORT_BATCH_RULE: ListRule = { min: 1, max: 500 };

/** A holder reference: the SHA-256 (hex) of a salted ID number, as a case's applicantRef. */
export const HOLDER_REF_RULE = { ...SHA256_RULE, patternHint: '64 lower-case hex digits (a salted holder reference)' };

/** One historical result, as the issuing city imports it. */
export interface ImportedResultInput {
  certificateNumber: string;
  /** A service item of the issuing city's catalogue: what the result is for. */
  serviceItemCode: string;
  holderRef: string;
  documentSha256: string;
  /** Day of issue (YYYY-MM-DD), not after the day of the import. */
  issuedOn: string;
  /** Last valid day (YYYY-MM-DD), after issuedOn; absent when the result does not expire. */
  expiresOn?: string;
  status: ResultStatus;
}

export const IMPORTED_RESULT_FIELDS = [
  'certificateNumber',
  'serviceItemCode',
  'holderRef',
  'documentSha256',
  'issuedOn',
  'expiresOn',
  'status',
] as const;

/**
 * Reads one import row at `path` ('' for a row read alone), `today` being the
 * day of the import: errors name the field.
 */
export function readImportedResult(value: unknown, path: string, today: string): ImportedResultInput {
  const payload = asObject(value, path === '' ? 'row' : path);
  onlyFields(payload, path, IMPORTED_RESULT_FIELDS);
  const at = (field: string): string => fieldPath(path, field);
  const certificateNumber = readCertificateNumber(payload.certificateNumber, at('certificateNumber'));
  const serviceItemCode = readId(payload.serviceItemCode, at('serviceItemCode'));
  const holderRef = asString(payload.holderRef, at('holderRef'), HOLDER_REF_RULE);
  const documentSha256 = readDocumentSha256(payload.documentSha256, at('documentSha256'));
  const issuedOn = asDate(payload.issuedOn, at('issuedOn'));
  if (issuedOn > today) {
    throw invalidArgument(`${at('issuedOn')} ${issuedOn} is after today (${today}): only results already issued can be imported`);
  }
  const expiresOn = optional(payload.expiresOn, at('expiresOn'), asDate);
  if (expiresOn !== undefined && expiresOn <= issuedOn) {
    throw invalidArgument(`${at('expiresOn')} ${expiresOn} must be after issuedOn ${issuedOn}`);
  }
  const status = asEnum(payload.status, at('status'), RESULT_STATUSES);
  return { certificateNumber, serviceItemCode, holderRef, documentSha256, issuedOn, expiresOn, status };
}

/**
 * The rows of an ImportResults argument: a JSON array of 1 to 500 items, each
 * left unread, so that the contract reads (and may reject) each row alone.
 */
export function readImportBatch(json: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalidArgument('rows is not valid JSON');
  }
  return asList(value, 'rows', IMPORT_BATCH_RULE, (row) => row);
}

/** The issue time an imported result records: midnight (UTC) of its day of issue, the day being all the old records say. */
export const importedIssuedAt = (issuedOn: string): string => `${issuedOn}T00:00:00.000Z`;

/** The fields of a recorded result that an import row is compared with. */
export interface RecordedResultFields {
  certificateNumber: string;
  caseId?: string;
  serviceItem: { ownerMsp: string; code: string };
  holderRef: string;
  documentSha256: string;
  issuedAt: string;
  expiresOn?: string;
  issuingMsp: string;
  status: ResultStatus;
  revokedAt?: string;
  imported?: boolean;
}

/**
 * Why importing `row` by `issuingMsp` is refused although a result with its
 * certificate number is recorded, or undefined when the row is that very
 * import again (nothing to change). A VALID row matches a result imported
 * VALID and revoked on the ledger since: the file still says what was imported.
 */
export function importConflict(recorded: RecordedResultFields, row: ImportedResultInput, issuingMsp: string): string | undefined {
  const number = row.certificateNumber;
  if (recorded.imported !== true) {
    return `certificate number ${number} was issued on the ledger${recorded.caseId ? ` for case ${recorded.caseId}` : ''}`;
  }
  if (recorded.issuingMsp !== issuingMsp) {
    return `certificate number ${number} was imported by ${recorded.issuingMsp}`;
  }
  const revokedSince = recorded.status === 'REVOKED' && recorded.revokedAt !== undefined && row.status === 'VALID';
  const differences: [string, boolean][] = [
    ['serviceItemCode', recorded.serviceItem.code !== row.serviceItemCode],
    ['holderRef', recorded.holderRef !== row.holderRef],
    ['documentSha256', recorded.documentSha256 !== row.documentSha256],
    ['issuedOn', recorded.issuedAt !== importedIssuedAt(row.issuedOn)],
    ['expiresOn', recorded.expiresOn !== row.expiresOn],
    ['status', recorded.status !== row.status && !revokedSince],
  ];
  const differing = differences.filter(([, differs]) => differs).map(([field]) => field);
  return differing.length === 0 ? undefined : `certificate number ${number} was imported with another ${differing.join(', ')}`;
}
