/**
 * The bulk import as the benchmark measures it: a generated file of
 * historical results imported by the real command (`npm run import`'s
 * script, a child process), with its wall time, and the peak resident memory
 * of the importer and of the city's gateway during the import.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvHeader, formatRow, GeneratorOptions, historicalRow } from '../src/cli/historical-results';
import type { ImportReport } from '../src/results/import/import-tally';

/** The import command's script, as `npm run import` runs it (the gateway's build). */
const IMPORT_COMMAND = join(__dirname, '../../dist/cli/import-results.js');
/** How often the importer's peak memory is read while it runs. */
const MEMORY_POLL_MS = 50;

export interface ImportMeasurement {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  report: Pick<ImportReport, 'created' | 'unchanged' | 'rejected' | 'batches' | 'committedBatches' | 'changed'>;
  importerPeakRssMb: number;
  /** The gateway's peak resident memory during this import (its peak is reset first), and its memory before. */
  gatewayPeakRssMb: number;
  gatewayRssBeforeMb: number;
}

/** Writes `rows` generated results as CSV, streamed (a 300,000-row file is never held whole). */
export async function writeHistoricalFile(file: string, rows: number, options: GeneratorOptions): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${csvHeader()}\n`);
  for (let index = 1; index <= rows; index += 1) {
    if (!out.write(`${formatRow(historicalRow(index, options), 'csv')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const kbOf = (pid: number, key: 'VmRSS' | 'VmHWM'): number =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const mb = (kb: number): number => Math.round(kb / 1024);

/** Starts a new peak for `pid`'s resident memory (Linux: 5 in clear_refs resets VmHWM to the current RSS). */
function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Imports `file` into `city` with the import command, as `npm run import -- FILE --city CITY --json` does. */
export async function runImport(file: string, city: string, rows: number, gatewayPid: number): Promise<ImportMeasurement> {
  const gatewayRssBeforeMb = mb(kbOf(gatewayPid, 'VmRSS'));
  resetPeakMemory(gatewayPid);
  const started = performance.now();
  const importer = spawn(process.execPath, [IMPORT_COMMAND, file, '--city', city, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let importerPeakKb = 0;
  const poll = setInterval(() => {
    try {
      importerPeakKb = Math.max(importerPeakKb, kbOf(importer.pid as number, 'VmHWM'));
    } catch {
      // exited between two polls
    }
  }, MEMORY_POLL_MS);
  let output = '';
  importer.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [status] = (await once(importer, 'exit')) as [number | null];
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`the import of ${rows} rows exited with status ${String(status)}: ${output.slice(0, 500)}`);
  const { created, unchanged, rejected, batches, committedBatches, changed } = JSON.parse(output) as ImportReport;
  return {
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    report: { created, unchanged, rejected, batches, committedBatches, changed },
    importerPeakRssMb: mb(importerPeakKb),
    gatewayPeakRssMb: mb(kbOf(gatewayPid, 'VmHWM')),
    gatewayRssBeforeMb,
  };
}
