import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';

/** A chaincode event as this gateway stores and delivers it. */
export interface StoredEvent {
  /** Position in this gateway's log: the SSE id and webhook cursor; never reused. */
  seq: number;
  /** Where the event is on the ledger. */
  blockNumber: string;
  transactionId: string;
  name: string;
  payload: Record<string, unknown>;
}

/** Which events a subscriber wants: by name, by case, by city involved. Empty means all. */
export interface EventFilter {
  names?: string[];
  caseId?: string;
  city?: string;
}

const CITY_FIELDS = ['receivingMsp', 'handlingMsp', 'issuingMsp', 'recognisingMsp', 'ownerMsp'];

export function matches(event: StoredEvent, filter: EventFilter): boolean {
  if (filter.names && filter.names.length > 0 && !filter.names.includes(event.name)) return false;
  if (filter.caseId && event.payload.caseId !== filter.caseId) return false;
  if (filter.city) {
    const parties = Array.isArray(event.payload.parties) ? (event.payload.parties as string[]) : [];
    const cities = [...CITY_FIELDS.map((field) => event.payload[field]), ...parties];
    if (!cities.includes(filter.city)) return false;
  }
  return true;
}

/**
 * The append-only log of chaincode events this gateway received, one JSON line
 * each. Its last entry is the checkpoint the listener resumes from, so an event
 * is stored once, in ledger order, and a restart neither skips nor repeats one.
 * Seqs are positions: event n is at index n - 1.
 */
export class EventLog {
  private readonly events: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) this.load();
  }

  /**
   * Reads the stored events. Text after the last newline is an append cut
   * short (the machine stopped during it): it is dropped, and the listener,
   * resuming from the event before, stores that event again. An unreadable
   * complete line is corruption, and the gateway refuses to start.
   */
  private load(): void {
    const text = readFileSync(this.path, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    complete.split('\n').slice(0, -1).forEach((line, index) => {
      let event: StoredEvent | undefined;
      try {
        event = JSON.parse(line) as StoredEvent;
      } catch {
        // unreadable: reported as corrupt below
      }
      if (event?.seq !== index + 1) throw new Error(`event log ${this.path} is corrupt at line ${index + 1}`);
      this.events.push(event);
    });
    if (complete.length < text.length) truncateSync(this.path, Buffer.byteLength(complete));
  }

  /** The last stored event: where listening resumes. */
  last(): StoredEvent | undefined {
    return this.events[this.events.length - 1];
  }

  /** Stores an event unless it is the one already stored last (a resumed stream's repeat). */
  append(event: Omit<StoredEvent, 'seq'>): StoredEvent | undefined {
    const last = this.last();
    if (last && last.blockNumber === event.blockNumber && last.transactionId === event.transactionId) {
      return undefined;
    }
    const stored = { seq: (last?.seq ?? 0) + 1, ...event };
    appendFileSync(this.path, `${JSON.stringify(stored)}\n`);
    this.events.push(stored);
    this.listeners.forEach((listener) => listener(stored));
    return stored;
  }

  /** Stored events after `seq` that match the filter, in order. */
  after(seq: number, filter: EventFilter = {}): StoredEvent[] {
    return this.events.slice(Math.max(0, seq)).filter((event) => matches(event, filter));
  }

  /** The first stored event after `seq` that matches the filter. */
  next(seq: number, filter: EventFilter = {}): StoredEvent | undefined {
    for (let index = Math.max(0, seq); index < this.events.length; index += 1) {
      if (matches(this.events[index], filter)) return this.events[index];
    }
    return undefined;
  }

  /** The seq just before the first event of block `blockNumber` or later. */
  seqBeforeBlock(blockNumber: bigint): number {
    const first = this.events.find((event) => BigInt(event.blockNumber) >= blockNumber);
    return first ? first.seq - 1 : (this.last()?.seq ?? 0);
  }

  /** Calls `listener` for each event appended from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
