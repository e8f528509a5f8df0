/**
 * The one way records are written to and read from the ledger.
 *
 * Every endorser must produce identical bytes for the same record, so keys are
 * sorted recursively before serialising; `JSON.stringify` alone keeps insertion
 * order, which differs between code paths.
 */

/** Serialises a record deterministically (object keys sorted at every depth). */
export function marshal(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(sortKeys(value)), 'utf8');
}

/** Parses bytes written by {@link marshal}. */
export function unmarshal<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) {
        sorted[key] = sortKeys(field);
      }
    }
    return sorted;
  }
  return value;
}
