import { Inject, Injectable } from '@nestjs/common';
import { OpenCase } from './event-changes';
import { Figures, RowKey } from './figures';
import { reportOf, StatisticsFilter, StatisticsReport } from './report';
import { StatisticsStore } from './statistics-store';

/** The statistics as kept by the follower, read per request from the store (never from the ledger). */
@Injectable()
export class StatisticsService {
  constructor(@Inject(StatisticsStore) private readonly store: StatisticsStore) {}

  /** The report of `filter`; accepted cases still undecided are judged overdue as of `now`. */
  async report(filter: StatisticsFilter, now = new Date()): Promise<StatisticsReport> {
    const asOf = now.toISOString();
    const position = await this.store.position();
    const rows: [RowKey, Figures][] = [];
    for await (const row of this.store.rows(filter.from, filter.to)) rows.push(row);
    const overdueOpen: OpenCase[] = [];
    for await (const openCase of this.store.openCasesDueBefore(asOf)) overdueOpen.push(openCase);
    return reportOf(filter, rows, overdueOpen, { asOf, throughBlock: position?.blockNumber ?? null });
  }
}
