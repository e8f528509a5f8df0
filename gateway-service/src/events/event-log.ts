import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
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

/** How far a scan went: the matching events, and the last seq it looked at. */
export interface ScanResult {
  events: StoredEvent[];
  through: number;
}

/** One byte offset and block number is kept per this many events. */
const CHECKPOINT_EVERY = 64;
/** The newest events stay parsed in memory: live subscribers and webhooks read these. */
const RECENT_EVENTS = 1024;
const READ_CHUNK_BYTES = 256 * 1024;
/** Events a reader catching up (an SSE replay, a webhook's filter) scans per turn of the event loop. */
export const SCAN_PAGE_LINES = 2000;
const NEWLINE = 0x0a;

/**
 * Cheap, conservative test on an event's raw JSON line: false only when the
 * line cannot match the filter (the serialisation of a matching value must
 * appear in it), so most lines of a narrow scan are never parsed.
 */
function mayMatch(line: string, filter: EventFilter): boolean {
  if (filter.names && filter.names.length > 0 && !filter.names.some((name) => line.includes(`"name":${JSON.stringify(name)}`))) return false;
  if (filter.caseId && !line.includes(`"caseId":${JSON.stringify(filter.caseId)}`)) return false;
  return !filter.city || line.includes(JSON.stringify(filter.city));
}

/**
 * The append-only log of chaincode events this gateway received, one JSON line
 * each. Its last entry is the checkpoint the listener resumes from, so an event
 * is stored once, in ledger order, and a restart neither skips nor repeats one.
 * Seqs are positions: event n is line n.
 *
 * The events live on disk; memory holds the newest RECENT_EVENTS parsed, and
 * a sparse index (byte offset and block of every CHECKPOINT_EVERY-th event),
 * so memory stays flat however long the ledger grows.
 */
