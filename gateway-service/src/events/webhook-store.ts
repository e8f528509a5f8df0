import { ClassicLevel } from 'classic-level';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { EventFilter } from './event-log';

/** One attempt to deliver one event to one subscription. */
export interface DeliveryAttempt {
  eventId: number;
  eventName: string;
  attempt: number;
  at: string;
  /** HTTP status the receiver answered, or 0 when it could not be reached. */
  status: number;
  delivered: boolean;
  error?: string;
}

/** A webhook subscription with its cursor and its latest delivery attempts. */
export interface Subscription extends EventFilter {
  id: string;
  url: string;
  /** HMAC-SHA256 key of the signatures; shown once, when the subscription is made. */
  secret: string;
  createdBy: string;
  createdAt: string;
  /** The last event delivered (its log position). */
  cursor: number;
  /** The latest attempts, oldest first. */
  deliveries: DeliveryAttempt[];
}

/** How many attempts are kept per subscription. */
export const KEPT_ATTEMPTS = 100;

type SubscriptionRecord = Omit<Subscription, 'deliveries'>;

/** A subscription as held in memory, with the number its next attempt is stored under. */
interface Entry {
  subscription: Subscription;
  nextAttempt: number;
}

type Operation = { type: 'put'; key: string; value: SubscriptionRecord | DeliveryAttempt } | { type: 'del'; key: string };

// Keys: `s!<id>` holds a subscription without its attempts; `a!<id>!<number>`, its attempts, numbered from 1.
const subscriptionKey = (id: string) => `s!${id}`;
const attemptKey = (id: string, number: number) => `a!${id}!${String(number).padStart(12, '0')}`;
const rangeOf = (prefix: string) => ({ gt: prefix, lt: `${prefix}\xff` });

/**
 * Webhook subscriptions, cursors and delivery logs in an embedded LevelDB
 * (classic-level). Each change writes only the keys it touches, in one
 * atomic batch; changes are applied one at a time in call order, and memory,
 * which answers every read, takes a change only once it is on disk.
 */
export class WebhookStore {
  private readonly db: ClassicLevel<string, SubscriptionRecord | DeliveryAttempt>;
  private readonly entries = new Map<string, Entry>();
  /** The last change queued; classic-level runs writes on a thread pool, so two in flight could land in either order. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  /**
   * @param directory The LevelDB folder.
   * @param legacyFile Where earlier versions kept every subscription in one
   *   JSON file; imported by {@link open} and renamed `<file>.migrated`.
   */
  constructor(
    directory: string,
    private readonly legacyFile?: string,
  ) {
    this.db = new ClassicLevel(directory, { valueEncoding: 'json' });
  }

  /** Opens the database, loads it into memory, and imports the legacy JSON file if there is one. */
  async open(): Promise<void> {
    await this.db.open();
    for await (const [, record] of this.db.iterator(rangeOf('s!'))) {
      const subscription = record as SubscriptionRecord;
      this.entries.set(subscription.id, { subscription: { ...subscription, deliveries: [] }, nextAttempt: 1 });
    }
    for await (const [key, attempt] of this.db.iterator(rangeOf('a!'))) {
      const [, id, number] = key.split('!');
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.subscription.deliveries.push(attempt as DeliveryAttempt);
      entry.nextAttempt = Number(number) + 1;
    }
    if (this.legacyFile && existsSync(this.legacyFile)) await this.importLegacy(this.legacyFile);
  }

  /** Waits for the queued changes, then closes; later changes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.db.close();
  }

  all(): Subscription[] {
    return [...this.entries.values()].map((entry) => entry.subscription);
  }

  get(id: string): Subscription | undefined {
    return this.entries.get(id)?.subscription;
  }

  add(subscription: Subscription): Promise<void> {
    return this.change(() => {
      const { deliveries, ...record } = subscription;
      const entry = { subscription: { ...record, deliveries: [] }, nextAttempt: 1 };
      return { operations: [{ type: 'put', key: subscriptionKey(record.id), value: record }], apply: () => this.entries.set(record.id, entry) };
    });
  }

  /** Deletes a subscription and its delivery log. */
  remove(id: string): Promise<void> {
    return this.change(() => {
      const entry = this.entries.get(id);
      if (!entry) return undefined;
      const first = entry.nextAttempt - entry.subscription.deliveries.length;
      const attempts = entry.subscription.deliveries.map((_, index): Operation => ({ type: 'del', key: attemptKey(id, first + index) }));
      return { operations: [{ type: 'del', key: subscriptionKey(id) }, ...attempts], apply: () => this.entries.delete(id) };
    });
  }

  /** Sets the cursor (a replay). */
  setCursor(id: string, cursor: number): Promise<void> {
    return this.updateRecord(id, () => cursor);
  }

  /** Moves the cursor from `from` to `to`, unless it moved meanwhile (a replay during the delivery). */
  advanceCursor(id: string, from: number, to: number): Promise<void> {
    return this.updateRecord(id, (cursor) => (cursor === from ? to : cursor));
  }

  /** Appends an attempt to the subscription's log, dropping the oldest beyond KEPT_ATTEMPTS; ignored once the subscription is removed. */
  recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    return this.change(() => {
      const entry = this.entries.get(id);
      if (!entry) return undefined;
      const number = entry.nextAttempt;
      const operations: Operation[] = [{ type: 'put', key: attemptKey(id, number), value: attempt }];
      if (number > KEPT_ATTEMPTS) operations.push({ type: 'del', key: attemptKey(id, number - KEPT_ATTEMPTS) });
      return {
        operations,
        apply: () => {
          entry.nextAttempt = number + 1;
          entry.subscription = { ...entry.subscription, deliveries: [...entry.subscription.deliveries, attempt].slice(-KEPT_ATTEMPTS) };
        },
      };
    });
  }

  private updateRecord(id: string, cursorAfter: (cursor: number) => number): Promise<void> {
    return this.change(() => {
      const entry = this.entries.get(id);
      if (!entry) return undefined;
      const { deliveries, ...record } = { ...entry.subscription, cursor: cursorAfter(entry.subscription.cursor) };
      return {
        operations: [{ type: 'put', key: subscriptionKey(id), value: record }],
        apply: () => (entry.subscription = { ...record, deliveries }),
      };
    });
  }

  /**
   * Queues a change: `plan` reads memory when the change's turn comes and
   * says what to write, and what to apply to memory once written (nothing
   * when it returns undefined).
   */
  private change(plan: () => { operations: Operation[]; apply: () => void } | undefined): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the webhook store is closed'));
    const done = this.queue.then(async () => {
      const planned = plan();
      if (!planned) return;
      await this.db.batch(planned.operations);
      planned.apply();
    });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Imports the subscriptions of the JSON file, in one batch, then renames the file so it is imported once. */
  private async importLegacy(file: string): Promise<void> {
    const imported = (JSON.parse(readFileSync(file, 'utf8')) as Subscription[]).map((subscription) => ({
      ...subscription,
      deliveries: subscription.deliveries.slice(-KEPT_ATTEMPTS),
    }));
    await this.db.batch(
      imported.flatMap(({ deliveries, ...record }): Operation[] => [
        { type: 'put', key: subscriptionKey(record.id), value: record },
        ...deliveries.map((attempt, index): Operation => ({ type: 'put', key: attemptKey(record.id, index + 1), value: attempt })),
      ]),
    );
    imported.forEach((subscription) => this.entries.set(subscription.id, { subscription, nextAttempt: subscription.deliveries.length + 1 }));
    renameSync(file, `${file}.migrated`);
  }
}
