import { DataStore } from '../data-store';
import type { StoredAnswer } from '../stored-answer';

/** What a state-changing request with an Idempotency-Key was answered, or that it has not been yet. */
export interface IdempotencyRecord {
  /** SHA-256 of the request: method, path, query and body. */
  digest: string;
  /** `pending` from the start of the first attempt until it is answered; `done` once answered finally. */
  state: 'pending' | 'done';
  /** When the key was first used (ISO-8601); a record expires a day later. */
  createdAt: string;
  answer?: StoredAnswer;
}

/** How long a key is remembered, as FireFly and most payment APIs do. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency keys and the answers given to them, per caller, in an embedded
 * LevelDB (classic-level) under the gateway's data folder, so a client's retry
 * after a gateway restart is still recognised.
 */
export class IdempotencyStore extends DataStore<IdempotencyRecord> {
  /** Opens the database and forgets the records that expired. */
  override async open(now = Date.now()): Promise<void> {
    await super.open();
    const expired: string[] = [];
    for await (const [key, record] of this.db.iterator()) {
      if (isExpired(record, now)) expired.push(key);
    }
    await this.db.batch(expired.map((key) => ({ type: 'del' as const, key })));
  }

  /** The record of `key`, unless there is none or it expired. */
  async get(key: string, now = Date.now()): Promise<IdempotencyRecord | undefined> {
    const record = await this.db.get(key);
    return record === undefined || isExpired(record, now) ? undefined : record;
  }

  put(key: string, record: IdempotencyRecord): Promise<void> {
    return this.db.put(key, record);
  }
}

const isExpired = (record: IdempotencyRecord, now: number): boolean => Date.parse(record.createdAt) + IDEMPOTENCY_RETENTION_MS < now;
