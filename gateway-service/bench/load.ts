/**
 * Load generators and what they measure: closed loop (N clients, each sending
 * the next request when the last one answers: the maximum throughput) and
 * open loop (requests at a fixed rate whatever the answers, like Caliper's
 * fixed-rate controller: the latency a steady arrival rate sees).
 */
export type Operation = (index: number) => Promise<void>;

export interface LoadResult {
  mode: 'closed' | 'open';
  /** Clients (closed loop) or requests per second offered (open loop). */
  level: number;
  seconds: number;
  ok: number;
  errors: Record<string, number>;
  /** The first message of each kind of error, to say what went wrong. */
  errorSamples: Record<string, string>;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The kind of a failure, for counting: the API's code, or the error's name. */
export function errorKind(error: unknown): string {
  const withCode = error as { code?: unknown; name?: string };
  return typeof withCode.code === 'string' ? withCode.code : (withCode.name ?? 'Error');
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Latencies and errors of one load, possibly gathered over several rounds. */
export class Recorder {
  readonly latencies: number[] = [];
  readonly errors: Record<string, number> = {};
  readonly errorSamples: Record<string, string> = {};
  /** Time under load, summed over rounds. */
  seconds = 0;

  async time(operation: Operation, index: number): Promise<void> {
    const started = performance.now();
    try {
      await operation(index);
      this.latencies.push(performance.now() - started);
    } catch (error) {
      const kind = errorKind(error);
      this.errors[kind] = (this.errors[kind] ?? 0) + 1;
      this.errorSamples[kind] ??= error instanceof Error ? error.message : String(error);
    }
  }

  result(mode: LoadResult['mode'], level: number): LoadResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      mode,
      level,
      seconds: round(this.seconds),
      ok: sorted.length,
      errors: this.errors,
      errorSamples: this.errorSamples,
      throughput: round(sorted.length / this.seconds),
      p50: round(percentile(sorted, 0.5)),
      p95: round(percentile(sorted, 0.95)),
      p99: round(percentile(sorted, 0.99)),
    };
  }
}

/**
 * Runs the operation unmeasured, `clients` at a time, until `operations` have
 * been sent or `seconds` have passed: a Node process's first thousand or so
 * requests on a path cost up to twice the CPU of later ones (JIT), and the
 * benchmark compares warm paths.
 */
export async function warmUp(
  operation: Operation,
  clients: number,
  limits: { operations: number; seconds: number },
  counter: { next: number },
): Promise<void> {
  const deadline = performance.now() + limits.seconds * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (sent < limits.operations && performance.now() < deadline) {
        sent += 1;
        await operation(counter.next++).catch(() => undefined);
      }
    }),
  );
}

/** A closed loop of `clients` for `seconds`; pass a recorder to add this round to earlier ones. */
export async function closedLoop(
  operation: Operation,
  clients: number,
  seconds: number,
  counter: { next: number },
  recorder = new Recorder(),
): Promise<LoadResult> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) await recorder.time(operation, counter.next++);
    }),
  );
  recorder.seconds += (performance.now() - started) / 1000;
  return recorder.result('closed', clients);
}

/** An open loop at `ratePerSecond` for `seconds`; pass a recorder to add this round to earlier ones. */
export async function openLoop(
  operation: Operation,
  ratePerSecond: number,
  seconds: number,
  counter: { next: number },
  recorder = new Recorder(),
): Promise<LoadResult> {
  const started = performance.now();
  const total = Math.max(1, Math.round(ratePerSecond * seconds));
  const inFlight: Promise<void>[] = [];
  for (let sent = 0; sent < total; sent += 1) {
    const due = started + (sent * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(recorder.time(operation, counter.next++));
  }
  await Promise.all(inFlight);
  recorder.seconds += (performance.now() - started) / 1000;
  return recorder.result('open', ratePerSecond);
}
