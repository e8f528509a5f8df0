import { ReportFigures, StatisticsReport } from './report';

const KEY_COLUMNS = ['month', 'receivingMsp', 'handlingMsp', 'serviceItemCode'] as const;
const FIGURE_COLUMNS: readonly (keyof ReportFigures)[] = [
  'received',
  'forwarded',
  'accepted',
  'handled',
  'refused',
  'overdue',
  'recognitions',
  'medianDaysToDecision',
  'p90DaysToDecision',
  'medianMinutesToDecision',
  'p90MinutesToDecision',
];

/** The month column of the last line, which holds the totals. */
export const TOTALS_LABEL = 'total';

/**
 * The report as CSV (RFC 4180, CRLF): a header, one line per row, then the
 * totals (month `total`, no cities). Every value is an identifier or a number,
 * so none needs quoting, and none can start a spreadsheet formula.
 */
export function csvOf(report: StatisticsReport): string {
  const figures = (values: ReportFigures) => FIGURE_COLUMNS.map((column) => String(values[column] ?? ''));
  const lines = [
    [...KEY_COLUMNS, ...FIGURE_COLUMNS],
    ...report.rows.map((row) => [...KEY_COLUMNS.map((column) => row[column]), ...figures(row)]),
    [TOTALS_LABEL, '', '', '', ...figures(report.totals)],
  ];
  return lines.map((line) => `${line.join(',')}\r\n`).join('');
}
