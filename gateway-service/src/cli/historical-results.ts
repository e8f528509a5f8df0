/**
 * Deterministic historical results for tests and the benchmark: row `index`
 * of city `city` is always the same row, so a generated file is the same
 * file (and the same import) every time.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { IMPORT_FILE_FIELDS } from '../results/import/import-rows';

export type HistoricalRow = Record<(typeof IMPORT_FILE_FIELDS)[number], string>;

export interface GeneratorOptions {
  /** The city's key (haidian); names the defaults below. */
  city: string;
  /** Certificate numbers are PREFIX-0000001 and on (default HIST-<CITY>). */
  prefix?: string;
  /** The service item of the city's catalogue the results are for (default <CITY>-HIST-001). */
  item?: string;
  /** Another seed gives other holders, documents and dates for the same numbers. */
  seed?: string;
}

export const GENERATOR_USAGE =
  'usage: node gateway-service/dist/cli/generate-historical-results.js --rows N --city KEY [--format csv|jsonl] [--prefix P] [--item CODE] [--seed S]';

const FIRST_DAY = Date.UTC(2010, 0, 1);
const DAYS = 15 * 365;
/** GB 11643 weights and check characters of a resident ID number. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const defaultPrefix = (city: string): string => `HIST-${city.toUpperCase()}`;
export const defaultItem = (city: string): string => `${city.toUpperCase()}-HIST-001`;

/** An 18-character resident ID number with its check character, from 17 digits. */
export function idNumberOf(digits: string): string {
  let sum = 0;
  for (let index = 0; index < WEIGHTS.length; index += 1) sum += Number(digits.charAt(index)) * WEIGHTS[index];
  return `${digits}${CHECK[sum % 11]}`;
}

/** Row `index` (from 1). About one in 25 is REVOKED and one in 10 does not expire; many have expired already. */
export function historicalRow(index: number, options: GeneratorOptions): HistoricalRow {
  const noise = createHash('sha256')
    .update(`${options.seed ?? 'tongban'}:${options.city}:${index}`)
    .digest();
  const certificateNumber = `${options.prefix ?? defaultPrefix(options.city)}-${String(index).padStart(7, '0')}`;
  const issued = new Date(FIRST_DAY + (noise.readUInt32BE(0) % DAYS) * 86_400_000);
  const expires = new Date(issued);
  expires.setUTCFullYear(issued.getUTCFullYear() + 5);
  expires.setUTCDate(expires.getUTCDate() - 1);
  const birth = new Date(Date.UTC(1950, 0, 1) + (noise.readUInt32BE(4) % (55 * 365)) * 86_400_000);
  const region = String(110101 + (noise.readUInt16BE(8) % 900)).padStart(6, '0');
  const sequence = String(noise.readUInt16BE(10) % 1000).padStart(3, '0');
  return {
    certificateNumber,
    serviceItemCode: options.item ?? defaultItem(options.city),
    holderIdNumber: idNumberOf(`${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`),
    documentSha256: createHash('sha256')
      .update(`${certificateNumber}:${noise.toString('hex')}`)
      .digest('hex'),
    issuedOn: issued.toISOString().slice(0, 10),
    expiresOn: noise[12] % 10 === 0 ? '' : expires.toISOString().slice(0, 10),
    status: noise[13] % 25 === 0 ? 'REVOKED' : 'VALID',
  };
}

/** The CSV header line. */
export const csvHeader = (): string => IMPORT_FILE_FIELDS.join(',');

/** A row as a CSV line (no field needs quoting) or a JSON line (without an empty expiry). */
export function formatRow(row: HistoricalRow, format: 'csv' | 'jsonl'): string {
  if (format === 'csv') return IMPORT_FILE_FIELDS.map((field) => row[field]).join(',');
  return JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));
}

/** Bytes gathered before each write: one write per row would cost more than the rows. */
const WRITE_CHUNK_CHARS = 64 * 1024;

/** Writes rows 1 to `rows` to `out` (a CSV header first), waiting whenever `out` asks to: a file of any size streams. */
export async function writeHistoricalRows(
  out: NodeJS.WritableStream,
  rows: number,
  options: GeneratorOptions,
  format: 'csv' | 'jsonl',
): Promise<void> {
  let text = format === 'csv' ? `${csvHeader()}\n` : '';
  for (let index = 1; index <= rows; index += 1) {
    text += `${formatRow(historicalRow(index, options), format)}\n`;
    if (text.length >= WRITE_CHUNK_CHARS || index === rows) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
}

/** Reads the generator's command line. */
export function parseGeneratorArguments(argv: readonly string[]): GeneratorOptions & { rows: number; format: 'csv' | 'jsonl' } {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], argv[index + 1] as string | undefined];
    if (!['--rows', '--city', '--format', '--prefix', '--item', '--seed'].includes(name) || value === undefined) {
      throw new Error(`unexpected argument ${name}; ${GENERATOR_USAGE}`);
    }
    values.set(name, value);
  }
  const rows = Number(values.get('--rows'));
  const city = values.get('--city');
  const format = values.get('--format') ?? 'csv';
  if (!Number.isInteger(rows) || rows < 1 || city === undefined || (format !== 'csv' && format !== 'jsonl')) throw new Error(GENERATOR_USAGE);
  return { rows, city, format, prefix: values.get('--prefix'), item: values.get('--item'), seed: values.get('--seed') };
}
