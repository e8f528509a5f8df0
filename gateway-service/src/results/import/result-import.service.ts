import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { dayOf, DomainError, ImportedResultInput } from '@tongban/chaincode/domain';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../../common/api-error';
import { asApiError } from '../../common/problem.filter';
import { validationFailed } from '../../common/validation';
import { GatewayConfig } from '../../config/configuration';
import { decodeJson, Ledger, Writer } from '../../fabric/ledger';
import { Batch, BatchBuilder, OrderedWindow } from './import-batches';
import { linesOf, MAX_LINE_CHARS } from './import-lines';
import { csvRow, formatOf, IMPORT_FILE_FIELD, ImportFormat, isBlank, jsonRow, ledgerRowOf, MalformedRowError, readCsvHeader } from './import-rows';
import { ImportReport, ImportTally, LedgerImportSummary } from './import-tally';
import { uploadedFile } from './import-upload';

const IMPORT_TRANSACTION = 'Results:ImportResults';

/** A batch the ledger judged: what it did, and whether it was committed or only evaluated. */
interface JudgedBatch {
  batch: Batch<ImportedResultInput>;
  summary: LedgerImportSummary;
  committed: boolean;
}

/**
 * Imports a city's historical results from a CSV or JSON Lines file, read as
 * it arrives: each line is checked and turned into a ledger row (the holder's
 * ID number into a holder reference), rows go in batches to the chaincode's
 * ImportResults, a few batches in flight, and the file is read no faster than
 * the ledger takes them. Memory holds those batches and the rejections listed
 * in the answer, whatever the file's size.
 *
 * An import is identified by its file's SHA-256 and its batches are idempotent
 * by content, so sending the same file again resumes a stopped import (the rows
 * already imported count as unchanged). While batches change nothing, each is
 * only evaluated, not committed: a repeated import, or the part of a resumed
 * one that was done, adds no transaction to the ledger.
 */
@Injectable()
export class ResultImportService {
  private readonly logger = new Logger(ResultImportService.name);
  private readonly saltSecret: string;
  private readonly settings: GatewayConfig['imports'];

  constructor(
    private readonly ledger: Ledger,
    @Inject(ConfigService) config: ConfigService,
  ) {
    const gateway = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.saltSecret = gateway.applicantSaltSecret;
    this.settings = gateway.imports;
  }

  /** Imports the file of the multipart `request` as results of this city, for `writer`. */
  async importFile(writer: Writer, request: IncomingMessage): Promise<ImportReport> {
    const upload = await uploadedFile(request, IMPORT_FILE_FIELD, this.settings.maxBytes);
    const digest = createHash('sha256');
    let bytes = 0;
    const tally = new ImportTally();
    const today = dayOf(new Date().toISOString());
    const builder = new BatchBuilder<ImportedResultInput>(this.settings.batchRows);
    // Certificate numbers of the batches in flight: a row repeating one waits for them, so the first row in the file wins.
    const inFlight = new Set<string>();
    const window = new OrderedWindow<JudgedBatch>(this.settings.concurrency, ({ batch, summary, committed }) => {
      for (const row of batch.rows) inFlight.delete(row.certificateNumber);
      tally.addBatch(batch.lines, summary, committed);
    });
    let probing = true;
    let sent = 0;
    const send = async (batch: Batch<ImportedResultInput>): Promise<void> => {
      if (batch.rows.some((row) => inFlight.has(row.certificateNumber))) await window.finish();
      for (const row of batch.rows) inFlight.add(row.certificateNumber);
      sent += 1;
      await window.add(async () => {
        const rows = JSON.stringify(batch.rows);
        if (probing) {
          const judged = decodeJson(await this.ledger.evaluate(writer.role, IMPORT_TRANSACTION, rows)) as LedgerImportSummary;
          if (judged.created === 0) return { batch, summary: judged, committed: false };
        }
        // A result owned by this city alone is endorsed by this city alone (the chaincode's key-level policy).
        const answer = await this.ledger.submit(writer, IMPORT_TRANSACTION, { arguments: [rows], endorsingOrganizations: [this.ledger.mspId] });
        const summary = decodeJson(answer) as LedgerImportSummary;
        probing = summary.created === 0;
        return { batch, summary, committed: true };
      });
    };

    let format: ImportFormat | undefined;
    let columns: string[] | undefined;
    try {
      const chunks = async function* (): AsyncGenerator<Buffer> {
        for await (const chunk of upload.stream as AsyncIterable<Buffer>) {
          digest.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      };
      for await (const line of linesOf(chunks())) {
        if (line.text !== undefined && isBlank(line.text)) continue;
        if (format === undefined) {
          if (line.text === undefined) throw validationFailed([`line ${line.number} is longer than ${MAX_LINE_CHARS} characters`]);
          format = formatOf(line.text);
          if (format === 'csv') {
            columns = readCsvHeader(line.text);
            continue;
          }
        }
        tally.read(line.number);
        let row: ImportedResultInput;
        try {
          if (line.text === undefined) throw new MalformedRowError(`the line is longer than ${MAX_LINE_CHARS} characters`);
          row = ledgerRowOf(columns ? csvRow(columns, line.text) : jsonRow(line.text), this.saltSecret, today);
        } catch (error) {
          if (error instanceof MalformedRowError || error instanceof DomainError) {
            tally.reject(line.number, error.code, error instanceof DomainError ? error.detail : error.reason);
            continue;
          }
          throw error;
        }
        const full = builder.add(line.number, row);
        if (full) await send(full);
      }
      const last = builder.flush();
      if (last) await send(last);
      await window.finish();
    } catch (error) {
      upload.discard();
      await window.abandon();
      throw this.stopped(error, tally, sent);
    }
    if (format === undefined || tally.rows === 0) {
      throw validationFailed(['the file holds no rows']);
    }
    const report = tally.report({ sha256: digest.digest('hex'), format, bytes });
    this.logger.log(
      `import of file ${report.fileSha256}: ${report.rows} rows, ${report.created} created, ${report.unchanged} unchanged, ` +
        `${report.rejected} rejected, ${report.committedBatches} of ${report.batches} batches committed`,
    );
    return report;
  }

  /** The answer to an import that could not finish; once batches were sent, it says what was done and how to resume. */
  private stopped(error: unknown, tally: ImportTally, sent: number): ApiError {
    const problem = error instanceof DomainError && error.code === 'INVALID_ARGUMENT' ? validationFailed([error.detail]) : asApiError(error);
    if (problem.status >= 500 && !(error instanceof ApiError)) {
      this.logger.error(`import stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (sent === 0) return problem;
    return new ApiError(
      problem.status,
      problem.code,
      `${problem.detail}. The import stopped (${tally.progress()}); send the same file again to resume: ` +
        'the rows already imported are counted unchanged',
      problem.extra,
    );
  }
}
