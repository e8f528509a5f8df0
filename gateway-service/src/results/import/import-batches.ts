/**
 * How an import's rows go to the ledger: gathered into batches (one
 * transaction each), with a few batches in flight at once.
 */

/** Rows of one transaction, each with the line of the file it came from. */
export interface Batch<T> {
  lines: number[];
  rows: T[];
}

/** Gathers rows into batches of `size`. */
export class BatchBuilder<T> {
  private lines: number[] = [];
  private rows: T[] = [];

  constructor(private readonly size: number) {}

  /** Adds the row read from `line`; answers the batch it completes, if it does. */
  add(line: number, row: T): Batch<T> | undefined {
    this.lines.push(line);
    this.rows.push(row);
    return this.rows.length >= this.size ? this.take() : undefined;
  }

  /** The rows not yet in a batch, as the last one; undefined when there are none. */
  flush(): Batch<T> | undefined {
    return this.rows.length > 0 ? this.take() : undefined;
  }

  private take(): Batch<T> {
    const batch = { lines: this.lines, rows: this.rows };
    this.lines = [];
    this.rows = [];
    return batch;
  }
}

/**
 * Runs tasks with at most `limit` in flight, handing their results to
 * `settle` in the order the tasks were added, so that a summary reads in the
 * file's order. `add` waits while the window is full: its caller reads no
 * further meanwhile, so the upload goes at the ledger's pace and memory holds
 * `limit` batches at most. A failed task fails the `add` or `finish` awaiting it.
 */
export class OrderedWindow<T> {
  private readonly running: Promise<T>[] = [];

  constructor(
    private readonly limit: number,
    private readonly settle: (value: T) => void,
  ) {}

  async add(task: () => Promise<T>): Promise<void> {
    while (this.running.length >= this.limit) await this.settleOldest();
    const started = task();
    // Awaited in turn; a failure while an older task is awaited must not count as unhandled meanwhile.
    started.catch(() => undefined);
    this.running.push(started);
  }

  /** Waits for every task, in order. */
  async finish(): Promise<void> {
    while (this.running.length > 0) await this.settleOldest();
  }

  /** After a failure: waits for the tasks still in flight to end, whatever their outcome, without settling them. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.running.splice(0));
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.running.shift() as Promise<T>;
    this.settle(await oldest);
  }
}
