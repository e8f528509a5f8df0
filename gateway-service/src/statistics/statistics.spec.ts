import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLog, StoredEvent } from '../events/event-log';
import { EventListenerService } from '../events/event-listener.service';
import { readStatisticsQuery } from './statistics.dto';
import { csvOf } from './statistics-csv';
import { StatisticsFollower } from './statistics-follower.service';
import { StatisticsStore } from './statistics-store';
import { StatisticsService } from './statistics.service';

const HAIDIAN = 'HaidianMSP';
const FOSHAN = 'FoshanMSP';
const TIANJIN = 'TianjinMSP';
const ITEM = 'FS-FOOD-001';

/** The event of one case step, as the chaincode emits it. */
function caseEvent(
  action: string,
  caseId: string,
  at: string,
  times: { receivedAt: string; dueAt?: string; decidedAt?: string },
  receivingMsp = HAIDIAN,
) {
  return {
    name: `case.${action}`,
    payload: { caseId, status: 'ACCEPTED', receivingMsp, handlingMsp: FOSHAN, serviceItem: { ownerMsp: FOSHAN, code: ITEM }, at, ...times },
  };
}

const received = '2026-01-05T09:00:00.000Z';
const due = '2026-01-20T09:00:00.000Z';
/** A case received, forwarded and accepted; decided `decision` (approve or reject) at `decidedAt`, if given. */
function acceptedCase(caseId: string, decision?: { action: 'approve' | 'reject'; at: string }, receivingMsp = HAIDIAN) {
  const steps = [
    caseEvent('receive', caseId, received, { receivedAt: received }, receivingMsp),
    caseEvent('verify', caseId, '2026-01-05T10:00:00.000Z', { receivedAt: received }, receivingMsp),
    caseEvent('accept', caseId, '2026-01-05T11:00:00.000Z', { receivedAt: received, dueAt: due }, receivingMsp),
  ];
  if (decision)
    steps.push(caseEvent(decision.action, caseId, decision.at, { receivedAt: received, dueAt: due, decidedAt: decision.at }, receivingMsp));
  return steps;
}

