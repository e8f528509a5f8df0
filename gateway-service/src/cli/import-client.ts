/**
 * The pure parts of `npm run import`: its arguments, where a city's gateway
 * and admin key are, the multipart framing of the file, and what it prints.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ImportReport } from '../results/import/import-tally';

export const IMPORT_USAGE = 'usage: npm run import -- FILE --city KEY [--gateway URL] [--ca FILE] [--json]';

export interface ImportArguments {
  file: string;
  /** The city's key in network/cities.conf, e.g. haidian. */
  city: string;
  /** The gateway's URL, instead of the one in the network description. */
  gateway?: string;
  /** The CA certificate (PEM) that issued the gateway's TLS certificate, instead of the city's TLS root in the network description. */
  ca?: string;
  /** Print the gateway's answer as JSON instead of a summary. */
  json: boolean;
}

/** Reads the command line (after `--`); `cwd` is where the command was typed, against which FILE is resolved. */
export function parseImportArguments(argv: readonly string[], cwd: string): ImportArguments {
  let file: string | undefined;
  let city: string | undefined;
  let gateway: string | undefined;
  let ca: string | undefined;
  let json = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = (): string => {
      const next = argv[index + 1] as string | undefined;
      if (next === undefined || next.startsWith('--')) throw new Error(`${argument} needs a value; ${IMPORT_USAGE}`);
      index += 1;
      return next;
    };
    if (argument === '--city') city = value();
    else if (argument === '--gateway') gateway = value();
    else if (argument === '--ca') ca = value();
    else if (argument === '--json') json = true;
    else if (argument.startsWith('--') || file !== undefined) throw new Error(`unexpected argument ${argument}; ${IMPORT_USAGE}`);
    else file = argument;
  }
  if (file === undefined || city === undefined) throw new Error(IMPORT_USAGE);
  const fromHere = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  return { file: fromHere(file), city, gateway, ca: ca === undefined ? undefined : fromHere(ca), json };
}

/** What the network description (network/runtime/network.json) says of a city's gateway. */
interface DescribedCity {
  key: string;
  mspId: string;
  /** The city's CA certificate, which issues its TLS certificates too. */
  tlsRootCert: string;
  gateway: { url: string; apiKeysFile: string };
}

/** Where to send the file, the CA to trust there (Node's own CAs if none), and the admin key to send it with. */
export interface ImportTarget {
  url: string;
  mspId?: string;
  caFile?: string;
  apiKey: string;
}

/** The admin key in the text of a city's api-keys.env (`ADMIN_KEY=...`). */
export function adminKeyOf(envFile: string): string | undefined {
  return /^ADMIN_KEY=(.+)$/m.exec(envFile)?.[1].trim();
}

/**
 * The gateway of `city`, the CA of its TLS certificate and its admin key:
 * from the network description in `runtimeDir` and the key file the gateway
 * was started with, unless given (`--gateway`, `--ca`, the environment's
 * TONGBAN_API_KEY).
 */
export function importTarget(args: ImportArguments, runtimeDir: string, apiKey: string | undefined): ImportTarget {
  let described: DescribedCity | undefined;
  if (args.gateway === undefined || apiKey === undefined) {
    const networkFile = join(runtimeDir, 'network.json');
    let network: { cities: DescribedCity[] };
    try {
      network = JSON.parse(readFileSync(networkFile, 'utf8')) as { cities: DescribedCity[] };
    } catch {
      throw new Error(`${networkFile} cannot be read: is the network up? (or give --gateway URL and TONGBAN_API_KEY)`);
    }
    described = network.cities.find((city) => city.key === args.city);
    if (!described) {
      throw new Error(`city ${args.city} is not in ${networkFile}; the cities are ${network.cities.map((city) => city.key).join(', ')}`);
    }
  }
  const key = apiKey ?? adminKeyOf(readFileSync((described as DescribedCity).gateway.apiKeysFile, 'utf8'));
  if (key === undefined) throw new Error(`no ADMIN_KEY in ${(described as DescribedCity).gateway.apiKeysFile}`);
  return {
    url: (args.gateway ?? (described as DescribedCity).gateway.url).replace(/\/$/, ''),
    mspId: described?.mspId,
    caFile: args.ca ?? described?.tlsRootCert,
    apiKey: key,
  };
}

/** What comes before and after the file's bytes in a multipart/form-data body of one file field. */
export function multipartFraming(boundary: string, field: string, filename: string): { head: Buffer; tail: Buffer } {
  const safeName = filename.replace(/["\r\n\\]/g, '_');
  return {
    head: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`),
  };
}

/** A byte count for people: 812 B, 27.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** The progress line: a bar of the bytes sent, and the lines they held. */
export function progressLine(sent: number, total: number, lines: number, width = 30): string {
  const fraction = total === 0 ? 1 : Math.min(1, sent / total);
  const filled = Math.round(fraction * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  return `[${bar}] ${Math.floor(fraction * 100)
    .toString()
    .padStart(3)}%  ${formatBytes(sent)} of ${formatBytes(total)}, ${lines.toLocaleString('en')} lines sent`;
}

/** The summary printed at the end of an import. */
export function summaryLines(report: ImportReport, seconds: number): string[] {
  const rate = seconds > 0 ? Math.round(report.rows / seconds) : report.rows;
  const lines = [
    `file       ${report.fileSha256} (${report.format}, ${formatBytes(report.bytes)})`,
    `rows       ${report.rows}`,
    `created    ${report.created}`,
    `unchanged  ${report.unchanged}`,
    `rejected   ${report.rejected}`,
    `batches    ${report.batches} (${report.committedBatches} committed)`,
  ];
  for (const rejection of report.rejections) lines.push(`  line ${rejection.line}: ${rejection.code} ${rejection.reason}`);
  if (report.rejected > report.rejections.length) lines.push(`  … and ${report.rejected - report.rejections.length} more rejected rows`);
  lines.push(`${report.message} (${seconds.toFixed(1)} s, ${rate} rows/s)`);
  return lines;
}
