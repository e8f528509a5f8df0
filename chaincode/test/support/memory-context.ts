/**
 * An in-memory stand-in for the chaincode Context: world state and private
 * data in maps, composite keys as Fabric builds them, paginated queries with
 * bookmarks, key history, a settable transaction clock, caller and peer.
 * Enough for the contracts' unit tests; the real peer is exercised by the
 * integration suites.
 *
 * Writes of a transaction are buffered and applied only if the transaction
 * succeeds, as the peer does at commit (use `run`).
 */
import { Context } from 'fabric-contract-api';

export interface TestCaller {
  mspId: string;
  role?: string;
  name?: string;
}

export interface ChaincodeEvent {
  name: string;
  payload: unknown;
}

interface HistoryEntry {
  txId: string;
  timestamp: { seconds: number; nanos: number };
  isDelete: boolean;
  value: Uint8Array;
}

const SEPARATOR = '\u0000';
const compositeKey = (type: string, attributes: string[]): string =>
  `${SEPARATOR}${type}${SEPARATOR}${attributes.map((attribute) => `${attribute}${SEPARATOR}`).join('')}`;

function splitCompositeKey(key: string): { objectType: string; attributes: string[] } {
  const [objectType, ...attributes] = key.slice(1, -1).split(SEPARATOR);
  return { objectType, attributes };
}

/** An iterator over `entries` with the shim's next/close. */
function iteratorOf<T>(entries: T[]) {
  let position = 0;
  return {
    next: (): Promise<IteratorResult<T>> =>
      Promise.resolve(position < entries.length ? { done: false, value: entries[position++] } : { done: true, value: undefined }),
    close: () => Promise.resolve(),
  };
}

/**
 * What the shim's queries return: a promise of the response that is also
 * iterable with `for await` over `entries` (the shim closes the iterator).
 */
function iterablePromise<R, T>(response: R, entries: T[]): Promise<R> & AsyncIterable<T> {
  return Object.assign(Promise.resolve(response), {
    [Symbol.asyncIterator]: () => iteratorOf(entries),
  });
}

/** Iterates `keys` of `source` from the bookmark on, at most `pageSize`. */
function page(source: Map<string, Uint8Array>, keys: string[], pageSize: number, bookmark: string) {
  const start = bookmark === '' ? 0 : keys.findIndex((key) => key === bookmark);
  const selected = keys.slice(Math.max(start, 0), Math.max(start, 0) + pageSize);
  const next = keys[Math.max(start, 0) + pageSize] ?? '';
  const entries = selected.map((key) => ({ key, value: source.get(key) as Uint8Array }));
  // As the peer does: an empty page's metadata has only default values, which protobuf sends as nothing, and the shim leaves it out.
  const metadata = selected.length === 0 && next === '' ? undefined : { fetchedRecordsCount: selected.length, bookmark: next };
  return iterablePromise({ iterator: iteratorOf(entries), metadata }, entries);
}

