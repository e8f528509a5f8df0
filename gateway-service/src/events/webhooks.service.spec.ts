import { ConfigService } from '@nestjs/config';
import { mkdtempSync } from 'node:fs';
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
  const event = (index: number, caseId: string) => ({ blockNumber: String(index), transactionId: `tx${index}`, name: 'case.receive', payload: { caseId } });

  beforeEach(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-webhooks-'));
    log = new EventLog(join(dataDir, 'events.jsonl'));
    const config = { get: () => ({ dataDir }) } as unknown as ConfigService;
    webhooks = new WebhooksService({ log } as EventListenerService, config);
    webhooks.onApplicationBootstrap();
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

  afterEach(async () => {
    webhooks.onModuleDestroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('backs off from an unreachable receiver however many events arrive meanwhile', async () => {
    const subscription = webhooks.create({ url: 'http://127.0.0.1:1/hook' }, 'test');
    for (let index = 1; index <= 40; index += 1) {
      log.append(event(index, `HD-${index}`));
      await sleep(25);
    }
    // Attempts at about 0 s and 1 s (pauses 1 s, 2 s, ...): not one per event.
    const attempts = webhooks.get(subscription.id).deliveries;
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(3);
    expect(attempts.every((attempt) => attempt.eventId === 1 && !attempt.delivered)).toBe(true);
  });

  it('delivers the rare events that match a filter, in order, after many that do not', async () => {
    webhooks.create({ url: receiverUrl, caseId: 'HD-RARE' }, 'test');
    for (let index = 1; index <= 300; index += 1) {
      log.append(event(index, index % 100 === 0 ? 'HD-RARE' : `HD-${index}`));
      if (index % 50 === 0) await sleep(10);
    }
    const deadline = Date.now() + 5000;
    while (received.length < 3 && Date.now() < deadline) await sleep(20);
    expect(received).toEqual([
      { caseId: 'HD-RARE', seq: 100 },
      { caseId: 'HD-RARE', seq: 200 },
      { caseId: 'HD-RARE', seq: 300 },
    ]);
  });
});
