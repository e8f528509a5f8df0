import { isDeepStrictEqual } from 'node:util';
import { CityClient, setUpAgreement, threeCities } from './http';
import { loadNetwork } from './network';
import { eventually } from './receivers';

/**
 * The statistics of the running gateways against a count made from the
 * ledger: cases of a fresh service item between two city pairs, with every
 * outcome, read back through the API and counted here by the statistics'
 * documented rules, must equal what each gateway counted from the events.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, HAIDIAN, FOSHAN, TIANJIN } = cities;
const run = `S${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-STAT-${run}`;
const AGREEMENT = `AGR-STAT-${run}`;
const material = { name: 'Application form', sha256: 'c7'.repeat(32), size: 1024, mediaType: 'application/pdf', location: 'store://stat/c7' };
const applicant = { name: '孙七', idNumber: '120101199107071234', phone: '13500000000', address: '天津市和平区南京路1号' };
const COUNT_FIELDS = ['received', 'forwarded', 'accepted', 'handled', 'refused', 'overdue', 'recognitions'] as const;

type Outcome = 'received' | 'forwarded' | 'open' | 'refused' | 'rejected' | 'approved' | 'recognised';

interface TimelineEntry {
  action: string;
  at: string;
}

interface CaseView {
  id: string;
  status: string;
  receivingMsp: string;
  handlingMsp: string;
  receivedAt: string;
  acceptedAt?: string;
  dueAt?: string;
  decidedAt?: string;
  certificateNumber?: string;
  timeline: TimelineEntry[];
}

type Row = Record<(typeof COUNT_FIELDS)[number], number> & { minutes: number[] };
interface StatisticsRow extends Record<(typeof COUNT_FIELDS)[number], number> {
  month: string;
  receivingMsp: string;
  handlingMsp: string;
  serviceItemCode: string;
  medianMinutesToDecision: number | null;
  p90MinutesToDecision: number | null;
  medianDaysToDecision: number | null;
  p90DaysToDecision: number | null;
}

/** Takes a case received by `receiver` (a clerk's city) to `outcome`, Foshan deciding; a partner recognises an issued result. */
async function caseTo(receiver: CityClient, id: string, outcome: Outcome, recogniser: CityClient): Promise<void> {
  const steps: [CityClient, string, unknown?][] = [[receiver, 'verification']];
  if (outcome === 'refused') steps.push([foshan, 'refusal', { reason: 'Not within this city’s remit' }]);
  if (['open', 'rejected', 'approved', 'recognised'].includes(outcome)) steps.push([foshan, 'acceptance']);
  if (outcome === 'rejected') steps.push([foshan, 'rejection', { reason: 'Premises do not meet the standard' }]);
  if (outcome === 'approved' || outcome === 'recognised') steps.push([foshan, 'approval']);
  if (outcome === 'recognised') steps.push([foshan, 'result', { certificateNumber: `JY-${id}`, documentSha256: 'd8'.repeat(32) }]);

  const received = await receiver.post('clerk', '/cases', {
    id,
    serviceItem: { ownerMsp: FOSHAN, code: ITEM },
    agreementId: AGREEMENT,
    materials: [material],
    applicant,
  });
  expect({ id, status: received.status }).toEqual({ id, status: 201 });
  if (outcome === 'received') return;
  for (const [client, step, body] of steps) {
    const role = client === receiver ? 'clerk' : 'reviewer';
    const answer = await client.post(role, `/cases/${id}/${step}`, body ?? {});
    expect({ id, step, status: answer.status }).toEqual({ id, step, status: 200 });
  }
  if (outcome === 'recognised') {
    const recognised = await recogniser.post('reviewer', `/results/JY-${id}/recognitions`, { agreementId: AGREEMENT, purpose: 'Branch licence' });
    expect({ id, status: recognised.status }).toEqual({ id, status: 201 });
  }
}

const monthOf = (timestamp: string) => timestamp.slice(0, 7);
const minutesBetween = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);
/** Nearest rank, as the statistics document it. */
function percentile(minutes: number[], percent: number): number | null {
  if (minutes.length === 0) return null;
  const sorted = [...minutes].sort((a, b) => a - b);
  return sorted[Math.ceil((sorted.length * percent) / 100) - 1];
}
const daysOf = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 1440) * 100) / 100);

/** The figures the statistics must show, counted from the cases and recognitions on the ledger as of `asOf`. */
async function countFromLedger(ids: string[], asOf: string): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  const add = (record: CaseView, timestamp: string): Row => {
    const key = [monthOf(timestamp), record.receivingMsp, record.handlingMsp, ITEM].join(' ');
    const row = rows.get(key) ?? {
      ...(Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<(typeof COUNT_FIELDS)[number], number>),
      minutes: [],
    };
    rows.set(key, row);
    return row;
  };
  for (const id of ids) {
    const answer = await haidian.get('auditor', `/cases/${id}`);
    expect(answer.status).toBe(200);
    const record = answer.body as unknown as CaseView;
    add(record, record.receivedAt).received += 1;
    for (const entry of record.timeline) {
      if (entry.action === 'verify') add(record, entry.at).forwarded += 1;
      if (entry.action === 'accept') add(record, entry.at).accepted += 1;
      if (entry.action === 'refuse') add(record, entry.at).refused += 1;
      if (entry.action === 'approve' || entry.action === 'reject') {
        const row = add(record, entry.at);
        row.handled += 1;
        row.minutes.push(minutesBetween(record.receivedAt, entry.at));
      }
    }
    // Overdue in the month it fell due: decided after its due time, or still undecided past it.
    const { dueAt, decidedAt } = record;
    if (dueAt !== undefined && dueAt < asOf && (decidedAt === undefined ? record.status === 'ACCEPTED' : decidedAt > dueAt))
      add(record, dueAt).overdue += 1;
    if (record.certificateNumber !== undefined) {
      const recognitions = await haidian.get('auditor', `/results/${record.certificateNumber}/recognitions`);
      for (const recognition of recognitions.body as unknown as { recordedAt: string }[]) add(record, recognition.recordedAt).recognitions += 1;
    }
  }
  return rows;
}

