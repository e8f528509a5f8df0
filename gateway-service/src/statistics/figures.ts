/**
 * The figures of one month, city pair and service item, and how they add up.
 * Decision times are kept as a histogram of whole minutes (minute → number of
 * cases): its size is bounded by the distinct durations, not by the cases, and
 * percentiles read from it are exact.
 */

/** Where a figure is counted: a month (UTC, YYYY-MM) and a receiving → handling city pair's service item. */
export interface RowKey {
  month: string;
  receivingMsp: string;
  handlingMsp: string;
  /** The item's code; its owner is the handling city. */
  serviceItemCode: string;
}

/** The figures that are counts, each counted in the month of its own step. */
export const COUNTS = ['received', 'forwarded', 'accepted', 'handled', 'refused', 'overdue', 'recognitions'] as const;
export type Count = (typeof COUNTS)[number];

/** Minutes from receipt to decision → number of handled cases. */
export type DurationHistogram = Record<string, number>;

export type Figures = Record<Count, number> & { decisionMinutes: DurationHistogram };

export const emptyFigures = (): Figures => ({
  received: 0,
  forwarded: 0,
  accepted: 0,
  handled: 0,
  refused: 0,
  overdue: 0,
  recognitions: 0,
  decisionMinutes: {},
});

/** Adds `more` into `into`. */
export function addFigures(into: Figures, more: Figures): void {
  for (const count of COUNTS) into[count] += more[count];
  for (const [minutes, cases] of Object.entries(more.decisionMinutes)) addDuration(into, Number(minutes), cases);
}

export function addDuration(into: Figures, minutes: number, cases = 1): void {
  const before = into.decisionMinutes[minutes] as number | undefined;
  into.decisionMinutes[minutes] = (before ?? 0) + cases;
}

/** Whole minutes (rounded down) from one ISO time to a later one. */
export const minutesBetween = (from: string, to: string): number => Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);

/** The month (UTC, YYYY-MM) of an ISO time: the domain's days are UTC days too. */
export const monthOf = (timestamp: string): string => timestamp.slice(0, 7);

/**
 * The nearest-rank percentile (`percent` from 1 to 100) of the histogram's
 * durations: the smallest duration that at least `percent`% of the cases took
 * no longer than. Always a duration some case took; the median of an even
 * number of cases is the lower middle one. Undefined without cases.
 */
export function percentileMinutes(histogram: DurationHistogram, percent: number): number | undefined {
  const entries = Object.entries(histogram)
    .map(([minutes, cases]) => [Number(minutes), cases] as const)
    .sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, cases]) => sum + cases, 0);
  // Integers throughout: (total * percent) / 100 is exact wherever it is a whole number.
  const rank = Math.ceil((total * percent) / 100);
  let seen = 0;
  for (const [minutes, cases] of entries) {
    seen += cases;
    if (seen >= rank) return minutes;
  }
  return undefined;
}
