import { applicantRefOf, applicantSaltOf, DomainError } from '@tongban/chaincode/domain';
import { csvRow, formatOf, IMPORT_FILE_FIELDS, jsonRow, ledgerRowOf, MalformedRowError, readCsvHeader, splitCsvLine } from './import-rows';

const SECRET = 'a-test-secret-that-is-long-enough-0123';
const TODAY = '2026-01-05';
const row = {
  certificateNumber: 'JY-H1',
  serviceItemCode: 'HD-HIST-001',
  holderIdNumber: '110101199003071234',
  documentSha256: 'd'.repeat(64),
  issuedOn: '2020-01-02',
  expiresOn: '2030-01-01',
  status: 'VALID',
};

function reasonOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof MalformedRowError) return `${error.code}: ${error.reason}`;
    if (error instanceof DomainError) return `${error.code}: ${error.detail}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('import rows', () => {
  it('tells JSON Lines from CSV by the first line', () => {
    expect(formatOf(' {"certificateNumber": "JY-1"}')).toBe('jsonl');
    expect(formatOf(IMPORT_FILE_FIELDS.join(','))).toBe('csv');
  });

  it('splits CSV lines with RFC 4180 quoting, trimming unquoted fields', () => {
    expect(splitCsvLine('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('"a, b","say ""hi""",')).toEqual(['a, b', 'say "hi"', '']);
    expect(splitCsvLine(' "x" ,,')).toEqual(['x', '', '']);
    expect(splitCsvLine('')).toEqual(['']);
  });

  it('refuses CSV lines it cannot split, saying why', () => {
    expect(reasonOf(() => splitCsvLine('"a,b'))).toBe('MALFORMED_ROW: a quoted field is not closed (a field cannot span lines)');
    expect(reasonOf(() => splitCsvLine('"a"b,c'))).toBe('MALFORMED_ROW: text follows the closing quote of a field');
    expect(reasonOf(() => splitCsvLine('a"b,c'))).toBe(
      'MALFORMED_ROW: a quote inside an unquoted field (quote the whole field, doubling its quotes)',
    );
  });

  it('reads a CSV header in any order, with or without expiresOn, and refuses unknown, repeated or missing columns', () => {
    expect(readCsvHeader('status,certificateNumber,serviceItemCode,holderIdNumber,documentSha256,issuedOn')).toHaveLength(6);
    const columns = IMPORT_FILE_FIELDS.join(',');
    expect(reasonOf(() => readCsvHeader(`${columns},holderName`))).toBe(
      `INVALID_ARGUMENT: the CSV header names unknown columns (holderName); the columns are ${IMPORT_FILE_FIELDS.join(', ')}`,
    );
    expect(reasonOf(() => readCsvHeader(`${columns},status`))).toBe('INVALID_ARGUMENT: the CSV header repeats status');
    expect(reasonOf(() => readCsvHeader('certificateNumber,status'))).toBe(
      `INVALID_ARGUMENT: the CSV header lacks serviceItemCode, holderIdNumber, documentSha256, issuedOn; the columns are ${IMPORT_FILE_FIELDS.join(', ')}`,
    );
  });

  it('reads a CSV line by its header, leaving empty values out, and refuses a wrong number of fields', () => {
    const columns = readCsvHeader(IMPORT_FILE_FIELDS.join(','));
    expect(csvRow(columns, Object.values(row).join(','))).toEqual(row);
    const { expiresOn: _expiry, ...lasting } = row;
    expect(csvRow(columns, Object.values({ ...row, expiresOn: '' }).join(','))).toEqual(lasting);
    expect(reasonOf(() => csvRow(columns, 'JY-1,HD-HIST-001'))).toBe('MALFORMED_ROW: the line has 2 fields; the header has 7');
  });

  it('reads a JSON line as an object only', () => {
    expect(jsonRow(JSON.stringify(row))).toEqual(row);
    expect(reasonOf(() => jsonRow('{"certificateNumber": '))).toBe('MALFORMED_ROW: the line is not valid JSON');
    expect(reasonOf(() => jsonRow('["JY-1"]'))).toBe('MALFORMED_ROW: the line is not a JSON object');
  });

  it('gives the ledger the holder reference salted by the certificate number, never the ID number', () => {
    const ledgerRow = ledgerRowOf(row, SECRET, TODAY);
    expect(ledgerRow).toEqual({
      certificateNumber: 'JY-H1',
      serviceItemCode: 'HD-HIST-001',
      holderRef: applicantRefOf(applicantSaltOf(SECRET, 'JY-H1'), row.holderIdNumber),
      documentSha256: row.documentSha256,
      issuedOn: '2020-01-02',
      expiresOn: '2030-01-01',
      status: 'VALID',
    });
    expect(JSON.stringify(ledgerRow)).not.toContain(row.holderIdNumber);
    expect(ledgerRowOf(row, SECRET, TODAY)).toEqual(ledgerRow);
    expect(ledgerRowOf({ ...row, certificateNumber: 'JY-H2' }, SECRET, TODAY).holderRef).not.toBe(ledgerRow.holderRef);
  });

  it('refuses a row by the chaincode’s rules, naming the field', () => {
    expect(reasonOf(() => ledgerRowOf({ ...row, holderIdNumber: '110101-1990' }, SECRET, TODAY))).toBe(
      'INVALID_ARGUMENT: holderIdNumber must be letters and digits',
    );
    expect(reasonOf(() => ledgerRowOf({ ...row, holderIdNumber: undefined }, SECRET, TODAY))).toBe('INVALID_ARGUMENT: holderIdNumber is required');
    expect(reasonOf(() => ledgerRowOf({ ...row, holderRef: 'a'.repeat(64) }, SECRET, TODAY))).toBe(
      'INVALID_ARGUMENT: holderRef is not a known field',
    );
    expect(reasonOf(() => ledgerRowOf({ ...row, expiresOn: '2019-12-31' }, SECRET, TODAY))).toBe(
      'INVALID_ARGUMENT: expiresOn 2019-12-31 must be after issuedOn 2020-01-02',
    );
    expect(reasonOf(() => ledgerRowOf({ ...row, status: 'valid' }, SECRET, TODAY))).toBe('INVALID_ARGUMENT: status must be one of VALID, REVOKED');
    expect(reasonOf(() => ledgerRowOf({ ...row, issuedOn: 20200102 }, SECRET, TODAY))).toBe(
      'INVALID_ARGUMENT: issuedOn must be a date written YYYY-MM-DD',
    );
  });
});
