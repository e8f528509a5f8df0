/** The statistics as the API answers them: rows of figures, their totals and decision times in days. */
import type { OpenCase } from './event-changes';
import { addFigures, Count, COUNTS, emptyFigures, Figures, percentileMinutes, RowKey } from './figures';

/** Which rows a report holds; absent fields do not narrow it. */
export interface StatisticsFilter {
  /** First and last month (YYYY-MM), both included. */
  from?: string;
  to?: string;
  receivingMsp?: string;
  handlingMsp?: string;
  serviceItemCode?: string;
}

/** Counts and decision times (median and 90th percentile, nearest rank), in minutes and in days. */
export type ReportFigures = Record<Count, number> & {
  medianMinutesToDecision: number | null;
  p90MinutesToDecision: number | null;
  medianDaysToDecision: number | null;
  p90DaysToDecision: number | null;
};

export type StatisticsRow = RowKey & ReportFigures;

export interface StatisticsReport {
  /** The time the open cases' overdue state was judged at. */
  asOf: string;
  /** The block of the last event counted; null before any. */
  throughBlock: string | null;
  rows: StatisticsRow[];
  totals: ReportFigures;
}

export function matchesFilter(row: RowKey, filter: StatisticsFilter): boolean {
  return (
    (filter.from === undefined || row.month >= filter.from) &&
    (filter.to === undefined || row.month <= filter.to) &&
    (filter.receivingMsp === undefined || row.receivingMsp === filter.receivingMsp) &&
    (filter.handlingMsp === undefined || row.handlingMsp === filter.handlingMsp) &&
    (filter.serviceItemCode === undefined || row.serviceItemCode === filter.serviceItemCode)
  );
}

const rowId = (row: RowKey) => [row.month, row.receivingMsp, row.handlingMsp, row.serviceItemCode].join('\n');
/** Days to two decimals, for reading; the minutes are the exact figure. */
const daysOf = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 1440) * 100) / 100);

function reportFiguresOf(figures: Figures): ReportFigures {
  const median = percentileMinutes(figures.decisionMinutes, 50) ?? null;
  const p90 = percentileMinutes(figures.decisionMinutes, 90) ?? null;
  const counts = Object.fromEntries(COUNTS.map((count) => [count, figures[count]])) as Record<Count, number>;
  return {
    ...counts,
    medianMinutesToDecision: median,
    p90MinutesToDecision: p90,
    medianDaysToDecision: daysOf(median),
    p90DaysToDecision: daysOf(p90),
  };
}

/**
 * The report of the stored rows and of the accepted cases still undecided
 * past their due time (each overdue in the month it fell due), narrowed by
 * `filter`; rows in month, pair and item order, then their totals.
 */
export function reportOf(
  filter: StatisticsFilter,
  stored: Iterable<[RowKey, Figures]>,
  overdueOpen: Iterable<OpenCase>,
  context: { asOf: string; throughBlock: string | null },
): StatisticsReport {
  const rows = new Map<string, [RowKey, Figures]>();
  const rowFor = (row: RowKey): Figures => {
    const entry = rows.get(rowId(row)) ?? [row, emptyFigures()];
    rows.set(rowId(row), entry);
    return entry[1];
  };
  for (const [row, figures] of stored) if (matchesFilter(row, filter)) addFigures(rowFor(row), figures);
  for (const openCase of overdueOpen) if (matchesFilter(openCase.row, filter)) rowFor(openCase.row).overdue += 1;
  const totals = emptyFigures();
  const ordered = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, [, figures]] of ordered) addFigures(totals, figures);
  return {
    ...context,
    rows: ordered.map(([, [row, figures]]) => ({ ...row, ...reportFiguresOf(figures) })),
    totals: reportFiguresOf(totals),
  };
}
