import { invalidArgument } from './errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a calendar date written YYYY-MM-DD (a real date, not 2026-02-30). */
export function asDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw invalidArgument(`${field} must be a date written YYYY-MM-DD`);
  }
  return value;
}

/** The calendar day (UTC) of an ISO timestamp. */
export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/** An ISO timestamp `days` calendar days after `timestamp`. */
export function addDays(timestamp: string, days: number): string {
  return new Date(Date.parse(timestamp) + days * 86_400_000).toISOString();
}
