import busboy from 'busboy';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ImportReport } from '../results/import/import-tally';
import { adminKeyOf, formatBytes, importTarget, multipartFraming, parseImportArguments, progressLine, summaryLines } from './import-client';

describe('import command line', () => {
  it('reads FILE and --ca (from where the command was typed), --city, --gateway and --json', () => {
    expect(parseImportArguments(['results.csv', '--city', 'haidian'], '/home/ops')).toEqual({
      file: '/home/ops/results.csv',
      city: 'haidian',
      gateway: undefined,
      ca: undefined,
      json: false,
    });
    expect(
      parseImportArguments(
        ['--json', '--city', 'foshan', '/data/r.jsonl', '--gateway', 'https://10.0.0.2:7290', '--ca', 'foshan-ca.pem'],
        '/home/ops',
      ),
    ).toEqual({
      file: '/data/r.jsonl',
      city: 'foshan',
      gateway: 'https://10.0.0.2:7290',
      ca: '/home/ops/foshan-ca.pem',
      json: true,
    });
  });

  it('refuses a command line without a file or a city, or with unknown arguments', () => {
    expect(() => parseImportArguments(['results.csv'], '/')).toThrow('usage: npm run import -- FILE --city KEY');
    expect(() => parseImportArguments(['results.csv', '--city'], '/')).toThrow('--city needs a value');
    expect(() => parseImportArguments(['a.csv', 'b.csv', '--city', 'x'], '/')).toThrow('unexpected argument b.csv');
    expect(() => parseImportArguments(['a.csv', '--town', 'x'], '/')).toThrow('unexpected argument --town');
  });

  it("finds the city's gateway, its TLS root and admin key in the network description, unless given", () => {
    const runtime = mkdtempSync(join(tmpdir(), 'tongban-import-'));
    const keys = join(runtime, 'api-keys.env');
    writeFileSync(keys, 'CLERK_KEY=clerk-1\nADMIN_KEY=admin-1\n');
    writeFileSync(
      join(runtime, 'network.json'),
      JSON.stringify({
        cities: [
          { key: 'haidian', mspId: 'HaidianMSP', tlsRootCert: '/ca/haidian.pem', gateway: { url: 'https://127.0.0.1:7190/', apiKeysFile: keys } },
        ],
      }),
    );
    const args = parseImportArguments(['r.csv', '--city', 'haidian'], '/');
    expect(importTarget(args, runtime, undefined)).toEqual({
      url: 'https://127.0.0.1:7190',
      mspId: 'HaidianMSP',
      caFile: '/ca/haidian.pem',
      apiKey: 'admin-1',
    });
    expect(importTarget(args, runtime, 'env-key').apiKey).toBe('env-key');
    expect(importTarget({ ...args, gateway: 'https://gw:1' }, '/nowhere', 'env-key')).toEqual({
      url: 'https://gw:1',
      mspId: undefined,
      caFile: undefined,
      apiKey: 'env-key',
    });
    expect(importTarget({ ...args, ca: '/etc/tongban/ca.pem' }, runtime, undefined).caFile).toBe('/etc/tongban/ca.pem');
    expect(() => importTarget({ ...args, city: 'nanjing' }, runtime, undefined)).toThrow(/city nanjing is not in .*; the cities are haidian/);
    expect(() => importTarget(args, '/nowhere', undefined)).toThrow('/nowhere/network.json cannot be read: is the network up?');
    expect(adminKeyOf('CLERK_KEY=c\n')).toBeUndefined();
  });

  it('frames the file as the one file field of a multipart body that busboy reads back', async () => {
    const { head, tail } = multipartFraming('b0undary', 'file', 'my "results".csv');
    const content = 'certificateNumber,status\r\nJY-1,VALID\r\n';
    const parser = busboy({ headers: { 'content-type': 'multipart/form-data; boundary=b0undary' } });
    const received = new Promise<{ name: string; filename: string | undefined; text: string }>((resolve) => {
      parser.on('file', (name, stream, info) => {
        const parts: Buffer[] = [];
        stream.on('data', (part: Buffer) => parts.push(part));
        stream.on('end', () => {
          resolve({ name, filename: info.filename, text: Buffer.concat(parts).toString() });
        });
      });
    });
    Readable.from([head, Buffer.from(content), tail]).pipe(parser);
    expect(await received).toEqual({ name: 'file', filename: 'my _results_.csv', text: content });
  });

  it('shows progress and a summary', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(27.1 * 1024 * 1024)).toBe('27.1 MB');
    expect(progressLine(512, 1024, 12_345, 10)).toBe('[#####.....]  50%  512 B of 1.0 KB, 12,345 lines sent');
    const report: ImportReport = {
      fileSha256: 'f'.repeat(64),
      format: 'csv',
      bytes: 2048,
      rows: 3,
      created: 1,
      unchanged: 1,
      rejected: 2,
      rejections: [{ line: 4, code: 'INVALID_ARGUMENT', reason: 'status must be one of VALID, REVOKED' }],
      batches: 1,
      committedBatches: 1,
      changed: true,
      message: '1 results imported, 1 already imported, 2 rows rejected (the first 1 rejected rows are listed)',
    };
    expect(summaryLines(report, 2)).toEqual([
      `file       ${'f'.repeat(64)} (csv, 2.0 KB)`,
      'rows       3',
      'created    1',
      'unchanged  1',
      'rejected   2',
      'batches    1 (1 committed)',
      '  line 4: INVALID_ARGUMENT status must be one of VALID, REVOKED',
      '  … and 1 more rejected rows',
      '1 results imported, 1 already imported, 2 rows rejected (the first 1 rejected rows are listed) (2.0 s, 2 rows/s)',
    ]);
  });
});
