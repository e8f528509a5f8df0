/**
 * The one way records are written to and read from the ledger: deterministic
 * JSON (the domain's canonical form), so every endorser writes identical bytes.
 */
import { canonicalJson } from '../domain';

/** Serialises a record deterministically (object keys sorted at every depth). */
export function marshal(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Parses bytes written by {@link marshal}. */
export function unmarshal<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
