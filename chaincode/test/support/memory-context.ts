/**
 * An in-memory stand-in for the chaincode Context: world state in a sorted
 * map, composite keys as Fabric builds them, a settable transaction clock and
 * caller. Enough for the contracts' unit tests; the real peer is exercised by
 * the integration suites.
 */
import { Context } from 'fabric-contract-api';

export interface TestCaller {
  mspId: string;
  role?: string;
  name?: string;
}

interface ChaincodeEvent {
  name: string;
  payload: Uint8Array;
}

export class MemoryLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly validationParameters = new Map<string, Uint8Array>();
  private txCounter = 0;
  /** Milliseconds since the epoch of the next transaction's timestamp. */
  clock = Date.parse('2026-01-05T09:00:00.000Z');

  /** A context for one transaction by `caller`. */
  context(caller: TestCaller): Context & { events: ChaincodeEvent[] } {
    this.txCounter += 1;
    const txId = `tx${this.txCounter.toString().padStart(4, '0')}`;
    const timestamp = this.clock;
    const { state, validationParameters } = this;
    const events: ChaincodeEvent[] = [];
    const compositeKey = (type: string, attributes: string[]): string =>
      `\u0000${type}\u0000${attributes.map((attribute) => `${attribute}\u0000`).join('')}`;
    const stub = {
      getTxID: () => txId,
      getTxTimestamp: () => ({ seconds: Math.floor(timestamp / 1000), nanos: (timestamp % 1000) * 1_000_000 }),
      createCompositeKey: compositeKey,
      getState: async (key: string) => state.get(key) ?? new Uint8Array(),
      putState: async (key: string, value: Uint8Array) => {
        state.set(key, value);
      },
      deleteState: async (key: string) => {
        state.delete(key);
      },
      setStateValidationParameter: async (key: string, policy: Uint8Array) => {
        validationParameters.set(key, policy);
      },
      setEvent: (name: string, payload: Uint8Array) => {
        events.push({ name, payload });
      },
      getStateByPartialCompositeKey: (type: string, attributes: string[]) => {
        const prefix = compositeKey(type, attributes);
        const keys = [...state.keys()].filter((key) => key.startsWith(prefix)).sort();
        return (async function* () {
          for (const key of keys) {
            yield { key, value: state.get(key) as Uint8Array };
          }
        })();
      },
    };
    const clientIdentity = {
      getMSPID: () => caller.mspId,
      getAttributeValue: (name: string) => (name === 'tongban.role' ? (caller.role ?? null) : null),
      getID: () => `x509::CN=${caller.name ?? caller.role ?? 'user'},OU=client::CN=ca.${caller.mspId}`,
    };
    return { stub, clientIdentity, events } as unknown as Context & { events: ChaincodeEvent[] };
  }
}
