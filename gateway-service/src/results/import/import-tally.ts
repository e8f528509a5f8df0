/** The account of one import: rows read, what the ledger did with them, and the rows rejected with their lines. */
import type { ImportFormat } from './import-rows';

/** A row the import did not record: its line in the file, a machine-readable code, and why. */
export interface RejectedRow {
  line: number;
  /** MALFORMED_ROW (not a row at all), INVALID_ARGUMENT (a field), NOT_FOUND (service item) or CONFLICT (certificate number taken). */
  code: string;
  reason: string;
}

/** What the chaincode's ImportResults answers for one batch (its ImportSummary). */
export interface LedgerImportSummary {
  created: number;
  unchanged: number;
  rejected: { index: number; code: string; message: string }[];
}

/** The answer to an import. */
export interface ImportReport {
  /** Identifies the import: the same file has the same SHA-256, and sent again changes nothing. */
  fileSha256: string;
  format: ImportFormat;
  bytes: number;
  /** Rows read (lines that are not blank, the CSV header aside). */
  rows: number;
  created: number;
  /** Rows already on the ledger as this import recorded them. */
  unchanged: number;
  rejected: number;
  /** The rejected rows by line, the first LISTED_REJECTIONS of them. */
  rejections: RejectedRow[];
  /** Batches of rows the ledger judged; those that would have changed something were committed as transactions. */
  batches: number;
  committedBatches: number;
  /** False when the import changed nothing on the ledger. */
  changed: boolean;
  message: string;
}

/** Rejected rows listed in an answer; the count covers them all. */
export const LISTED_REJECTIONS = 1000;

/** Counts an import as it goes; holds the rejections to list, never the rows. */
export class ImportTally {
  rows = 0;
  created = 0;
  unchanged = 0;
  rejected = 0;
  batches = 0;
  committedBatches = 0;
  /** The last line read. */
  lastLine = 0;
  private rejections: RejectedRow[] = [];

  constructor(private readonly listed = LISTED_REJECTIONS) {}

  /** A row read from `line`. */
  read(line: number): void {
    this.rows += 1;
    this.lastLine = line;
  }

  reject(line: number, code: string, reason: string): void {
    this.rejected += 1;
    this.rejections.push({ line, code, reason });
    if (this.rejections.length > 2 * this.listed) this.keepFirst();
  }

  /** What the ledger did with a batch whose rows came from `lines`; `committed` if it was submitted, not only evaluated. */
  addBatch(lines: readonly number[], summary: LedgerImportSummary, committed: boolean): void {
    this.batches += 1;
    if (committed) this.committedBatches += 1;
    this.created += summary.created;
    this.unchanged += summary.unchanged;
    for (const rejection of summary.rejected) this.reject(lines[rejection.index] ?? 0, rejection.code, rejection.message);
  }

  report(file: { sha256: string; format: ImportFormat; bytes: number }): ImportReport {
    this.keepFirst();
    return {
      fileSha256: file.sha256,
      format: file.format,
      bytes: file.bytes,
      rows: this.rows,
      created: this.created,
      unchanged: this.unchanged,
      rejected: this.rejected,
      rejections: this.rejections,
      batches: this.batches,
      committedBatches: this.committedBatches,
      changed: this.created > 0,
      message: this.message(),
    };
  }

  /** What has been done so far, for an import that stopped. */
  progress(): string {
    return `${this.created} created, ${this.unchanged} unchanged, ${this.rejected} rejected up to line ${this.lastLine}`;
  }

  private message(): string {
    const listed = this.rejected > this.listed ? ` (the first ${this.listed} rejected rows are listed)` : '';
    if (this.created > 0) {
      return `${this.created} results imported, ${this.unchanged} already imported, ${this.rejected} rows rejected${listed}`;
    }
    if (this.rejected === 0) return `nothing changed: all ${this.unchanged} rows were already imported`;
    return `nothing changed: ${this.unchanged} rows were already imported, ${this.rejected} rows rejected${listed}`;
  }

  private keepFirst(): void {
    this.rejections = this.rejections.sort((a, b) => a.line - b.line).slice(0, this.listed);
  }
}