describe('statistics kept from the event log', () => {
  let directory: string;
  let log: EventLog;
  let store: StatisticsStore;
  let follower: StatisticsFollower | undefined;
  let block = 0;

  const append = (events: { name: string; payload: Record<string, unknown> }[]): StoredEvent[] =>
    events.map((event) => log.append({ blockNumber: String((block += 1)), transactionId: `tx-${block}`, ...event }) as StoredEvent);

  /** Starts a follower over the log and store, as the gateway does at boot, and waits until it has counted everything. */
  async function follow(): Promise<StatisticsService> {
    follower = new StatisticsFollower({ log } as EventListenerService, store);
    await follower.onApplicationBootstrap();
    await follower.settled();
    return new StatisticsService(store);
  }

  async function restart(): Promise<void> {
    await follower?.onModuleDestroy();
    await store.close();
    store = new StatisticsStore(join(directory, 'statistics'));
    await store.open();
  }

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tongban-statistics-'));
    log = new EventLog(join(directory, 'events.jsonl'));
    store = new StatisticsStore(join(directory, 'statistics'));
    await store.open();
  });

  afterEach(async () => {
    await follower?.onModuleDestroy();
    follower = undefined;
    await store.close();
    log.close();
  });

  it('counts each step in its month and pair, with exact decision times, refusals and recognitions', async () => {
    append([
      ...acceptedCase('HD-1', { action: 'approve', at: '2026-01-06T09:00:00.000Z' }),
      ...acceptedCase('HD-2', { action: 'reject', at: '2026-01-08T09:30:00.000Z' }),
      ...acceptedCase('HD-3', { action: 'approve', at: '2026-02-02T09:00:00.000Z' }),
      caseEvent('receive', 'HD-4', received, { receivedAt: received }),
      caseEvent('verify', 'HD-4', received, { receivedAt: received }),
      caseEvent('refuse', 'HD-4', received, { receivedAt: received, decidedAt: received }),
      ...acceptedCase('TJ-1', undefined, TIANJIN),
      {
        name: 'result.recognise',
        payload: {
          certificateNumber: 'JY-1',
          caseId: 'HD-1',
          status: 'VALID',
          issuingMsp: FOSHAN,
          receivingMsp: HAIDIAN,
          recognisingMsp: TIANJIN,
          serviceItem: { ownerMsp: FOSHAN, code: ITEM },
          at: '2026-02-10T00:00:00.000Z',
        },
      },
    ]);
    const statistics = await follow();
    const report = await statistics.report({}, new Date('2026-01-10T00:00:00.000Z'));
    expect(report.rows.map(({ month, receivingMsp }) => [month, receivingMsp])).toEqual([
      ['2026-01', HAIDIAN],
      ['2026-01', TIANJIN],
      ['2026-02', HAIDIAN],
    ]);
    expect(report.rows[0]).toMatchObject({
      received: 4,
      forwarded: 4,
      accepted: 3,
      handled: 2,
      refused: 1,
      // HD-3, due in January, decided in February.
      overdue: 1,
      recognitions: 0,
      // 1440 and 4350 minutes: the median is the lower one, the 90th percentile the higher.
      medianMinutesToDecision: 1440,
      p90MinutesToDecision: 4350,
      medianDaysToDecision: 1,
      p90DaysToDecision: 3.02,
    });
    expect(report.rows[1]).toMatchObject({ received: 1, accepted: 1, handled: 0, medianMinutesToDecision: null });
    expect(report.rows[2]).toMatchObject({ received: 0, handled: 1, recognitions: 1, medianMinutesToDecision: 40_320 });
    expect(report.totals).toMatchObject({ received: 5, handled: 3, recognitions: 1, medianMinutesToDecision: 4350, p90MinutesToDecision: 40_320 });
    expect(report.throughBlock).toBe(String(block));
  });

  it('counts as overdue, in the month it fell due, a case decided late or still undecided past its due time', async () => {
    append([
      ...acceptedCase('HD-LATE', { action: 'approve', at: '2026-02-01T00:00:00.000Z' }),
      ...acceptedCase('HD-OPEN'),
      ...acceptedCase('HD-ON-TIME', { action: 'approve', at: '2026-01-10T00:00:00.000Z' }),
    ]);
    const statistics = await follow();
    const before = await statistics.report({}, new Date(due));
    expect(before.totals.overdue).toBe(1);
    const after = await statistics.report({}, new Date('2026-01-21T00:00:00.000Z'));
    expect(after.rows.map((row) => [row.month, row.overdue])).toEqual([
      ['2026-01', 2],
      ['2026-02', 0],
    ]);
  });

  it('resumes after a restart without counting an event twice, and counts afresh when the event log was replaced', async () => {
    append(acceptedCase('HD-1'));
    await follow();
    await restart();
    append(acceptedCase('HD-2'));
    const statistics = await follow();
    expect((await statistics.report({})).totals).toMatchObject({ received: 2, accepted: 2 });

    await restart();
    log.close();
    log = new EventLog(join(mkdtempSync(join(tmpdir(), 'tongban-statistics-')), 'events.jsonl'));
    append(acceptedCase('HD-3'));
    const recounted = await follow();
    expect((await recounted.report({})).totals).toMatchObject({ received: 1, accepted: 1 });
  });

  it('counts events stored while it runs, and skips events of an older chaincode', async () => {
    const statistics = await follow();
    append([{ name: 'case.receive', payload: { caseId: 'OLD-1', status: 'RECEIVED', receivingMsp: HAIDIAN, handlingMsp: FOSHAN } }]);
    append(acceptedCase('HD-1'));
    await follower?.settled();
    expect((await statistics.report({})).totals).toMatchObject({ received: 1, accepted: 1 });
  });

  it('narrows by months, cities and item, and writes CSV with a totals line', async () => {
    append([...acceptedCase('HD-1', { action: 'approve', at: '2026-02-02T09:00:00.000Z' }), ...acceptedCase('TJ-1', undefined, TIANJIN)]);
    const statistics = await follow();
    const february = await statistics.report({ from: '2026-02', to: '2026-02' });
    expect(february.rows).toHaveLength(1);
    expect((await statistics.report({ receivingMsp: TIANJIN })).totals.received).toBe(1);
    expect((await statistics.report({ serviceItemCode: 'OTHER' })).rows).toEqual([]);
    const csv = csvOf(february).split('\r\n');
    expect(csv[0]).toBe(
      'month,receivingMsp,handlingMsp,serviceItemCode,received,forwarded,accepted,handled,refused,overdue,recognitions,' +
        'medianDaysToDecision,p90DaysToDecision,medianMinutesToDecision,p90MinutesToDecision',
    );
    expect(csv[1]).toBe(`2026-02,${HAIDIAN},${FOSHAN},${ITEM},0,0,0,1,0,0,0,28,28,40320,40320`);
    expect(csv[2]).toBe('total,,,,0,0,0,1,0,0,0,28,28,40320,40320');
  });
});

describe('readStatisticsQuery', () => {
  it('reads months, cities, item and format, refusing unknown and bad fields by name', () => {
    expect(readStatisticsQuery({ from: '2026-01', to: '2026-03', serviceItem: ITEM, format: 'csv' })).toEqual({
      from: '2026-01',
      to: '2026-03',
      receivingMsp: undefined,
      handlingMsp: undefined,
      serviceItemCode: ITEM,
      format: 'csv',
    });
    expect(readStatisticsQuery({}).format).toBe('json');
    expect(() => readStatisticsQuery({ from: '2026-13' })).toThrow('from must be a month written YYYY-MM');
    expect(() => readStatisticsQuery({ from: '2026-03', to: '2026-01' })).toThrow('to (2026-01) must not be before from (2026-03)');
    expect(() => readStatisticsQuery({ city: HAIDIAN })).toThrow('city');
    expect(() => readStatisticsQuery({ format: 'xml' })).toThrow('format must be one of json, csv');
  });
});
