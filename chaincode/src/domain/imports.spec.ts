import { applicantRefOf, applicantSaltOf } from './applicant';
import { DomainError } from './errors';
import {
  IMPORT_BATCH_RULE,
  importConflict,
  ImportedResultInput,
  importedIssuedAt,
  readImportBatch,
  readImportedResult,
  RecordedResultFields,
} from './imports';

const TODAY = '2026-01-05';
const row = {
  certificateNumber: 'JY-HIST-1',
  serviceItemCode: 'FS-FOOD-001',
  holderRef: 'a'.repeat(64),
  documentSha256: 'd'.repeat(64),
  issuedOn: '2019-03-01',
  expiresOn: '2024-02-29',
  status: 'VALID',
};

function refusalOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_ARGUMENT');
    return (error as DomainError).detail;
  }
  throw new Error('expected the reader to refuse');
}

describe('readImportedResult', () => {
  it('reads a row, with or without an expiry', () => {
    expect(readImportedResult(row, '', TODAY)).toEqual(row);
    const { expiresOn: _expiry, ...lasting } = row;
    expect(readImportedResult(lasting, '', TODAY)).toEqual({ ...lasting, expiresOn: undefined });
  });

  it('names the field that is wrong, by its path in a batch', () => {
    expect(refusalOf(() => readImportedResult({ ...row, certificateNumber: '' }, '', TODAY))).toBe(
      'certificateNumber must be 1 to 64 characters long',
    );
    expect(refusalOf(() => readImportedResult({ ...row, serviceItemCode: undefined }, '', TODAY))).toBe('serviceItemCode is required');
    expect(refusalOf(() => readImportedResult({ ...row, holderRef: '110101199003071234' }, '', TODAY))).toBe(
      'holderRef must be 64 lower-case hex digits (a salted holder reference)',
    );
    expect(refusalOf(() => readImportedResult({ ...row, documentSha256: 'D'.repeat(64) }, '', TODAY))).toBe(
      'documentSha256 must be 64 lower-case hex digits (SHA-256)',
    );
    expect(refusalOf(() => readImportedResult({ ...row, issuedOn: '2019-02-30' }, '', TODAY))).toBe('issuedOn must be a date written YYYY-MM-DD');
    expect(refusalOf(() => readImportedResult({ ...row, status: 'EXPIRED' }, '', TODAY))).toBe('status must be one of VALID, REVOKED');
    expect(refusalOf(() => readImportedResult({ ...row, status: 'EXPIRED' }, 'rows[3]', TODAY))).toBe('rows[3].status must be one of VALID, REVOKED');
    expect(refusalOf(() => readImportedResult('JY-1', '', TODAY))).toBe('row must be an object');
  });

  it('refuses the holder ID number and any other unknown field', () => {
    expect(refusalOf(() => readImportedResult({ ...row, holderIdNumber: '110101199003071234' }, '', TODAY))).toBe(
      'holderIdNumber is not a known field',
    );
  });

  it('refuses a result issued after today, or expiring on or before its day of issue', () => {
    expect(refusalOf(() => readImportedResult({ ...row, issuedOn: '2026-01-06', expiresOn: undefined }, '', TODAY))).toBe(
      'issuedOn 2026-01-06 is after today (2026-01-05): only results already issued can be imported',
    );
    expect(readImportedResult({ ...row, issuedOn: TODAY, expiresOn: undefined }, '', TODAY).issuedOn).toBe(TODAY);
    expect(refusalOf(() => readImportedResult({ ...row, expiresOn: row.issuedOn }, '', TODAY))).toBe(
      'expiresOn 2019-03-01 must be after issuedOn 2019-03-01',
    );
  });
});

describe('readImportBatch', () => {
  it(`takes a JSON array of ${IMPORT_BATCH_RULE.min} to ${IMPORT_BATCH_RULE.max} rows, leaving each row unread`, () => {
    expect(readImportBatch(JSON.stringify([row, 'not a row']))).toEqual([row, 'not a row']);
    expect(refusalOf(() => readImportBatch('[{'))).toBe('rows is not valid JSON');
    expect(refusalOf(() => readImportBatch('[]'))).toBe('rows must be a list of 1 to 500 items');
    expect(refusalOf(() => readImportBatch(JSON.stringify(new Array(IMPORT_BATCH_RULE.max + 1).fill(row))))).toBe(
      'rows must be a list of 1 to 500 items',
    );
  });
});

describe('importConflict', () => {
  const input = row as ImportedResultInput;
  const recorded: RecordedResultFields = {
    certificateNumber: row.certificateNumber,
    serviceItem: { ownerMsp: 'FoshanMSP', code: row.serviceItemCode },
    holderRef: row.holderRef,
    documentSha256: row.documentSha256,
    issuedAt: importedIssuedAt(row.issuedOn),
    expiresOn: row.expiresOn,
    issuingMsp: 'FoshanMSP',
    status: 'VALID',
    imported: true,
  };

  it('finds none for the same import again', () => {
    expect(importConflict(recorded, input, 'FoshanMSP')).toBeUndefined();
  });

  it('finds none when the result was revoked on the ledger since its import', () => {
    expect(importConflict({ ...recorded, status: 'REVOKED', revokedAt: '2026-02-01T00:00:00.000Z' }, input, 'FoshanMSP')).toBeUndefined();
  });

  it('names the fields that differ, never their values', () => {
    const other = { ...input, documentSha256: 'e'.repeat(64), expiresOn: undefined };
    expect(importConflict(recorded, other, 'FoshanMSP')).toBe('certificate number JY-HIST-1 was imported with another documentSha256, expiresOn');
    expect(importConflict({ ...recorded, status: 'REVOKED' }, input, 'FoshanMSP')).toBe(
      'certificate number JY-HIST-1 was imported with another status',
    );
  });

  it('refuses a number imported by another city, or issued on the ledger', () => {
    expect(importConflict(recorded, input, 'HaidianMSP')).toBe('certificate number JY-HIST-1 was imported by FoshanMSP');
    expect(importConflict({ ...recorded, imported: undefined, caseId: 'HD-1' }, input, 'FoshanMSP')).toBe(
      'certificate number JY-HIST-1 was issued on the ledger for case HD-1',
    );
  });
});

describe('applicantSaltOf', () => {
  it('derives the same salt from the same record id and secret, and another from another', () => {
    const secret = 'a-test-secret-that-is-long-enough-0123';
    expect(applicantSaltOf(secret, 'JY-1')).toMatch(/^[0-9a-f]{32}$/);
    expect(applicantSaltOf(secret, 'JY-1')).toBe(applicantSaltOf(secret, 'JY-1'));
    expect(applicantSaltOf(secret, 'JY-2')).not.toBe(applicantSaltOf(secret, 'JY-1'));
    expect(applicantSaltOf(`${secret}x`, 'JY-1')).not.toBe(applicantSaltOf(secret, 'JY-1'));
    expect(applicantRefOf(applicantSaltOf(secret, 'JY-1'), '110101199003071234')).toMatch(/^[0-9a-f]{64}$/);
  });
});
