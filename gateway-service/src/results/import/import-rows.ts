/**
 * The rows of an import file, in CSV (a header row naming the columns) or
 * JSON Lines (one object per line), and what each row becomes on the ledger.
 *
 * The file names the holder by ID number, as the city's records do; the
 * ledger gets only the holder reference the gateway computes from it
 * (readImportedResult in the domain says why).
 */
import {
  APPLICANT_RULES,
  applicantRefOf,
  applicantSaltOf,
  asString,
  ImportedResultInput,
  invalidArgument,
  onlyFields,
  Payload,
  readCertificateNumber,
  readImportedResult,
} from '@tongban/chaincode/domain';

/** The multipart field that carries the file. */
export const IMPORT_FILE_FIELD = 'file';

/** The fields of a row of an import file; expiresOn may be left out (or empty). */
export const IMPORT_FILE_FIELDS = [
  'certificateNumber',
  'serviceItemCode',
  'holderIdNumber',
  'documentSha256',
  'issuedOn',
  'expiresOn',
  'status',
] as const;
const OPTIONAL_FIELDS: readonly string[] = ['expiresOn'];

export type ImportFormat = 'csv' | 'jsonl';

/** A row that cannot be read as a row at all (its quoting, its JSON, its number of fields). */
export class MalformedRowError extends Error {
  readonly code = 'MALFORMED_ROW';

  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MalformedRowError';
  }
}

/** The format of a file, from its first line that is not blank: JSON Lines start with an object, CSV with its header. */
export const formatOf = (firstLine: string): ImportFormat => (firstLine.trimStart().startsWith('{') ? 'jsonl' : 'csv');

/** A blank line (skipped: it is no row). */
export const isBlank = (text: string): boolean => text.trim() === '';

/**
 * Splits a CSV line (RFC 4180 quoting: "a, b" and "say ""hi""") into its
 * fields; unquoted fields are trimmed. A field cannot span lines.
 */
export function splitCsvLine(text: string): string[] {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    let field: string;
    const rest = text.slice(position);
    if (rest.trimStart().startsWith('"')) {
      position += rest.length - rest.trimStart().length + 1;
      field = '';
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote === -1) throw new MalformedRowError('a quoted field is not closed (a field cannot span lines)');
        field += text.slice(position, quote);
        position = quote + 1;
        if (text[position] !== '"') break;
        field += '"';
        position += 1;
      }
      const after = text.indexOf(',', position);
      const trailing = text.slice(position, after === -1 ? text.length : after);
      if (trailing.trim() !== '') throw new MalformedRowError('text follows the closing quote of a field');
      position = after === -1 ? text.length : after;
    } else {
      const comma = text.indexOf(',', position);
      const end = comma === -1 ? text.length : comma;
      field = text.slice(position, end).trim();
      if (field.includes('"')) throw new MalformedRowError('a quote inside an unquoted field (quote the whole field, doubling its quotes)');
      position = end;
    }
    fields.push(field);
    if (position >= text.length) return fields;
    position += 1;
  }
}

/**
 * Reads a CSV header: the columns, each a field of IMPORT_FILE_FIELDS, in any
 * order, every required one present. Refused with INVALID_ARGUMENT: the file as a whole cannot be read.
 */
export function readCsvHeader(text: string): string[] {
  let columns: string[];
  try {
    columns = splitCsvLine(text);
  } catch (error) {
    throw invalidArgument(`the CSV header cannot be read: ${error instanceof MalformedRowError ? error.reason : String(error)}`);
  }
  const known: readonly string[] = IMPORT_FILE_FIELDS;
  const unknown = columns.filter((column) => !known.includes(column));
  if (unknown.length > 0) {
    throw invalidArgument(`the CSV header names unknown columns (${unknown.join(', ')}); the columns are ${IMPORT_FILE_FIELDS.join(', ')}`);
  }
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (repeated.length > 0) {
    throw invalidArgument(`the CSV header repeats ${[...new Set(repeated)].join(', ')}`);
  }
  const missing = known.filter((field) => !OPTIONAL_FIELDS.includes(field) && !columns.includes(field));
  if (missing.length > 0) {
    throw invalidArgument(`the CSV header lacks ${missing.join(', ')}; the columns are ${IMPORT_FILE_FIELDS.join(', ')}`);
  }
  return columns;
}

/** A CSV line as a row: the value of each column of the header, empty values left out. */
export function csvRow(columns: readonly string[], text: string): Payload {
  const fields = splitCsvLine(text);
  if (fields.length !== columns.length) {
    throw new MalformedRowError(`the line has ${fields.length} fields; the header has ${columns.length}`);
  }
  const row: Payload = {};
  columns.forEach((column, index) => {
    if (fields[index] !== '') row[column] = fields[index];
  });
  return row;
}

/** A JSON Lines line as a row. */
export function jsonRow(text: string): Payload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedRowError('the line is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedRowError('the line is not a JSON object');
  }
  return value as Payload;
}

/**
 * A row of the file as the ledger gets it: the holder's ID number replaced by
 * the holder reference, salted by the certificate number under the gateway's
 * secret (the rule of cases), and every field checked as the chaincode will
 * check it, `today` being the day of the import. Refusals name the field.
 */
export function ledgerRowOf(row: Payload, saltSecret: string, today: string): ImportedResultInput {
  onlyFields(row, '', IMPORT_FILE_FIELDS);
  const { holderIdNumber, ...rest } = row;
  const certificateNumber = readCertificateNumber(row.certificateNumber);
  const idNumber = asString(holderIdNumber, 'holderIdNumber', APPLICANT_RULES.idNumber);
  return readImportedResult({ ...rest, holderRef: applicantRefOf(applicantSaltOf(saltSecret, certificateNumber), idNumber) }, '', today);
}
