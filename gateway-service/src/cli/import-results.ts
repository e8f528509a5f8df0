/**
 * `npm run import -- FILE --city KEY [--gateway URL] [--ca FILE] [--json]`: imports a
 * city's historical results from a CSV or JSON Lines file through the city's
 * gateway (POST /results/imports) as the city's admin, streaming the file
 * (never read whole), with a progress bar on a terminal and a summary at the
 * end. The same file again changes nothing and says so; an import that
 * stopped resumes when run again.
 *
 * The gateway (HTTPS), the CA of its certificate (the city's TLS root) and
 * the admin key come from the network description (network/runtime, or
 * TONGBAN_RUNTIME_DIR); `--gateway`, `--ca` and TONGBAN_API_KEY override them. Exit status: 0 imported, 2 imported with rejected rows, 1 failed.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportReport } from '../results/import/import-tally';
import { formatBytes, importTarget, parseImportArguments, progressLine, summaryLines } from './import-client';
import { sendImport } from './send-import';

const PROGRESS_EVERY_MS = 200;

async function main(): Promise<number> {
  // npm runs scripts at the repository root; INIT_CWD is where the command was typed.
  const args = parseImportArguments(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  const runtimeDir = process.env.TONGBAN_RUNTIME_DIR ?? join(__dirname, '../../../network/runtime');
  const target = importTarget(args, runtimeDir, process.env.TONGBAN_API_KEY);
  const showProgress = process.stderr.isTTY && !args.json;
  if (!args.json) {
    process.stderr.write(`importing ${args.file} (${formatBytes(statSync(args.file).size)}) into ${target.mspId ?? args.city} via ${target.url}\n`);
  }
  const started = Date.now();
  let shown = 0;
  const ca = target.caFile === undefined ? undefined : readFileSync(target.caFile);
  const answer = await sendImport(
    target.url,
    target.apiKey,
    args.file,
    (sent, size, lines) => {
      if (!showProgress || (Date.now() - shown < PROGRESS_EVERY_MS && sent < size)) return;
      shown = Date.now();
      process.stderr.write(`\r${progressLine(sent, size, lines)}${sent === size ? '\nsent; the gateway is finishing the last batches…' : ''}`);
    },
    ca,
  );
  if (showProgress) process.stderr.write('\n');

  if (answer.status !== 200) {
    let problem: { code?: string; detail?: string };
    try {
      problem = JSON.parse(answer.body) as typeof problem;
    } catch {
      problem = { detail: answer.body };
    }
    process.stderr.write(`import failed: ${answer.status} ${problem.code ?? ''} ${problem.detail ?? ''}\n`);
    return 1;
  }
  const report = JSON.parse(answer.body) as ImportReport;
  if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${summaryLines(report, (Date.now() - started) / 1000).join('\n')}\n`);
  return report.rejected > 0 ? 2 : 0;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
