import { IMPORT_FILE_FIELDS, ledgerRowOf } from '../results/import/import-rows';
import { csvHeader, formatRow, historicalRow, idNumberOf, parseGeneratorArguments } from './historical-results';

const SECRET = 'a-test-secret-that-is-long-enough-0123';

describe('historical results generator', () => {
  it('makes the same row for the same city, index and seed, and another for another seed', () => {
    expect(historicalRow(7, { city: 'haidian' })).toEqual(historicalRow(7, { city: 'haidian' }));
    expect(historicalRow(7, { city: 'haidian' }).certificateNumber).toBe('HIST-HAIDIAN-0000007');
    expect(historicalRow(7, { city: 'haidian', seed: 'other' })).not.toEqual(historicalRow(7, { city: 'haidian' }));
    expect(historicalRow(7, { city: 'haidian', prefix: 'T1', item: 'HD-X' })).toMatchObject({
      certificateNumber: 'T1-0000007',
      serviceItemCode: 'HD-X',
    });
  });

  it('makes rows the gateway accepts, with valid ID numbers, some revoked and some without expiry', () => {
    const rows = Array.from({ length: 1000 }, (_, index) => historicalRow(index + 1, { city: 'foshan' }));
    for (const row of rows) {
      const { expiresOn, ...rest } = row;
      expect(() => ledgerRowOf(expiresOn === '' ? rest : row, SECRET, '2026-01-05')).not.toThrow();
      expect(idNumberOf(row.holderIdNumber.slice(0, 17))).toBe(row.holderIdNumber);
    }
    expect(new Set(rows.map((row) => row.certificateNumber)).size).toBe(1000);
    expect(rows.some((row) => row.status === 'REVOKED')).toBe(true);
    expect(rows.some((row) => row.expiresOn === '')).toBe(true);
  });

  it('computes the check character of a resident ID number', () => {
    expect(idNumberOf('11010519491231002')).toBe('11010519491231002X');
  });

  it('writes CSV with the header’s columns, and JSON lines without an empty expiry', () => {
    const row = { ...historicalRow(1, { city: 'tianjin' }), expiresOn: '' };
    expect(csvHeader()).toBe(IMPORT_FILE_FIELDS.join(','));
    expect(formatRow(row, 'csv').split(',')).toHaveLength(IMPORT_FILE_FIELDS.length);
    expect(JSON.parse(formatRow(row, 'jsonl'))).not.toHaveProperty('expiresOn');
  });

  it('reads its command line', () => {
    expect(parseGeneratorArguments(['--rows', '300', '--city', 'haidian'])).toEqual({
      rows: 300,
      city: 'haidian',
      format: 'csv',
      prefix: undefined,
      item: undefined,
      seed: undefined,
    });
    expect(() => parseGeneratorArguments(['--rows', '0', '--city', 'haidian'])).toThrow('usage:');
    expect(() => parseGeneratorArguments(['--rows', '3'])).toThrow('usage:');
    expect(() => parseGeneratorArguments(['--rows', '3', '--city', 'x', '--format', 'xml'])).toThrow('usage:');
    expect(() => parseGeneratorArguments(['--lines', '3'])).toThrow('unexpected argument --lines');
  });
});
