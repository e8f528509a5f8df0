import { DataStore } from '../common/data-store';
import type { StoredAnswer } from '../common/stored-answer';

/** A request accepted with `Prefer: respond-async`, and how it ended. */
export interface TransactionRecord {
  id: string;
  /** The API key (role user) that sent it: only that key may read it. */
  owner: string;
  method: string;
  path: string;
  state: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  acceptedAt: string;
  completedAt?: string;
  /** The answer the request would have had at once. */
  outcome?: StoredAnswer;
}

/** How long an ended transaction can be read: as long as its Idempotency-Key is remembered. */
export const TRANSACTION_RETENTION_MS = 24 * 60 * 60 * 1000;

/** What a transaction still pending when the gateway stopped is answered with. */
export const INTERRUPTED: StoredAnswer = {
  status: 503,
  problem: {
    code: 'INTERRUPTED',
    detail:
      'the gateway stopped before this request ended; it may or may not be recorded: read the record, or send the request again with its Idempotency-Key',
  },
};

/**
 * Asynchronous submissions in an embedded LevelDB (classic-level) under the
 * gateway's data folder, so they can be read after a restart; one pending
 * when the gateway stopped is marked FAILED (INTERRUPTED) at the next start.
 */
export class TransactionStore extends DataStore<TransactionRecord> {
  /** Opens the database, forgets the expired records and ends those the last process left pending. */
  override async open(now = Date.now()): Promise<void> {
    await super.open();
    const operations: ({ type: 'del'; key: string } | { type: 'put'; key: string; value: TransactionRecord })[] = [];
    for await (const [key, record] of this.db.iterator()) {
      if (Date.parse(record.acceptedAt) + TRANSACTION_RETENTION_MS < now) operations.push({ type: 'del', key });
      else if (record.state === 'PENDING') {
        operations.push({ type: 'put', key, value: { ...record, state: 'FAILED', completedAt: new Date(now).toISOString(), outcome: INTERRUPTED } });
      }
    }
    await this.db.batch(operations);
  }

  get(id: string): Promise<TransactionRecord | undefined> {
    return this.db.get(id);
  }

  put(record: TransactionRecord): Promise<void> {
    return this.db.put(record.id, record);
  }
}
