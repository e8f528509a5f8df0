/**
 * The client side of a fault: a steady load of requests, and a client's retry
 * of a request that failed, with the same Idempotency-Key.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpAnswer } from '../integration/http';
import { eventually } from '../integration/receivers';

/** The first answer to a request; status 0 when the gateway did not answer at all. */
export interface Outcome {
  status: number;
  code?: string;
  retryAfter: boolean;
}

type Send = (id: string) => Promise<HttpAnswer>;

/**
 * `workers` clients, each sending its next request (a new id) as soon as the
 * last one is answered, until stopped. Keeps the first answer to every id.
 */
export class SteadyLoad {
  readonly outcomes = new Map<string, Outcome>();
  private stopping = false;
  private sent = 0;
  private readonly running: Promise<unknown>;

  constructor(prefix: string, send: Send, workers = 4) {
    this.running = Promise.all(
      Array.from({ length: workers }, async () => {
        while (!this.stopping) {
          const id = `${prefix}-${this.sent++}`;
          try {
            const answer = await send(id);
            this.outcomes.set(id, { status: answer.status, code: answer.body.code, retryAfter: answer.headers.has('retry-after') });
          } catch (error) {
            this.outcomes.set(id, {
              status: 0,
              code: (error as { cause?: { code?: string } }).cause?.code ?? 'NO_ANSWER',
              retryAfter: false,
            });
            await sleep(250); // the gateway is down: do not spin
          }
        }
      }),
    );
  }

  private succeeded(): number {
    return [...this.outcomes.values()].filter((outcome) => outcome.status >= 200 && outcome.status < 300).length;
  }

  /** Waits until `count` more requests than now have succeeded. */
  async progress(count: number, timeoutMs: number, what: string): Promise<void> {
    const target = this.succeeded() + count;
    await eventually(() => this.succeeded() >= target, timeoutMs, `${count} more successes ${what}`);
  }

  async stop(): Promise<Map<string, Outcome>> {
    this.stopping = true;
    await this.running;
    return this.outcomes;
  }
}

/**
 * Sends again until the answer is not a 5xx (and there is one), as a client
 * does after a retryable failure. Returns the last answer.
 */
export async function retryUntilAnswered(send: () => Promise<HttpAnswer>, timeoutMs = 60_000): Promise<HttpAnswer | undefined> {
  const deadline = Date.now() + timeoutMs;
  let answer = await send().catch(() => undefined);
  while ((answer === undefined || answer.status >= 500) && Date.now() < deadline) {
    await sleep(1000);
    answer = await send().catch(() => undefined);
  }
  return answer;
}
