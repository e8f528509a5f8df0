import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, Observable, take, toArray } from 'rxjs';
import type { MessageEvent } from '@nestjs/common';
import { EventLog, StoredEvent } from './event-log';
import { EventListenerService } from './event-listener.service';
import { EventsController } from './events.controller';

const event = (index: number, caseId = `HD-${index}`) => ({
  blockNumber: String(index),
  transactionId: `t${index}`,
  name: 'case.verify',
  payload: { caseId, receivingMsp: 'HaidianMSP', handlingMsp: 'FoshanMSP' },
});

/** The SSE stream over a real on-disk log with more events than memory keeps. */
describe('EventsController', () => {
  let log: EventLog;
  let controller: EventsController;

  beforeEach(() => {
    log = new EventLog(join(mkdtempSync(join(tmpdir(), 'tongban-sse-')), 'events.jsonl'));
    controller = new EventsController({ log } as EventListenerService);
  });

  afterEach(() => log.close());

  const seqs = (stream: Observable<MessageEvent>, count: number) =>
    firstValueFrom(stream.pipe(take(count), toArray())).then((messages) => messages.map((message) => (message.data as StoredEvent).seq));

  it('replays a long log page by page, then sends events committed during the replay once each, in order', async () => {
    for (let index = 1; index <= 6000; index += 1) log.append(event(index));
    const stream = controller.stream({}, '1000');
    const received = seqs(stream, 5100);
    // Appended while the first pages are sent: they must follow the replay, not cut into it.
    for (let index = 6001; index <= 6100; index += 1) log.append(event(index));
    expect(await received).toEqual(Array.from({ length: 5100 }, (_, offset) => 1001 + offset));
  });

  it('filters the replay and the live events alike', async () => {
    for (let index = 1; index <= 3000; index += 1) log.append(event(index, index % 500 === 0 ? 'HD-RARE' : `HD-${index}`));
    const received = seqs(controller.stream({ caseId: 'HD-RARE' }), 7);
    log.append(event(3001, 'HD-RARE'));
    expect(await received).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3001]);
  });
});