/** The rows a statistics report should hold for the counted rows. */
function expectedRows(counted: Map<string, Row>): StatisticsRow[] {
  return [...counted.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, { minutes, ...counts }]) => {
      const [month, receivingMsp, handlingMsp, serviceItemCode] = key.split(' ');
      const median = percentile(minutes, 50);
      const p90 = percentile(minutes, 90);
      return {
        month,
        receivingMsp,
        handlingMsp,
        serviceItemCode,
        ...counts,
        medianMinutesToDecision: median,
        p90MinutesToDecision: p90,
        medianDaysToDecision: daysOf(median),
        p90DaysToDecision: daysOf(p90),
      };
    });
}

const statisticsOf = async (client: CityClient) => {
  const answer = await client.get('auditor', `/statistics?handlingMsp=${FOSHAN}&serviceItem=${ITEM}`);
  expect(answer.status).toBe(200);
  return answer.body as unknown as { asOf: string; rows: StatisticsRow[]; totals: Record<string, number | null> };
};

describe('statistics per city pair and service item', () => {
  const haidianCases: [string, Outcome][] = [
    [`HD-STAT-${run}-1`, 'recognised'],
    [`HD-STAT-${run}-2`, 'recognised'],
    [`HD-STAT-${run}-3`, 'rejected'],
    [`HD-STAT-${run}-4`, 'refused'],
    [`HD-STAT-${run}-5`, 'open'],
    [`HD-STAT-${run}-6`, 'received'],
  ];
  const tianjinCases: [string, Outcome][] = [
    [`TJ-STAT-${run}-1`, 'approved'],
    [`TJ-STAT-${run}-2`, 'recognised'],
    [`TJ-STAT-${run}-3`, 'refused'],
    [`TJ-STAT-${run}-4`, 'forwarded'],
  ];
  const ids = [...haidianCases, ...tianjinCases].map(([id]) => id);

  beforeAll(async () => {
    await setUpAgreement(cities, ITEM, AGREEMENT);
    // One pair's cases at a time, in order, so decision times differ from case to case.
    for (const [id, outcome] of haidianCases) await caseTo(haidian, id, outcome, tianjin);
    for (const [id, outcome] of tianjinCases) await caseTo(tianjin, id, outcome, haidian);
  }, 240_000);

  it("match, in every gateway, the figures counted from the ledger's cases", async () => {
    for (const client of [haidian, foshan, tianjin]) {
      let last: { actual: StatisticsRow[]; expected: StatisticsRow[] } | undefined;
      await eventually(
        async () => {
          const report = await statisticsOf(client);
          last = { actual: report.rows, expected: expectedRows(await countFromLedger(ids, report.asOf)) };
          return isDeepStrictEqual(last.actual, last.expected);
        },
        30_000,
        `${client.city.mspId}'s statistics of ${ITEM} to match the ledger`,
      ).catch((error: unknown) => {
        // Show the difference, not only the timeout.
        expect(last?.actual).toEqual(last?.expected);
        throw error;
      });
    }
    const { rows, totals } = await statisticsOf(haidian);
    expect(new Set(rows.map((row) => `${row.receivingMsp}>${row.handlingMsp}`))).toEqual(new Set([`${HAIDIAN}>${FOSHAN}`, `${TIANJIN}>${FOSHAN}`]));
    // Both pairs' cases are in: ten received, five decided (four approved, one rejected), three results recognised.
    expect(totals).toMatchObject({ received: 10, forwarded: 9, accepted: 6, handled: 5, refused: 2, overdue: 0, recognitions: 3 });
  });

  it('narrows to one pair and exports the same rows as CSV', async () => {
    const json = await haidian.get('admin', `/statistics?receivingMsp=${TIANJIN}&handlingMsp=${FOSHAN}&serviceItem=${ITEM}`);
    const rows = json.body.rows as StatisticsRow[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.receivingMsp === TIANJIN)).toBe(true);
    const response = await haidian.fetch(`/statistics?receivingMsp=${TIANJIN}&handlingMsp=${FOSHAN}&serviceItem=${ITEM}&format=csv`, {
      headers: { 'x-api-key': haidian.apiKey('auditor') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[1].split(',').slice(0, 8)).toEqual([
      rows[0].month,
      TIANJIN,
      FOSHAN,
      ITEM,
      ...COUNT_FIELDS.slice(0, 4).map((field) => String(rows[0][field])),
    ]);
  });

  it('refuses a bad query with 400 naming the field, and roles other than auditor and admin', async () => {
    const bad = await haidian.get('auditor', '/statistics?from=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('from must be a month written YYYY-MM') as unknown });
    const unknown = await haidian.get('auditor', '/statistics?city=HaidianMSP');
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect((await haidian.get('clerk', '/statistics')).status).toBe(403);
  });
});
