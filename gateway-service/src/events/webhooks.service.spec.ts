import { ConfigService } from '@nestjs/config';
import { once } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventListenerService } from './event-listener.service';
import { EventLog } from './event-log';
import { WebhooksService } from './webhooks.service';

/** The delivery loop over a real event log and a real HTTP receiver on 127.0.0.1. */
describe('WebhooksService', () => {
  let log: EventLog;
  let webhooks: WebhooksService;
  let server: Server;
  let received: { caseId: string; seq: number }[];
  let receiverUrl: string;
  let dataDir: string;
  const event = (index: number, caseId: string) => ({
    blockNumber: String(index),
    transactionId: `tx${index}`,
    name: 'case.receive',
    payload: { caseId },
  });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tongban-webhooks-'));
    log = new EventLog(join(dataDir, 'events.jsonl'));
    webhooks = await start();
    received = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { event: delivered } = JSON.parse(body) as { event: { seq: number; payload: { caseId: string } } };
        received.push({ caseId: delivered.payload.caseId, seq: delivered.seq });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  /** A gateway's webhooks as they start: store opened, then delivery loops. */
  async function start(): Promise<WebhooksService> {
    const config = { get: () => ({ dataDir, webhookAllowedUrls: ['http://127.0.0.1:'] }) } as unknown as ConfigService;
    const service = new WebhooksService({ log } as EventListenerService, config);
    await service.onModuleInit();
    service.onApplicationBootstrap();
    return service;
  }

  const receivedAtLeast = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (received.length < count && Date.now() < deadline) await sleep(20);
  };

  afterEach(async () => {
    await webhooks.onModuleDestroy();
    server.close();
    await once(server, 'close');
  });

  it('backs off from an unreachable receiver however many events arrive meanwhile', async () => {
    const subscription = await webhooks.create({ url: 'http://127.0.0.1:1/hook' }, 'test');
    for (let index = 1; index <= 40; index += 1) {
      log.append(event(index, `HD-${index}`));
      await sleep(25);
    }
    // Attempts at about 0 s and 1 s (pauses 1 s, 2 s, ...): not one per event.
    const attempts = webhooks.get(subscription.id, 'test').deliveries;
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(3);
    expect(attempts.every((attempt) => attempt.eventId === 1 && !attempt.delivered)).toBe(true);
  });

  it('delivers the rare events that match a filter, in order, after many that do not', async () => {
    await webhooks.create({ url: receiverUrl, caseId: 'HD-RARE' }, 'test');
    for (let index = 1; index <= 300; index += 1) {
      log.append(event(index, index % 100 === 0 ? 'HD-RARE' : `HD-${index}`));
      if (index % 50 === 0) await sleep(10);
    }
    await receivedAtLeast(3);
    expect(received).toEqual([
      { caseId: 'HD-RARE', seq: 100 },
      { caseId: 'HD-RARE', seq: 200 },
      { caseId: 'HD-RARE', seq: 300 },
    ]);
  });

  it('keeps subscriptions and cursors over a restart, and resumes after the last delivered event', async () => {
    const subscription = await webhooks.create({ url: receiverUrl }, 'test');
    log.append(event(1, 'HD-1'));
    log.append(event(2, 'HD-2'));
    // Stop once the cursor is stored: a delivery cut short by the stop is made again, which would repeat event 2.
    for (const deadline = Date.now() + 5000; webhooks.get(subscription.id, 'test').cursor < 2 && Date.now() < deadline;) await sleep(20);
    await webhooks.onModuleDestroy();
    log.append(event(3, 'HD-3'));
    webhooks = await start();
    await receivedAtLeast(3);
    expect(received.map((delivery) => delivery.seq)).toEqual([1, 2, 3]);
    expect(webhooks.get(subscription.id, 'test')).toMatchObject({ cursor: 3, deliveries: [{ eventId: 1 }, { eventId: 2 }, { eventId: 3 }] });
  });

  it('keeps each subscription to the API key that made it: others of the city neither see, replay nor delete it', async () => {
    const mine = await webhooks.create({ url: receiverUrl }, 'hall-clerk');
    expect(webhooks.list('hall-clerk').map((view) => view.id)).toEqual([mine.id]);
    expect(webhooks.list('hall-auditor')).toEqual([]);
    const notFound = { status: 404, code: 'NOT_FOUND', detail: `webhook subscription ${mine.id} does not exist` };
    expect(() => webhooks.get(mine.id, 'hall-auditor')).toThrow(expect.objectContaining(notFound) as Error);
    await expect(webhooks.replay(mine.id, 0, 'hall-auditor')).rejects.toMatchObject(notFound);
    await expect(webhooks.remove(mine.id, 'hall-auditor')).rejects.toMatchObject(notFound);
    expect(webhooks.get(mine.id, 'hall-clerk')).not.toHaveProperty('secret');
    await webhooks.remove(mine.id, 'hall-clerk');
    expect(webhooks.list('hall-clerk')).toEqual([]);
  });

  it.each(['http://10.0.0.7:8080/hook', 'https://example.org/hook', 'http://127.0.0.1:80@internal.example/hook', 'http://127.0.0.1.example/hook'])(
    'refuses a receiver URL outside the allowed addresses (%s)',
    async (url) => {
      await expect(webhooks.create({ url }, 'hall-clerk')).rejects.toMatchObject({ status: 403, code: 'URL_NOT_ALLOWED' });
      expect(webhooks.list('hall-clerk')).toEqual([]);
    },
  );

  it('takes over the subscriptions of the webhooks.json an earlier version left in the data folder', async () => {
    await webhooks.onModuleDestroy();
    log.append(event(1, 'HD-1'));
    log.append(event(2, 'HD-2'));
    const earlier = {
      id: 'b8c4f1e2-0000-4000-8000-000000000001',
      url: receiverUrl,
      secret: 'k',
      createdBy: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
      cursor: 1,
      deliveries: [],
    };
    writeFileSync(join(dataDir, 'webhooks.json'), JSON.stringify([earlier]));
    webhooks = await start();
    await receivedAtLeast(1);
    expect(received).toEqual([{ caseId: 'HD-2', seq: 2 }]);
    expect(webhooks.list('test')).toEqual([expect.objectContaining({ id: earlier.id, url: receiverUrl })]);
    expect(existsSync(join(dataDir, 'webhooks.json'))).toBe(false);
  });
});