export class MemoryLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly validationParameters = new Map<string, Uint8Array>();
  /** Private data per collection, as each city's peers would hold it. */
  readonly privateData = new Map<string, Map<string, Uint8Array>>();
  readonly history = new Map<string, HistoryEntry[]>();
  /** Events of committed transactions, in order. */
  readonly events: ChaincodeEvent[] = [];
  private txCounter = 0;
  /** Milliseconds since the epoch of the next transaction's timestamp. */
  clock = Date.parse('2026-01-05T09:00:00.000Z');

  /** An independent copy, to try several transactions from the same state. */
  clone(): MemoryLedger {
    const copy = new MemoryLedger();
    this.state.forEach((value, key) => copy.state.set(key, value));
    this.validationParameters.forEach((value, key) => copy.validationParameters.set(key, value));
    this.privateData.forEach((entries, collection) => copy.privateData.set(collection, new Map(entries)));
    this.history.forEach((entries, key) => copy.history.set(key, [...entries]));
    copy.events.push(...this.events);
    copy.txCounter = this.txCounter;
    copy.clock = this.clock;
    return copy;
  }

  /**
   * Runs one transaction as `caller` on a peer of `peerMsp` (the caller's own
   * city by default) and commits its writes only if it succeeds.
   */
  async run<T>(
    caller: TestCaller,
    transaction: (ctx: Context) => Promise<T>,
    options: { transient?: Record<string, unknown>; peerMsp?: string } = {},
  ): Promise<T> {
    const { ctx, commit } = this.context(caller, options);
    const result = await transaction(ctx);
    commit();
    return result;
  }

  private context(caller: TestCaller, options: { transient?: Record<string, unknown>; peerMsp?: string }) {
    this.txCounter += 1;
    const txId = `tx${this.txCounter.toString().padStart(4, '0')}`;
    const timestamp = { seconds: Math.floor(this.clock / 1000), nanos: (this.clock % 1000) * 1_000_000 };
    const { state, validationParameters, privateData, history, events } = this;
    const writes = new Map<string, Uint8Array | undefined>();
    const privateWrites: [string, string, Uint8Array][] = [];
    const parameters = new Map<string, Uint8Array>();
    let event: ChaincodeEvent | undefined;
    // Reads see committed state only, as in Fabric's simulation.
    const sortedKeys = () => [...state.keys()].sort();
    const transient = new Map(Object.entries(options.transient ?? {}).map(([key, value]) => [key, Buffer.from(JSON.stringify(value))]));
    const stub = {
      getTxID: () => txId,
      getTxTimestamp: () => timestamp,
      getMspID: () => options.peerMsp ?? caller.mspId,
      getTransient: () => transient,
      createCompositeKey: compositeKey,
      splitCompositeKey,
      getState: (key: string) => Promise.resolve(state.get(key) ?? new Uint8Array()),
      putState: (key: string, value: Uint8Array) => {
        writes.set(key, value);
        return Promise.resolve();
      },
      deleteState: (key: string) => {
        writes.set(key, undefined);
        return Promise.resolve();
      },
      setStateValidationParameter: (key: string, policy: Uint8Array) => {
        parameters.set(key, policy);
        return Promise.resolve();
      },
      putPrivateData: (collection: string, key: string, value: Uint8Array) => {
        privateWrites.push([collection, key, value]);
        return Promise.resolve();
      },
      getPrivateData: (collection: string, key: string) => Promise.resolve(privateData.get(collection)?.get(key) ?? new Uint8Array()),
      setEvent: (name: string, payload: Uint8Array) => {
        event = { name, payload: JSON.parse(Buffer.from(payload).toString('utf8')) };
      },
      getStateByPartialCompositeKey: (type: string, attributes: string[]) => {
        const prefix = compositeKey(type, attributes);
        const entries = sortedKeys()
          .filter((key) => key.startsWith(prefix))
          .map((key) => ({ key, value: state.get(key) as Uint8Array }));
        return iterablePromise(iteratorOf(entries), entries);
      },
      getStateByPartialCompositeKeyWithPagination: (type: string, attributes: string[], pageSize: number, bookmark: string) => {
        const prefix = compositeKey(type, attributes);
        return page(
          state,
          sortedKeys().filter((key) => key.startsWith(prefix)),
          pageSize,
          bookmark,
        );
      },
      getStateByRangeWithPagination: (startKey: string, endKey: string, pageSize: number, bookmark: string) =>
        page(
          state,
          sortedKeys().filter((key) => key >= startKey && key < endKey),
          pageSize,
          bookmark,
        ),
      getHistoryForKey: (key: string) => {
        const entries = [...(history.get(key) ?? [])].reverse();
        return iterablePromise(iteratorOf(entries), entries);
      },
    };
    const clientIdentity = {
      getMSPID: () => caller.mspId,
      getAttributeValue: (name: string) => (name === 'tongban.role' ? (caller.role ?? null) : null),
      getID: () => `x509::CN=${caller.name ?? caller.role ?? 'user'},OU=client::CN=ca.${caller.mspId}`,
    };
    const commit = () => {
      for (const [key, value] of writes) {
        if (value === undefined) {
          state.delete(key);
        } else {
          state.set(key, value);
        }
        const entries = history.get(key) ?? [];
        entries.push({ txId, timestamp, isDelete: value === undefined, value: value ?? new Uint8Array() });
        history.set(key, entries);
      }
      parameters.forEach((policy, key) => validationParameters.set(key, policy));
      for (const [collection, key, value] of privateWrites) {
        const stored = privateData.get(collection) ?? new Map<string, Uint8Array>();
        stored.set(key, value);
        privateData.set(collection, stored);
      }
      if (event) {
        events.push(event);
      }
    };
    return { ctx: { stub, clientIdentity } as unknown as Context, commit };
  }
}
