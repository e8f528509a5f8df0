import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createTestApp, FakeLedger, TEST_CITIES, TEST_KEYS } from '../../test/support/test-app';
import { LedgerImportSummary } from '../results/import/import-tally';
import { csvHeader, formatRow, historicalRow } from './historical-results';
import { sendImport } from './send-import';

describe('sendImport', () => {
  let app: INestApplication<Server>;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'tongban-send-'));

  beforeAll(async () => {
    const ledger = new FakeLedger();
    ledger.answer('Results:ImportResults', (call): LedgerImportSummary => {
      const rows = JSON.parse(call.args[0]) as unknown[];
      return { created: rows.length, unchanged: 0, rejected: [] };
    });
    app = await createTestApp(ledger, undefined, { https: true });
    await app.listen(0, '127.0.0.1');
    url = `https://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  const fileOf = (name: string, lines: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };

  const ca = Buffer.from(TEST_CITIES.haidian.ca.pem);

  it('streams a file to the gateway over HTTPS trusting its CA, reporting progress, and gives back its answer', async () => {
    const file = fileOf('results.csv', [
      csvHeader(),
      ...Array.from({ length: 3000 }, (_, index) => formatRow(historicalRow(index + 1, { city: 'haidian', item: 'HD-HIST' }), 'csv')),
    ]);
    const progress: [number, number, number][] = [];
    const answer = await sendImport(url, TEST_KEYS.admin, file, (sent, size, lines) => progress.push([sent, size, lines]), ca);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ rows: 3000, created: 3000, rejected: 0, batches: 1500 });
    const [sent, size, lines] = progress[progress.length - 1];
    expect(sent).toBe(size);
    expect(lines).toBe(3001);
  });

  it('gives back an answer given before the whole file was sent, and stops sending', async () => {
    const big = 'x'.repeat(200);
    const file = fileOf('wrong.csv', ['certificateNumber,colour', ...Array.from({ length: 50_000 }, () => `JY-1,${big}`)]);
    const answer = await sendImport(url, TEST_KEYS.admin, file, undefined, ca);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const refused = await sendImport(url, TEST_KEYS.clerk, file, undefined, ca);
    expect(refused.status).toBe(403);
  });

  it('fails on a gateway whose certificate the given CA did not issue, sending nothing', async () => {
    const file = fileOf('small.csv', [csvHeader()]);
    await expect(sendImport(url, TEST_KEYS.admin, file, undefined, Buffer.from(TEST_CITIES.foshan.ca.pem))).rejects.toThrow(
      'unable to verify the first certificate',
    );
  });
});
