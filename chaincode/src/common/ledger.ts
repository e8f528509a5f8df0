import { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { notFound } from '../domain';
import { marshal, unmarshal } from './codec';

/** A protobuf timestamp (as the shim gives them) as an ISO-8601 string. */
export function isoTime({ seconds, nanos }: { seconds: number | { toString(): string }; nanos: number }): string {
  return new Date(Number(seconds) * 1000 + Math.floor(nanos / 1_000_000)).toISOString();
}

/** The transaction's timestamp as an ISO-8601 string: the only clock chaincode may use. */
export function txTime(ctx: Context): string {
  return isoTime(ctx.stub.getTxTimestamp());
}

/** Reads and decodes a record, or undefined when the key is absent. */
export async function readRecord<T>(ctx: Context, key: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(key);
  return bytes.length > 0 ? (unmarshal(bytes) as T) : undefined;
}

/** Reads a record that must exist; `what` names it in the NOT_FOUND refusal (e.g. "case HD-1"). */
export async function readExisting<T>(ctx: Context, key: string, what: string): Promise<T> {
  const record = await readRecord<T>(ctx, key);
  if (!record) {
    throw notFound(`${what} does not exist`);
  }
  return record;
}

/** Encodes and writes a record. */
export async function writeRecord(ctx: Context, key: string, record: unknown): Promise<void> {
  await ctx.stub.putState(key, marshal(record));
}

/**
 * Makes every later write of `key` need endorsements from a peer of each of
 * the given organisations (key-level, or state-based, endorsement).
 */
export async function requireEndorsementBy(ctx: Context, key: string, mspIds: readonly string[]): Promise<void> {
  await ctx.stub.setStateValidationParameter(key, keyPolicyOf(mspIds));
}

/** Encoded key-level policies by the cities they name: a case writes four keys with its pair's. */
const keyPolicies = new Map<string, Uint8Array>();

function keyPolicyOf(mspIds: readonly string[]): Uint8Array {
  const orgs = [...new Set(mspIds)];
  const name = orgs.join(' ');
  let encoded = keyPolicies.get(name);
  if (!encoded) {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...orgs);
    encoded = policy.getPolicy();
    keyPolicies.set(name, encoded);
  }
  return encoded;
}

/**
 * Writes a new record that binds several cities: from this transaction on,
 * each of them must endorse every change of the key.
 */
export async function createJointRecord(ctx: Context, key: string, record: unknown, mspIds: readonly string[]): Promise<void> {
  await writeRecord(ctx, key, record);
  await requireEndorsementBy(ctx, key, mspIds);
}

/** Emits the transaction's chaincode event (Fabric keeps one per transaction). */
export function emitEvent(ctx: Context, name: string, payload: object): void {
  ctx.stub.setEvent(name, marshal(payload));
}