export class EventLog {
  private readonly fd: number;
  /** Bytes of complete lines: appends go here, reads stop here. */
  private size = 0;
  private count = 0;
  private readonly offsets: number[] = [];
  private readonly blocks: number[] = [];
  private readonly recent: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a+', 0o600);
    this.load();
  }

  /**
   * Indexes the stored events. Text after the last newline is an append cut
   * short (the machine stopped during it): it is dropped, and the listener,
   * resuming from the event before, stores that event again. A complete line
   * that does not start with its own seq is corruption, and the gateway
   * refuses to start; the rest of each line is checked when it is read.
   */
  private load(): void {
    const fileSize = fstatSync(this.fd).size;
    for (const { seq, offset, bytes } of this.lines(0, 0, 0, fileSize)) {
      const prefix = `{"seq":${seq},`;
      if (bytes.length < prefix.length || bytes.toString('latin1', 0, prefix.length) !== prefix) {
        throw new Error(`event log ${this.path} is corrupt at line ${seq}`);
      }
      if ((seq - 1) % CHECKPOINT_EVERY === 0) {
        this.offsets.push(offset);
        this.blocks.push(Number(this.parse(seq, bytes.toString('utf8')).blockNumber));
      }
      this.count = seq;
      this.size = offset + bytes.length + 1;
    }
    if (this.size < fileSize) ftruncateSync(this.fd, this.size);
    this.recent.push(...this.scan(Math.max(0, this.count - RECENT_EVENTS)).events);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The last stored event: where listening resumes. */
  last(): StoredEvent | undefined {
    return this.recent[this.recent.length - 1];
  }

  /** The seq of the last stored event, 0 while the log is empty. */
  get lastSeq(): number {
    return this.count;
  }

  /** Stores an event unless it is the one already stored last (a resumed stream's repeat). */
  append(event: Omit<StoredEvent, 'seq'>): StoredEvent | undefined {
    const last = this.last();
    if (last && last.blockNumber === event.blockNumber && last.transactionId === event.transactionId) {
      return undefined;
    }
    const stored = { seq: this.count + 1, ...event };
    const bytes = Buffer.from(`${JSON.stringify(stored)}\n`);
    try {
      for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      // e.g. a full disk: take back the partial line so the log stays whole.
      ftruncateSync(this.fd, this.size);
      throw error;
    }
    if ((stored.seq - 1) % CHECKPOINT_EVERY === 0) {
      this.offsets.push(this.size);
      this.blocks.push(Number(stored.blockNumber));
    }
    this.size += bytes.length;
    this.count = stored.seq;
    this.recent.push(stored);
    if (this.recent.length > RECENT_EVENTS) this.recent.shift();
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  /**
   * Stored events after `seq` that match the filter, in order: at most
   * `matches` of them, looking at no more than `lines` events, so a caller
   * can page through a long log without holding it or blocking for long.
   */
  scan(seq: number, filter: EventFilter = {}, limits: { matches?: number; lines?: number } = {}): ScanResult {
    const { matches: wanted = Infinity, lines: budget = Infinity } = limits;
    const events: StoredEvent[] = [];
    const from = Math.max(0, seq);
    let through = from;
    const firstRecent = this.count - this.recent.length;
    if (through >= firstRecent) {
      for (let index = through - firstRecent; index < this.recent.length; index += 1) {
        const event = this.recent[index];
        if (events.length >= wanted || event.seq - from > budget) break;
        if (matches(event, filter)) events.push(event);
        through = event.seq;
      }
      return { events, through };
    }
    for (const line of this.linesAfter(through)) {
      if (events.length >= wanted || line.seq - from > budget) break;
      const text = line.bytes.toString('utf8');
      if (mayMatch(text, filter)) {
        const event = this.parse(line.seq, text);
        if (matches(event, filter)) events.push(event);
      }
      through = line.seq;
    }
    return { events, through };
  }

  /** The seq just before the first event of block `blockNumber` or later. */
  seqBeforeBlock(blockNumber: bigint): number {
    const target = Number(blockNumber);
    // The first checkpoint at or past the block; the answer lies after the one before it.
    let low = 0;
    for (let high = this.blocks.length; low < high;) {
      const middle = (low + high) >>> 1;
      if (this.blocks[middle] >= target) high = middle;
      else low = middle + 1;
    }
    if (low === 0) return 0;
    for (const line of this.linesAfter((low - 1) * CHECKPOINT_EVERY)) {
      if (Number(this.parse(line.seq, line.bytes.toString('utf8')).blockNumber) >= target) return line.seq - 1;
    }
    return this.count;
  }

  /** Calls `listener` for each event appended from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private parse(seq: number, text: string): StoredEvent {
    let event: StoredEvent | undefined;
    try {
      event = JSON.parse(text) as StoredEvent;
    } catch {
      // unreadable: reported as corrupt below
    }
    if (event?.seq !== seq) throw new Error(`event log ${this.path} is corrupt at line ${seq}`);
    return event;
  }

  /** The stored lines after seq `seq`, read from the checkpoint at or before it. */
  private linesAfter(seq: number): Generator<{ seq: number; offset: number; bytes: Buffer }> {
    const checkpoint = Math.floor(seq / CHECKPOINT_EVERY);
    return this.lines(seq, checkpoint * CHECKPOINT_EVERY, this.offsets[checkpoint], this.size);
  }

  /**
   * The complete lines after seq `after`, reading from byte `offset` (the
   * start of the line after seq `startSeq`) up to byte `end`. Each line's
   * bytes are valid until the next one is taken.
   */
  private *lines(after: number, startSeq: number, offset: number, end: number): Generator<{ seq: number; offset: number; bytes: Buffer }> {
    let buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let seq = startSeq;
    for (let position = offset; position < end;) {
      const chunk = buffer.subarray(0, readSync(this.fd, buffer, 0, Math.min(buffer.length, end - position), position));
      let start = 0;
      for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
        seq += 1;
        if (seq > after) yield { seq, offset: position + start, bytes: chunk.subarray(start, newline) };
        start = newline + 1;
      }
      if (start === 0) {
        // No newline in a whole chunk: a longer line, or the torn tail at the end.
        if (chunk.length < buffer.length) return;
        buffer = Buffer.allocUnsafe(buffer.length * 2);
      }
      position += start;
    }
  }
}
