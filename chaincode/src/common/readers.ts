/**
 * Small `unknown -> T` readers used at the contract boundary. Each throws an
 * INVALID_ARGUMENT error naming the field, so nothing reaches the ledger
 * before the whole payload has been checked.
 */
import { invalidArgument } from './errors';

/** A JSON object received from a client. */
export type Payload = Record<string, unknown>;

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

/** Checks that a value is a plain object. */
export function asObject(value: unknown, field: string): Payload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(`${field} must be an object`);
  }
  return value as Payload;
}

export interface StringRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** Describes the pattern in the error message, e.g. "upper-case letters and digits". */
  patternHint?: string;
}

/** Checks a string's type, length and optional pattern. */
export function asString(value: unknown, field: string, rule: StringRule): string {
  if (typeof value !== 'string') {
    throw invalidArgument(`${field} must be a string`);
  }
  const min = rule.min ?? 1;
  if (value.length < min || value.length > rule.max) {
    throw invalidArgument(`${field} must be ${min} to ${rule.max} characters long`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalidArgument(`${field} must be ${rule.patternHint ?? `of the form ${rule.pattern.source}`}`);
  }
  return value;
}

/** Reads `payload[field]` as a string. */
export function readString(payload: Payload, field: string, rule: StringRule): string {
  return asString(payload[field], field, rule);
}

/** Reads `payload[field]` as an integer within bounds. */
export function readInteger(payload: Payload, field: string, min: number, max: number): number {
  const value = payload[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Reads `payload[field]` as a boolean. */
export function readBoolean(payload: Payload, field: string): boolean {
  const value = payload[field];
  if (typeof value !== 'boolean') {
    throw invalidArgument(`${field} must be true or false`);
  }
  return value;
}

/** Reads `payload[field]` as one of the allowed values. */
export function readEnum<T extends string>(payload: Payload, field: string, allowed: readonly T[]): T {
  const value = payload[field];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidArgument(`${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Reads `payload[field]` as an array of min..max items, each read by `item`. */
export function readArray<T>(
  payload: Payload,
  field: string,
  min: number,
  max: number,
  item: (value: unknown, path: string) => T,
): T[] {
  const value = payload[field];
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw invalidArgument(`${field} must be a list of ${min} to ${max} items`);
  }
  return value.map((entry, index) => item(entry, `${field}[${index}]`));
}

/** Identifiers: letters, digits, '-', '_' and '.', starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ID_HINT = "letters, digits, '.', '_' or '-', starting with a letter or digit";
export const ID_RULE: StringRule = { max: 64, pattern: ID_PATTERN, patternHint: ID_HINT };
