import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, Observable, take, toArray } from 'rxjs';
import { EventLog, StoredEvent } from './event-log';
import { EventListenerService } from './event-listener.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

const event = (index: number, caseId = `HD-${index}`) => ({
  blockNumber: String(index),
  transactionId: `t${index}`,
  name: 'case.verify',
  payload: { caseId, receivingMsp: 'HaidianMSP', handlingMsp: 'FoshanMSP' },
});

/** Following the log over a real on-disk log with more events than memory keeps. */
describe('EventsService', () => {
  let log: EventLog;
  let events: EventsService;

  beforeEach(() => {
    log = new EventLog(join(mkdtempSync(join(tmpdir(), 'tongban-sse-')), 'events.jsonl'));
    events = new EventsService({ log } as EventListenerService);
  });

  afterEach(() => {
    log.close();
  });

  const seqs = (stream: Observable<StoredEvent>, count: number) =>
    firstValueFrom(stream.pipe(take(count), toArray())).then((received) => received.map((stored) => stored.seq));

  it('replays a long log page by page, then sends events stored during the replay once each, in order', async () => {
    for (let index = 1; index <= 6000; index += 1) log.append(event(index));
    const received = seqs(events.follow({}, 1000), 5100);
    // Appended while the first pages are sent: they must follow the replay, not cut into it.
    for (let index = 6001; index <= 6100; index += 1) log.append(event(index));
    expect(await received).toEqual(Array.from({ length: 5100 }, (_, offset) => 1001 + offset));
  });

  it('filters the replay and the live events alike', async () => {
    for (let index = 1; index <= 3000; index += 1) log.append(event(index, index % 500 === 0 ? 'HD-RARE' : `HD-${index}`));
    const received = seqs(events.follow({ caseId: 'HD-RARE' }, 0), 7);
    log.append(event(3001, 'HD-RARE'));
    expect(await received).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3001]);
  });

  it('is served as SSE messages whose id is the seq, resuming after Last-Event-ID before the query', async () => {
    for (let index = 1; index <= 5; index += 1) log.append(event(index));
    const controller = new EventsController(events);
    const messages = await firstValueFrom(controller.stream({ lastEventId: 1 }, 3).pipe(take(2), toArray()));
    expect(messages.map(({ id, type }) => ({ id, type }))).toEqual([
      { id: '4', type: 'case.verify' },
      { id: '5', type: 'case.verify' },
    ]);
    expect(messages[0].data).toMatchObject({ seq: 4, payload: { caseId: 'HD-4' } });
  });
});
