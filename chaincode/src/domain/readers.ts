/**
 * Small `unknown -> T` readers for what clients send. Each throws an
 * INVALID_ARGUMENT refusal naming the field by its path (`materials[0].sha256`),
 * so nothing is recorded before the whole payload has been checked. The
 * chaincode reads its arguments with them and the gateway its requests, so a
 * request is judged the same in both, with the same words.
 */
import { isCalendarDate } from './dates';
import { invalidArgument } from './errors';

/** A JSON object received from a client. */
export type Payload = Record<string, unknown>;

/** A string's length (in UTF-16 code units, as JSON Schema's maxLength) and pattern. */
export interface StringRule {
  /** Fewest characters: 1 when absent (see minLengthOf). */
  min?: number;
  max: number;
  pattern?: RegExp;
  /** Describes the pattern in the error message, e.g. "upper-case letters and digits". */
  patternHint?: string;
}

/** An integer's bounds. */
export interface IntegerRule {
  min: number;
  max: number;
}

/** A list's length. */
export interface ListRule {
  min: number;
  max: number;
}

/** The fewest characters a string read with `rule` may have. */
export const minLengthOf = (rule: StringRule): number => rule.min ?? 1;

/** The name of `field` inside the object at `path` ('' is the top level). */
export const fieldPath = (path: string, field: string): string => (path === '' ? field : `${path}.${field}`);

/** Parses a JSON argument that must be an object. */
export function parsePayload(json: string, name: string): Payload {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalidArgument(`${name} is not valid JSON`);
  }
  return asObject(value, name);
}

/** Checks that a value is a plain object; a missing one is named as required. */
export function asObject(value: unknown, path: string): Payload {
  if (value === undefined) {
    throw invalidArgument(`${path} is required`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(`${path} must be an object`);
  }
  return value as Payload;
}

/** Refuses fields the payload at `path` does not define (a typo would otherwise be ignored). */
export function onlyFields(payload: Payload, path: string, fields: readonly string[]): void {
  const unknown = Object.keys(payload).filter((field) => !fields.includes(field));
  if (unknown.length > 0) {
    const names = unknown.map((field) => fieldPath(path, field)).join(', ');
    throw invalidArgument(`${names} ${unknown.length > 1 ? 'are not known fields' : 'is not a known field'}`);
  }
}

/** Checks a string's type, length and optional pattern. */
export function asString(value: unknown, path: string, rule: StringRule): string {
  if (value === undefined) {
    throw invalidArgument(`${path} is required`);
  }
  if (typeof value !== 'string') {
    throw invalidArgument(`${path} must be a string`);
  }
  const min = minLengthOf(rule);
  if (value.length < min || value.length > rule.max) {
    throw invalidArgument(`${path} must be ${min} to ${rule.max} characters long`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalidArgument(`${path} must be ${rule.patternHint ?? `of the form ${rule.pattern.source}`}`);
  }
  return value;
}

/** Checks an integer within bounds. */
export function asInteger(value: unknown, path: string, rule: IntegerRule): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
    throw invalidArgument(`${path} must be an integer from ${rule.min} to ${rule.max}`);
  }
  return value;
}

/**
 * Reads an integer written in decimal digits (a query parameter or a
 * chaincode argument): "16" is 16, but "0x10", "1e1", "16.0" and a repeated
 * query parameter are refused.
 */
export function asDecimal(value: unknown, path: string, rule: IntegerRule): number {
  return asInteger(typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN, path, rule);
}

/** Reads `value` with `read`, unless it is absent. */
export const optional = <T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | undefined =>
  value === undefined ? undefined : read(value, path);

/** Checks a boolean. */
export function asBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') {
    throw invalidArgument(`${path} must be true or false`);
  }
  return value;
}

/** Checks that a value is one of the allowed strings. */
export function asEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidArgument(`${path} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Checks a calendar day written YYYY-MM-DD (a real date, not 2026-02-30). */
export function asDate(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw invalidArgument(`${path} must be a date written YYYY-MM-DD`);
  }
  return value;
}

/** Checks a list of `rule.min` to `rule.max` items, each read by `item`. */
export function asList<T>(value: unknown, path: string, rule: ListRule, item: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value) || value.length < rule.min || value.length > rule.max) {
    throw invalidArgument(`${path} must be a list of ${rule.min} to ${rule.max} items`);
  }
  return value.map((entry, index) => item(entry, `${path}[${index}]`));
}

/** Refuses a list whose items repeat a key (e.g. two materials of one name). */
export function requireDistinct<T>(items: readonly T[], path: string, what: string, key: (item: T) => string): void {
  if (new Set(items.map(key)).size !== items.length) {
    throw invalidArgument(`${path} must have distinct ${what}`);
  }
}
