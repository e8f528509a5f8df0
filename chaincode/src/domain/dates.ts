/** Calendar days are written YYYY-MM-DD; times are ISO-8601 timestamps in UTC. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** The calendar day (UTC) of an ISO timestamp. */
export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/**
 * An ISO timestamp `days` calendar days after `timestamp`. Promised days are
 * counted as calendar days: the ledger knows no city's public holidays.
 */
export function addDays(timestamp: string, days: number): string {
  return new Date(Date.parse(timestamp) + days * 86_400_000).toISOString();
}
