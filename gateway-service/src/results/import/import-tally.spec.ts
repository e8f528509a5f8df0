import { ImportTally } from './import-tally';

const file = { sha256: 'f'.repeat(64), format: 'csv' as const, bytes: 100 };

describe('ImportTally', () => {
  it('adds up batches and maps each rejection from its index in the batch to its line', () => {
    const tally = new ImportTally();
    for (const line of [2, 3, 5, 6]) tally.read(line);
    tally.reject(4, 'MALFORMED_ROW', 'the line is not valid JSON');
    tally.addBatch([2, 3], { created: 1, unchanged: 0, rejected: [{ index: 1, code: 'CONFLICT', message: 'taken' }] }, true);
    tally.addBatch([5, 6], { created: 0, unchanged: 2, rejected: [] }, false);
    expect(tally.report(file)).toEqual({
      fileSha256: file.sha256,
      format: 'csv',
      bytes: 100,
      rows: 4,
      created: 1,
      unchanged: 2,
      rejected: 2,
      rejections: [
        { line: 3, code: 'CONFLICT', reason: 'taken' },
        { line: 4, code: 'MALFORMED_ROW', reason: 'the line is not valid JSON' },
      ],
      batches: 2,
      committedBatches: 1,
      changed: true,
      message: '1 results imported, 2 already imported, 2 rows rejected',
    });
  });

  it('says when nothing changed', () => {
    const tally = new ImportTally();
    tally.addBatch([2, 3], { created: 0, unchanged: 2, rejected: [] }, false);
    expect(tally.report(file)).toMatchObject({ changed: false, message: 'nothing changed: all 2 rows were already imported' });
    tally.reject(4, 'INVALID_ARGUMENT', 'status must be one of VALID, REVOKED');
    expect(tally.report(file).message).toBe('nothing changed: 2 rows were already imported, 1 rows rejected');
  });

  it('lists the first rejections by line, however late they were found, and counts them all', () => {
    const tally = new ImportTally(3);
    for (const line of [50, 40, 30, 20, 60, 70, 80]) tally.reject(line, 'MALFORMED_ROW', 'bad');
    tally.addBatch([10, 11], { created: 1, unchanged: 0, rejected: [{ index: 0, code: 'CONFLICT', message: 'taken' }] }, true);
    const report = tally.report(file);
    expect(report.rejected).toBe(8);
    expect(report.rejections.map((rejection) => rejection.line)).toEqual([10, 20, 30]);
    expect(report.message).toBe('1 results imported, 0 already imported, 8 rows rejected (the first 3 rejected rows are listed)');
  });
});
