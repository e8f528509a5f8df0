/**
 * The bulk import as the benchmark measures it: a generated file of
 * historical results imported by the real command (`npm run import`'s
 * script, a child process), with its wall time, and the peak resident memory
 * of the importer and of the city's gateway during the import.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { GeneratorOptions, writeHistoricalRows } from '../src/cli/historical-results';
import type { ImportReport } from '../src/results/import/import-tally';
import { resetPeakMemory, usage } from '../test/support/process-info';

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

/** Writes `rows` generated results as a CSV file, streamed as the generator command does (a 300,000-row file is never held whole). */
export async function writeHistoricalFile(file: string, rows: number, options: GeneratorOptions): Promise<void> {
  const out = createWriteStream(file);
  await writeHistoricalRows(out, rows, options, 'csv');
  out.end();
  await once(out, 'finish');
}

/** Imports `file` into `city` with the import command, as `npm run import -- FILE --city CITY --json` does. */
export async function runImport(file: string, city: string, rows: number, gatewayPid: number): Promise<ImportMeasurement> {
  const gatewayRssBeforeMb = usage(gatewayPid).rssMb;
  resetPeakMemory(gatewayPid);
  const started = performance.now();
  const importer = spawn(process.execPath, [IMPORT_COMMAND, file, '--city', city, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let importerPeakRssMb = 0;
  const poll = setInterval(() => {
    try {
      importerPeakRssMb = Math.max(importerPeakRssMb, usage(importer.pid as number).peakRssMb);
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
    importerPeakRssMb,
    gatewayPeakRssMb: usage(gatewayPid).peakRssMb,
    gatewayRssBeforeMb,
  };
}
