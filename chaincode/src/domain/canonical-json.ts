/**
 * Deterministic JSON: object keys sorted at every depth and undefined fields
 * left out. Every endorser must produce identical bytes for the same record,
 * and `JSON.stringify` alone keeps insertion order, which differs between code
 * paths; hashes over records (the applicant data hash) need the same bytes too.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
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
