import SwaggerParser from '@apidevtools/swagger-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpAnswer, setUpAgreement, threeCities } from './http';
import { loadNetwork } from './network';
import { eventually } from './receivers';

/**
 * The REST API of the three running gateways, end to end over HTTP and the
 * real network: one case across Haidian, Foshan and Tianjin, and every
 * refusal answering the right status and code.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, HAIDIAN, FOSHAN, TIANJIN } = cities;
const run = `H${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-REST-${run}`;
const AGREEMENT = `AGR-REST-${run}`;
const CASE = `HD-REST-${run}`;
const CERTIFICATE = `JY-REST-${run}`;
const DOCUMENT = 'e5'.repeat(32);
const material = { name: 'Application form', sha256: 'f6'.repeat(32), size: 2048, mediaType: 'application/pdf', location: 'store://haidian/f6' };
const applicant = { name: '王五', idNumber: '110108199201011234', phone: '13600000000', address: '北京市海淀区学院路1号' };
const newCase = (id: string) => ({ id, serviceItem: { ownerMsp: FOSHAN, code: ITEM }, agreementId: AGREEMENT, materials: [material], applicant });

describe('the gateways over HTTP', () => {
  beforeAll(() => setUpAgreement(cities, ITEM, AGREEMENT));

  it('carries one case from Haidian through Foshan to recognition in Tianjin', async () => {
    const received = await haidian.post('clerk', '/cases', newCase(CASE));
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({ id: CASE, status: 'RECEIVED', receivingMsp: HAIDIAN, handlingMsp: FOSHAN });
    expect(JSON.stringify(received.body)).not.toContain(applicant.idNumber);
    expect((await haidian.post('clerk', `/cases/${CASE}/verification`)).body.status).toBe('FORWARDED');
    expect((await foshan.post('reviewer', `/cases/${CASE}/acceptance`)).body.status).toBe('ACCEPTED');
    // Exactly what the clerk entered: the salt of the applicant reference stays in the store.
    expect((await foshan.get('reviewer', `/cases/${CASE}/applicant`)).body).toEqual(applicant);
    expect((await foshan.post('reviewer', `/cases/${CASE}/approval`)).body.status).toBe('APPROVED');
    const issued = await foshan.post('reviewer', `/cases/${CASE}/result`, {
      certificateNumber: CERTIFICATE,
      documentSha256: DOCUMENT,
      expiresOn: '2031-12-31',
    });
    expect(issued.body).toMatchObject({ status: 'RESULT_ISSUED', certificateNumber: CERTIFICATE });
    expect((await haidian.post('clerk', `/cases/${CASE}/delivery`)).body.status).toBe('DELIVERED');

    const recognised = await tianjin.post('reviewer', `/results/${CERTIFICATE}/recognitions`, {
      agreementId: AGREEMENT,
      purpose: 'Branch licence in Tianjin',
    });
    expect(recognised.status).toBe(201);
    expect(recognised.body).toMatchObject({ recognisingMsp: TIANJIN, resultRevoked: false });
    const verified = await tianjin.get('clerk', `/results/${CERTIFICATE}/verification?documentSha256=${DOCUMENT}`);
    expect(verified.body).toMatchObject({ verdict: 'VALID', result: { issuingMsp: FOSHAN } });
    const history = await haidian.get('auditor', `/cases/${CASE}/history`);
    expect((history.body as unknown as unknown[]).length).toBe(6);
    // The list of delivered cases holds it, on some page (a reused network may hold thousands).
    const listed: string[] = [];
    let bookmark = '';
    do {
      const page = await haidian.get(
        'auditor',
        `/cases?receivingMsp=${HAIDIAN}&handlingMsp=${FOSHAN}&status=DELIVERED&pageSize=100&bookmark=${encodeURIComponent(bookmark)}`,
      );
      expect(page.status).toBe(200);
      listed.push(...(page.body.cases as { id: string }[]).map((record) => record.id));
      bookmark = page.body.bookmark as string;
    } while (bookmark !== '' && !listed.includes(CASE));
    expect(listed).toContain(CASE);
  });

  it('answers each refused step with the right status and code', async () => {
    const id = `${CASE}-R`;
    expect((await haidian.post('clerk', '/cases', newCase(id))).status).toBe(201);
    // The other cities' peers commit the block on their own, moments after Haidian's (on other hosts, later still).
    await eventually(async () => (await foshan.get('reviewer', `/cases/${id}`)).status === 200, 10_000, `case ${id} on Foshan's peer`);
    await eventually(async () => (await tianjin.get('auditor', `/cases/${id}`)).status !== 404, 10_000, `case ${id} on Tianjin's peer`);
    const expectations: [Promise<{ status: number; body: { code?: string; detail?: string } }>, number, string, string?][] = [
      [haidian.get(undefined, `/cases/${id}`), 401, 'UNAUTHENTICATED'],
      [haidian.post('reviewer', `/cases/${id}/verification`), 403, 'ROLE_NOT_ALLOWED'],
      [foshan.post('reviewer', `/cases/${id}/acceptance`), 409, 'INVALID_TRANSITION', `case ${id} is RECEIVED; accept is not allowed from RECEIVED`],
      [
        foshan.post('clerk', `/cases/${id}/verification`),
        403,
        'FORBIDDEN',
        `case ${id} is RECEIVED; verify must be done by a clerk of the receiving city ${HAIDIAN}, not by a clerk of ${FOSHAN}`,
      ],
      [tianjin.get('auditor', `/cases/${id}/applicant`), 403, 'FORBIDDEN', `${TIANJIN} is neither the receiving nor the handling city of case ${id}`],
      [haidian.get('auditor', `/cases/NO-SUCH-${run}`), 404, 'NOT_FOUND', `case NO-SUCH-${run} does not exist`],
      [haidian.post('clerk', '/cases', newCase(id)), 409, 'CONFLICT'],
      [
        haidian.post('clerk', '/cases', { ...newCase(`${id}-V`), materials: [] }),
        400,
        'VALIDATION_FAILED',
        'materials must be a list of 1 to 100 items',
      ],
      [haidian.post('clerk', `/cases/${id}/withdrawal`, {}), 400, 'VALIDATION_FAILED', 'reason is required'],
      [tianjin.post('clerk', '/cases', newCase(id)), 409, 'CONFLICT', `case ${id} already exists (RECEIVED, received by ${HAIDIAN})`],
    ];
    for (const [answer, status, code, detail] of expectations) {
      const { status: actual, body } = await answer;
      expect({ status: actual, code: body.code }).toEqual({ status, code });
      if (detail) expect(body.detail).toContain(detail);
    }
    // A new Idempotency-Key is a new request, even with the body of one already done.
    const newKey = await haidian.post('clerk', '/cases', newCase(id), { 'Idempotency-Key': `${id}-1` });
    expect({ status: newKey.status, code: newKey.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
  });

  it('answers clients racing for one case as conflicts between clients, never as Fabric faults', async () => {
    const racing = (count: number, send: () => Promise<HttpAnswer>) => Promise.all(Array.from({ length: count }, send));
    const statuses = (answers: HttpAnswer[]) => answers.map((answer) => answer.status).sort();

    // Thirty receipts of one new case id: the losers were ordered in the same block as the winner.
    const id = `HD-RACE-${run}`;
    const receipts = await racing(30, () => haidian.post('clerk', '/cases', newCase(id)));
    expect(statuses(receipts)).toEqual([201, ...Array<number>(29).fill(409)]);
    for (const refused of receipts.filter((answer) => answer.status === 409)) {
      expect(refused.body).toMatchObject({ code: 'CONFLICT', detail: expect.stringContaining(`case ${id} already exists`) as unknown });
    }

    // The same request thirty times with one Idempotency-Key: done once, the first answer every time.
    const keyed = `HD-RACE-KEY-${run}`;
    const replays = await racing(30, () => haidian.post('clerk', '/cases', newCase(keyed), { 'Idempotency-Key': keyed }));
    expect(statuses(replays)).toEqual(Array<number>(30).fill(201));
    expect(replays.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(29);
    for (const replay of replays) expect(replay.body).toMatchObject({ id: keyed, status: 'RECEIVED' });

    // Approval and rejection of one accepted case at once: one wins, the other is refused naming the case and its status.
    const decided = `HD-RACE-DECIDE-${run}`;
    expect((await haidian.post('clerk', '/cases', newCase(decided))).status).toBe(201);
    expect((await haidian.post('clerk', `/cases/${decided}/verification`)).status).toBe(200);
    expect((await foshan.post('reviewer', `/cases/${decided}/acceptance`)).status).toBe(200);
    const decisions = await Promise.all([
      foshan.post('reviewer', `/cases/${decided}/approval`),
      foshan.post('reviewer', `/cases/${decided}/rejection`, { reason: 'Floor plan does not match the premises' }),
    ]);
    expect(statuses(decisions)).toEqual([200, 409]);
    const [winner] = decisions.filter((answer) => answer.status === 200);
    const [loser] = decisions.filter((answer) => answer.status === 409);
    expect(loser.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: expect.stringContaining(`case ${decided} is ${String(winner.body.status)}`) as unknown,
    });
  });

  it('publishes a valid OpenAPI document in which every route answers', async () => {
    const document = (await haidian.get(undefined, '/openapi.json')).body;
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    const paths = document.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths).length).toBeGreaterThan(25);
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        const concrete = path.replace(/\{[^}]+\}/g, `ROUTE-${run}`);
        const answer = await haidian.call('auditor', method.toUpperCase(), concrete, method === 'get' ? undefined : {});
        // Every documented route exists and fails only as documented, never with a 500.
        expect({ route: `${method} ${path}`, status: answer.status < 500 || answer.status === 503 }).toEqual({
          route: `${method} ${path}`,
          status: true,
        });
        expect(answer.body.code).not.toBe('ROUTE_NOT_FOUND');
      }
    }
    const ui = await haidian.fetch('/docs/');
    expect(ui.status).toBe(200);
  });

  it("keeps the applicant's personal data out of every log and event store of the network", () => {
    const files = [
      ...readdirSync(join(network.runtimeDir, 'logs')).map((name) => join(network.runtimeDir, 'logs', name)),
      ...network.cities.map((description) => join(network.runtimeDir, 'gateways', description.key, 'data', 'events.jsonl')),
    ];
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [applicant.name, applicant.idNumber, applicant.phone, applicant.address]) {
        expect({ file, leaked: text.includes(secret) }).toEqual({ file, leaked: false });
      }
    }
  });

  it('reports readiness, and Fabric call metrics on the operations address only', async () => {
    expect((await foshan.get(undefined, '/health/ready')).body).toEqual({ status: 'ready', mspId: FOSHAN });
    // Metrics are the city's business figures: on the operations address, not on the API's port.
    expect((await foshan.fetch('/metrics')).status).toBe(404);
    const metrics = await fetch(`${foshan.city.gateway.operations}/metrics`).then((response) => response.text());
    expect(metrics).toMatch(/tongban_fabric_calls_total\{kind="submit",transaction="Cases:Accept",outcome="ok"\} \d+/);
    expect(metrics).toContain('tongban_http_request_duration_seconds_bucket');
  });
});
