/**
 * The one way records are written to and read from the ledger: deterministic
 * JSON (the domain's canonical form), so every endorser writes identical bytes.
 */
import { canonicalJson } from '../domain';

/** Serialises a record deterministically (object keys sorted at every depth). */
export function marshal(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Parses bytes written by {@link marshal}; the caller names the record type it wrote there. */
export function unmarshal(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}
