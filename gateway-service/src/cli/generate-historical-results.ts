/**
 * Writes a file of deterministic historical results to stdout, for tests and
 * the benchmark of `npm run import`:
 *
 *   node gateway-service/dist/cli/generate-historical-results.js --rows 30000 --city haidian > results.csv
 *
 * The results are for service item <CITY>-HIST-001 (--item) of the city's
 * catalogue, which the city's admin publishes before importing.
 */
import { defaultItem, parseGeneratorArguments, writeHistoricalRows } from './historical-results';

async function main(): Promise<void> {
  const options = parseGeneratorArguments(process.argv.slice(2));
  await writeHistoricalRows(process.stdout, options.rows, options, options.format);
  process.stderr.write(
    `${options.rows} rows for service item ${options.item ?? defaultItem(options.city)} (publish it in the city's catalogue first)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
