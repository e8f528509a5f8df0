import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { historicalRow } from '../../src/cli/historical-results';
import { IMPORT_FILE_FIELDS } from '../../src/results/import/import-rows';
import type { ImportReport } from '../../src/results/import/import-tally';
import { CityClient, setUpAgreement, threeCities } from './http';
import { loadNetwork } from './network';
import { eventually } from './receivers';

/**
 * Foshan imports its historical licences through its running gateway and the
 * real network: a generated file of a few hundred rows and some bad ones,
 * imported with `npm run import`'s command, then sent again over HTTP (nothing
 * changes); partner cities then verify and recognise an imported licence as
 * they would an issued one.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, FOSHAN, TIANJIN } = cities;
const ROOT = join(__dirname, '../../..');
const run = `I${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-IMP-${run}`;
const AGREEMENT = `AGR-IMP-${run}`;
const PREFIX = `HIST-${run}`;
const ROWS = 300;
const options = { city: 'foshan', prefix: PREFIX, item: ITEM };
const generated = Array.from({ length: ROWS }, (_, index) => historicalRow(index + 1, options));
const today = new Date().toISOString().slice(0, 10);
const dir = mkdtempSync(join(tmpdir(), 'tongban-import-'));
const file = join(dir, 'historical.csv');
const execute = promisify(execFile);

/** Runs a command-line tool of the gateway's build; a non-zero exit status is an answer too. */
async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute('node', [join(ROOT, 'gateway-service/dist/cli', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, TONGBAN_RUNTIME_DIR: network.runtimeDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function uploadImport(
  client: CityClient,
  role: 'admin' | 'reviewer',
  text: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), 'historical.csv');
  const response = await client.fetch('/results/imports', {
    method: 'POST',
    headers: { 'x-api-key': client.apiKey(role) },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const csvLine = (row: Record<(typeof IMPORT_FILE_FIELDS)[number], string>) => IMPORT_FILE_FIELDS.map((field) => row[field]).join(',');
const first = generated[0];
/** Lines 302 to 305, after the header and the generated rows. */
const badLines = [
  csvLine({ ...first, certificateNumber: `${PREFIX}-BAD1`, issuedOn: '2020-02-30' }),
  `"${PREFIX}-BAD2,${ITEM}`,
  csvLine({ ...first, certificateNumber: `${PREFIX}-BAD3`, serviceItemCode: `FS-NONE-${run}` }),
  csvLine({ ...first, documentSha256: 'ee'.repeat(32) }),
];
const expectedRejections = [
  { line: 302, code: 'INVALID_ARGUMENT', reason: 'issuedOn must be a date written YYYY-MM-DD' },
  { line: 303, code: 'MALFORMED_ROW', reason: 'a quoted field is not closed (a field cannot span lines)' },
  { line: 304, code: 'NOT_FOUND', reason: `service item FS-NONE-${run} of ${FOSHAN} does not exist` },
  { line: 305, code: 'CONFLICT', reason: `certificate number ${first.certificateNumber} was imported with another documentSha256` },
];

/** A licence of the file that is valid today: issued, not revoked, not expired. */
const valid = generated.find((row) => row.status === 'VALID' && (row.expiresOn === '' || row.expiresOn >= today)) ?? generated[0];
const revoked = generated.find((row) => row.status === 'REVOKED');

beforeAll(async () => {
  await setUpAgreement(cities, ITEM, AGREEMENT);
  const generator = await cli('generate-historical-results.js', ['--rows', String(ROWS), '--city', 'foshan', '--prefix', PREFIX, '--item', ITEM]);
  expect(generator.code).toBe(0);
  writeFileSync(file, generator.stdout);
  appendFileSync(file, `${badLines.join('\n')}\n`);
}, 120_000);

describe('importing historical results', () => {
  let firstReport: ImportReport;

  it('imports the good rows of a generated file with the command, reporting every bad row by its line', async () => {
    expect(readFileSync(file, 'utf8').split('\n')[1]).toBe(csvLine(first));
    const imported = await cli('import-results.js', [file, '--city', 'foshan', '--json']);
    // 2: imported, with rejected rows.
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 2, stderr: '' });
    firstReport = JSON.parse(imported.stdout) as ImportReport;
    expect(firstReport).toMatchObject({ format: 'csv', rows: ROWS + 4, created: ROWS, unchanged: 0, rejected: 4, changed: true });
    expect(firstReport.rejections).toEqual(expectedRejections);
    expect(firstReport.committedBatches).toBeGreaterThan(0);
  }, 120_000);

  it('changes nothing and says so when the same file is sent again, committing no transaction', async () => {
    const again = await uploadImport(foshan, 'admin', readFileSync(file, 'utf8'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      fileSha256: firstReport.fileSha256,
      rows: ROWS + 4,
      created: 0,
      unchanged: ROWS,
      rejected: 4,
      committedBatches: 0,
      changed: false,
      message: `nothing changed: ${ROWS} rows were already imported, 4 rows rejected`,
    });
    expect(again.body.rejections).toEqual(expectedRejections);
  }, 120_000);

  it('refuses roles other than admin', async () => {
    const refused = await uploadImport(foshan, 'reviewer', readFileSync(file, 'utf8'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('records each result for Foshan, marked imported, naming the holder by reference only', async () => {
    let answer = await tianjin.get('auditor', `/results/${valid.certificateNumber}`);
    await eventually(
      async () => (answer = await tianjin.get('auditor', `/results/${valid.certificateNumber}`)).status === 200,
      10_000,
      `result ${valid.certificateNumber} on Tianjin's peer`,
    );
    expect(answer.body).toMatchObject({
      certificateNumber: valid.certificateNumber,
      serviceItem: { ownerMsp: FOSHAN, code: ITEM },
      documentSha256: valid.documentSha256,
      issuedAt: `${valid.issuedOn}T00:00:00.000Z`,
      issuingMsp: FOSHAN,
      receivingMsp: FOSHAN,
      status: 'VALID',
      imported: true,
    });
    expect(answer.body.holderRef).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(answer.body)).not.toContain(valid.holderIdNumber);
  });

  it('verifies imported licences in any city as issued ones: valid, revoked, hash mismatch', async () => {
    await eventually(
      async () => (await haidian.get('clerk', `/results/${valid.certificateNumber}`)).status === 200,
      10_000,
      `result ${valid.certificateNumber} on Haidian's peer`,
    );
    const verified = await haidian.get('clerk', `/results/${valid.certificateNumber}/verification?documentSha256=${valid.documentSha256}`);
    expect(verified.body).toMatchObject({ verdict: 'VALID', result: { issuingMsp: FOSHAN, imported: true } });
    const mismatch = await haidian.get('clerk', `/results/${valid.certificateNumber}/verification?documentSha256=${'ab'.repeat(32)}`);
    expect(mismatch.body).toMatchObject({ verdict: 'HASH_MISMATCH' });
    if (revoked) {
      const verdict = await haidian.get('clerk', `/results/${revoked.certificateNumber}/verification?documentSha256=${revoked.documentSha256}`);
      expect(verdict.body).toMatchObject({ verdict: 'REVOKED' });
    }
  });

  it('lets a partner city recognise an imported licence under an agreement with Foshan', async () => {
    const recognised = await tianjin.post('reviewer', `/results/${valid.certificateNumber}/recognitions`, {
      agreementId: AGREEMENT,
      purpose: 'Opening a branch in Tianjin',
    });
    expect(recognised.status).toBe(201);
    expect(recognised.body).toMatchObject({ certificateNumber: valid.certificateNumber, recognisingMsp: TIANJIN, resultRevoked: false });
    const listed = await tianjin.get('auditor', `/results/${valid.certificateNumber}/recognitions`);
    expect(listed.body).toEqual([expect.objectContaining({ recognisingMsp: TIANJIN })]);
  });

  it('emits one event per batch, and keeps the holders’ ID numbers out of every log and event store', async () => {
    const events = join(network.runtimeDir, 'gateways', 'foshan', 'data', 'events.jsonl');
    await eventually(() => readFileSync(events, 'utf8').includes('"result.import"'), 10_000, "the import's events in Foshan's event log");
    const imports = readFileSync(events, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"result.import"') && line.includes(FOSHAN));
    expect(imports.length).toBeGreaterThanOrEqual(firstReport.committedBatches);
    const files = [
      ...readdirSync(join(network.runtimeDir, 'logs')).map((name) => join(network.runtimeDir, 'logs', name)),
      ...network.cities.map((description) => join(network.runtimeDir, 'gateways', description.key, 'data', 'events.jsonl')),
    ];
    for (const log of files) {
      const text = readFileSync(log, 'utf8');
      for (const row of generated.slice(0, 20)) {
        expect({ log, leaked: text.includes(row.holderIdNumber) }).toEqual({ log, leaked: false });
      }
    }
  });
});
