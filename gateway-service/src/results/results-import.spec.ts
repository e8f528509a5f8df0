import SwaggerParser from '@apidevtools/swagger-parser';
import type { Server } from 'node:http';
import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { applicantRefOf, applicantSaltOf, ImportedResultInput } from '@tongban/chaincode/domain';
import request from 'supertest';
import { createTestApp, FakeLedger, LedgerCall, TEST_KEYS, testEnvironment } from '../../test/support/test-app';
import { LedgerUnavailableError } from '../fabric/ledger-errors';
import { IMPORT_FILE_FIELDS } from './import/import-rows';
import { LedgerImportSummary } from './import/import-tally';

const SECRET = testEnvironment().TONGBAN_APPLICANT_SALT_SECRET;
const HEADER = IMPORT_FILE_FIELDS.join(',');
const idNumber = (index: number) => `11010119900307${String(1000 + index)}`;
const csvLine = (index: number, overrides: Partial<Record<(typeof IMPORT_FILE_FIELDS)[number], string>> = {}) => {
  const row = {
    certificateNumber: `JY-H${index}`,
    serviceItemCode: 'HD-HIST-001',
    holderIdNumber: idNumber(index),
    documentSha256: 'd'.repeat(64),
    issuedOn: '2020-01-02',
    expiresOn: '2030-01-01',
    status: 'VALID',
    ...overrides,
  };
  return IMPORT_FILE_FIELDS.map((field) => row[field]).join(',');
};
const csvFile = (lines: string[]) => `${[HEADER, ...lines].join('\r\n')}\r\n`;
const fiveRows = csvFile([1, 2, 3, 4, 5].map((index) => csvLine(index)));

