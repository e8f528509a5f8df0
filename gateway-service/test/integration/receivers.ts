/**
 * Test doubles on the partner side: a webhook receiver (an HTTP server on
 * this machine, at the address the network's nodes reach it) and a
 * Server-Sent Events reader.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { CityClient } from './http';
import { loadNetwork } from './network';

export interface ReceivedDelivery {
  headers: IncomingMessage['headers'];
  body: string;
  event: { seq: number; name: string; payload: Record<string, unknown> };
}

/** Collects webhook deliveries; answers 500 to the first `failFirst` requests. */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  private server?: Server;
  private requests = 0;

  constructor(private readonly failFirst = 0) {}

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests += 1;
        if (this.requests <= this.failFirst) {
          response.writeHead(500).end();
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        this.deliveries.push({ headers: request.headers, body, event: (JSON.parse(body) as { event: ReceivedDelivery['event'] }).event });
        response.writeHead(204).end();
      });
    });
    this.server = server;
    // The gateways may run on other hosts (the netns mode): listen where they reach this machine.
    const { clientHost } = loadNetwork();
    await new Promise<void>((resolve) => server.listen(0, clientHost, resolve));
    return `http://${clientHost}:${(server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.close();
    await once(this.server, 'close');
  }

  /** True when the delivery's signature is the HMAC of "timestamp.body" under `secret`. */
  static signedWith(delivery: ReceivedDelivery, secret: string): boolean {
    const expected = createHmac('sha256', secret)
      .update(`${String(delivery.headers['x-tongban-timestamp'])}.${delivery.body}`)
      .digest('hex');
    return delivery.headers['x-tongban-signature'] === `v1=${expected}`;
  }
}

/** Polls `condition` until it holds, failing after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface SseEvent {
  id: string;
  event: string;
  data: { seq: number; name: string; payload: Record<string, unknown> };
}

/** Reads `count` events from an SSE endpoint of a city's gateway, then disconnects. */
export async function readSse(
  client: CityClient,
  path: string,
  headers: Record<string, string>,
  count: number,
  timeoutMs = 20_000,
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  const events: SseEvent[] = [];
  try {
    const response = await client.fetch(path, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`SSE answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line.includes(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
        );
        if (fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) as SseEvent['data'] });
        if (events.length >= count) return events;
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