describe('POST /results/imports', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  /** The chaincode's results, by certificate number: a fake of ImportResults over them. */
  let recorded: Map<string, string>;
  let failSubmitOf: string | undefined;

  const rowsOf = (call: LedgerCall) => JSON.parse(call.args[0]) as ImportedResultInput[];
  const judge = (call: LedgerCall): LedgerImportSummary => {
    const rows = rowsOf(call);
    if (call.kind === 'submit' && rows.some((row) => row.certificateNumber === failSubmitOf)) {
      throw new LedgerUnavailableError('submit', 'orderer unavailable');
    }
    const summary: LedgerImportSummary = { created: 0, unchanged: 0, rejected: [] };
    rows.forEach((row, index) => {
      const existing = recorded.get(row.certificateNumber);
      if (existing === undefined) {
        summary.created += 1;
        if (call.kind === 'submit') recorded.set(row.certificateNumber, JSON.stringify(row));
      } else if (existing === JSON.stringify(row)) {
        summary.unchanged += 1;
      } else {
        summary.rejected.push({
          index,
          code: 'CONFLICT',
          message: `certificate number ${row.certificateNumber} was imported with another documentSha256`,
        });
      }
    });
    return summary;
  };

  beforeEach(async () => {
    ledger = new FakeLedger();
    recorded = new Map();
    failSubmitOf = undefined;
    ledger.answer('Results:ImportResults', judge);
    app = await createTestApp(ledger);
  });

  afterEach(() => app.close());

  const upload = (file: string, key = TEST_KEYS.admin, name = 'results.csv') =>
    request(app.getHttpServer()).post('/results/imports').set('x-api-key', key).attach('file', Buffer.from(file), name);

  it('imports a CSV file in batches, committed with this city’s endorsement, the ID numbers staying in the gateway', async () => {
    const response = await upload(fiveRows);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      fileSha256: createHash('sha256').update(fiveRows).digest('hex'),
      format: 'csv',
      bytes: Buffer.byteLength(fiveRows),
      rows: 5,
      created: 5,
      unchanged: 0,
      rejected: 0,
      rejections: [],
      batches: 3,
      committedBatches: 3,
      changed: true,
      message: '5 results imported, 0 already imported, 0 rows rejected',
    });
    const submits = ledger.calls.filter((call) => call.kind === 'submit');
    expect(submits.map(rowsOf).map((rows) => rows.map((row) => row.certificateNumber))).toEqual([['JY-H1', 'JY-H2'], ['JY-H3', 'JY-H4'], ['JY-H5']]);
    for (const call of submits) {
      expect(call).toMatchObject({ role: 'admin', transaction: 'Results:ImportResults', options: { endorsingOrganizations: ['HaidianMSP'] } });
    }
    expect(ledger.calls.map((call) => call.args.join(' ')).join(' ')).not.toContain(idNumber(1));
    expect(rowsOf(submits[0])[0].holderRef).toBe(applicantRefOf(applicantSaltOf(SECRET, 'JY-H1'), idNumber(1)));
  });

  it('changes nothing and says so when the same file is sent again, committing no transaction', async () => {
    await upload(fiveRows);
    const before = ledger.calls.length;
    const again = await upload(fiveRows);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rows: 5, created: 0, unchanged: 5, rejected: 0, batches: 3, committedBatches: 0, changed: false });
    expect(again.body).toMatchObject({ message: 'nothing changed: all 5 rows were already imported' });
    expect(ledger.calls.slice(before).map((call) => call.kind)).toEqual(['evaluate', 'evaluate', 'evaluate']);
  });

  it('answers every bad row with its line and reason, and imports the good ones', async () => {
    recorded.set('JY-H9', '{"certificateNumber":"JY-H9","other":"content"}');
    const file = csvFile([
      csvLine(1),
      '"JY-H2,HD-HIST-001',
      '',
      csvLine(3, { issuedOn: '2020-02-30' }),
      csvLine(4, { holderIdNumber: '' }),
      csvLine(9),
      'JY-H6,HD-HIST-001',
      csvLine(7),
    ]);
    const response = await upload(file);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 7, created: 2, unchanged: 0, rejected: 5, changed: true });
    expect((response.body as { rejections: unknown }).rejections).toEqual([
      { line: 3, code: 'MALFORMED_ROW', reason: 'a quoted field is not closed (a field cannot span lines)' },
      { line: 5, code: 'INVALID_ARGUMENT', reason: 'issuedOn must be a date written YYYY-MM-DD' },
      { line: 6, code: 'INVALID_ARGUMENT', reason: 'holderIdNumber is required' },
      { line: 7, code: 'CONFLICT', reason: 'certificate number JY-H9 was imported with another documentSha256' },
      { line: 8, code: 'MALFORMED_ROW', reason: 'the line has 2 fields; the header has 7' },
    ]);
    expect([...recorded.keys()].sort()).toEqual(['JY-H1', 'JY-H7', 'JY-H9']);
  });

  it('lets the first of two rows with one certificate number win, however the ledger orders the batches', async () => {
    ledger.answer('Results:ImportResults', async (call) => {
      // The first batch is slow: a batch after it must not overtake it with the same number.
      if (rowsOf(call).some((row) => row.certificateNumber === 'JY-H1' && row.documentSha256 === 'd'.repeat(64))) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return judge(call);
    });
    const response = await upload(csvFile([csvLine(1), csvLine(2), csvLine(1, { documentSha256: 'e'.repeat(64) }), csvLine(3)]));
    expect(response.body).toMatchObject({ created: 3, rejected: 1 });
    expect((response.body as { rejections: unknown }).rejections).toEqual([
      { line: 4, code: 'CONFLICT', reason: 'certificate number JY-H1 was imported with another documentSha256' },
    ]);
  });

  it('reads JSON Lines', async () => {
    const rows = [1, 2, 3].map((index) => {
      const values = csvLine(index).split(',');
      return JSON.stringify(Object.fromEntries(IMPORT_FILE_FIELDS.map((field, position) => [field, values[position]])));
    });
    const response = await upload(`${rows.join('\n')}\n{"certificateNumber": "JY-H4"`, TEST_KEYS.admin, 'results.jsonl');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ format: 'jsonl', rows: 4, created: 3, rejected: 1 });
    expect((response.body as { rejections: unknown }).rejections).toEqual([{ line: 4, code: 'MALFORMED_ROW', reason: 'the line is not valid JSON' }]);
  });

  it('stops when the ledger fails, saying how far it got, and resumes when the file is sent again', async () => {
    failSubmitOf = 'JY-H3';
    const stopped = await upload(fiveRows);
    expect(stopped.status).toBe(503);
    expect(stopped.headers['retry-after']).toBe('2');
    expect(stopped.body).toMatchObject({ code: 'FABRIC_UNAVAILABLE' });
    expect((stopped.body as { detail: string }).detail).toMatch(
      /^submit failed: orderer unavailable\. The import stopped \(\d+ created, 0 unchanged, 0 rejected up to line \d+\); send the same file again to resume: the rows already imported are counted unchanged$/,
    );
    expect(recorded.has('JY-H3')).toBe(false);
    const done = recorded.size;
    failSubmitOf = undefined;
    const resumed = await upload(fiveRows);
    expect(resumed.body).toMatchObject({ rows: 5, created: 5 - done, unchanged: done, rejected: 0, changed: true });
    expect(recorded.size).toBe(5);
  });

  it('keeps at most the configured number of batches in flight, however long the file', async () => {
    let open = 0;
    let most = 0;
    const before = ledger.calls.length;
    ledger.answer('Results:ImportResults', async (call): Promise<LedgerImportSummary> => {
      open += 1;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, 2));
      open -= 1;
      return { created: call.kind === 'submit' ? rowsOf(call).length : 1, unchanged: 0, rejected: [] };
    });
    const rows = Array.from({ length: 400 }, (_, index) => csvLine(index));
    const response = await upload(csvFile(rows));
    expect(response.body).toMatchObject({ rows: 400, created: 400, batches: 200, committedBatches: 200 });
    expect(most).toBeLessThanOrEqual(4);
    expect(ledger.calls.length - before).toBeLessThan(210);
  });

  it('describes the import in a valid OpenAPI document', async () => {
    const document = (await request(app.getHttpServer()).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.paths['/results/imports'].post).toMatchObject({
      requestBody: { content: { 'multipart/form-data': { schema: { required: ['file'] } } } },
    });
  });

  it('refuses other roles, a request without the file, an unknown column and an empty file, before any ledger call', async () => {
    const reviewer = await upload(fiveRows, TEST_KEYS.reviewer);
    expect(reviewer.status).toBe(403);
    expect(reviewer.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    const json = await request(app.getHttpServer()).post('/results/imports').set('x-api-key', TEST_KEYS.admin).send({ file: fiveRows });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'send the file as multipart/form-data in the field "file"' });
    const otherField = await request(app.getHttpServer())
      .post('/results/imports')
      .set('x-api-key', TEST_KEYS.admin)
      .attach('results', Buffer.from(fiveRows), 'results.csv');
    expect(otherField.status).toBe(400);
    expect(otherField.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknownColumn = await upload(`${HEADER},holderName\n`);
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [`the CSV header names unknown columns (holderName); the columns are ${IMPORT_FILE_FIELDS.join(', ')}`],
    });
    const empty = await upload(`${HEADER}\n\n`);
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: ['the file holds no rows'] });
    expect(ledger.calls).toEqual([]);
  });
});
