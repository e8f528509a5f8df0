import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { applicantRefOf, CASE_STATUSES } from '@tongban/chaincode/domain';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';
import { ChaincodeRefusalError } from '../fabric/ledger-errors';

const material = { name: 'Application form', sha256: 'ab'.repeat(32), size: 10, mediaType: 'application/pdf', location: 'store://ab' };
const applicant = { name: '张三', idNumber: '110101199003071234', phone: '13800000000', address: '北京市海淀区' };
const body = { id: 'HD-1', serviceItem: { ownerMsp: 'FoshanMSP', code: 'FS-1' }, agreementId: 'AGR-1', materials: [material], applicant };

describe('cases API', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  let stored: Record<string, unknown> | undefined;

  beforeEach(async () => {
    ledger = new FakeLedger();
    stored = undefined;
    ledger.answer('Cases:Receive', (call) => {
      if (stored) throw new ChaincodeRefusalError('CONFLICT', 'case HD-1 already exists');
      const input = JSON.parse(call.args[0]) as { serviceItem: object; materials: unknown[] };
      const transient = JSON.parse(call.options?.transient?.applicant ?? '{}') as { salt: string; idNumber: string };
      stored = {
        ...input,
        serviceItem: { ...input.serviceItem, version: 1 },
        status: 'RECEIVED',
        receivingMsp: 'HaidianMSP',
        handlingMsp: 'FoshanMSP',
        applicantRef: applicantRefOf(transient.salt, transient.idNumber),
        manifest: { version: 1, materials: input.materials },
      };
      return stored;
    });
    ledger.answer('Cases:GetCase', () => stored);
    ledger.answer('Cases:Verify', () => ({ ...stored, status: 'FORWARDED' }));
    ledger.answer('Cases:ListCases', () => ({ cases: [], bookmark: '' }));
    app = await createTestApp(ledger);
  });

  afterEach(() => app.close());

  const post = (path: string, key: string, payload: unknown, headers: Record<string, string> = {}) =>
    request(app.getHttpServer())
      .post(path)
      .set('x-api-key', key)
      .set(headers)
      .send(payload as object);

  it('sends the applicant as transient data to the two cities only, never as an argument', async () => {
    const response = await post('/cases', TEST_KEYS.clerk, body);
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe('/cases/HD-1');
    const call = ledger.calls[0];
    expect(call).toMatchObject({ kind: 'submit', role: 'clerk', transaction: 'Cases:Receive' });
    expect(call.args.join(' ')).not.toContain(applicant.idNumber);
    expect(call.args.join(' ')).not.toContain(applicant.name);
    const sent = JSON.parse(call.options?.transient?.applicant ?? '{}') as Record<string, string>;
    expect(sent).toMatchObject(applicant);
    expect(sent.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(call.options?.endorsingOrganizations).toEqual(['HaidianMSP', 'FoshanMSP']);
  });

  it('answers a repeated receipt without a key, or under a new key, 409 CONFLICT', async () => {
    expect((await post('/cases', TEST_KEYS.clerk, body)).status).toBe(201);
    const again = await post('/cases', TEST_KEYS.clerk, body);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', detail: 'case HD-1 already exists' });
    // A new key is a new request, even with the same body.
    const newKey = await post('/cases', TEST_KEYS.clerk, body, { 'Idempotency-Key': 'k-new' });
    expect(newKey.status).toBe(409);
    expect(newKey.body).toMatchObject({ code: 'CONFLICT' });
  });

  it('gives the first answer again to the same request under the same key, and does it once', async () => {
    const first = await post('/cases', TEST_KEYS.clerk, body, { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const replay = await post('/cases', TEST_KEYS.clerk, body, { 'Idempotency-Key': 'k-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe('/cases/HD-1');
    expect(replay.body).toEqual(first.body);
    expect(ledger.calls.filter((call) => call.transaction === 'Cases:Receive')).toHaveLength(1);
  });

  it('lets concurrent duplicates under one key wait for the first attempt and get its answer', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/cases', TEST_KEYS.clerk, body, { 'Idempotency-Key': 'k-concurrent' })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(ledger.calls.filter((call) => call.transaction === 'Cases:Receive')).toHaveLength(1);
  });

  it.each([
    ['applicant name', { ...body, applicant: { ...applicant, name: '李四' } }],
    ['applicant phone', { ...body, applicant: { ...applicant, phone: '13900000000' } }],
    ['applicant address', { ...body, applicant: { ...applicant, address: '天津市' } }],
    ['manifest', { ...body, materials: [{ ...material, size: 11 }] }],
  ])('refuses the same key with another %s 409 IDEMPOTENCY_MISMATCH, changing nothing', async (field, changed) => {
    const key = { 'Idempotency-Key': `k-2-${field.replace(' ', '-')}` };
    expect((await post('/cases', TEST_KEYS.clerk, body, key)).status).toBe(201);
    const different = await post('/cases', TEST_KEYS.clerk, changed, key);
    expect(different.status).toBe(409);
    expect(different.body).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    expect(ledger.calls.filter((call) => call.transaction === 'Cases:Receive')).toHaveLength(1);
  });

  it('honours the key on every state-changing call, refusals included', async () => {
    await post('/cases', TEST_KEYS.clerk, body);
    const verify = () => post('/cases/HD-1/verification', TEST_KEYS.clerk, undefined, { 'Idempotency-Key': 'v-1' });
    const first = await verify();
    expect(first.status).toBe(200);
    expect((await verify()).headers['idempotent-replayed']).toBe('true');
    expect(ledger.calls.filter((call) => call.transaction === 'Cases:Verify')).toHaveLength(1);
    // A final refusal is given again too, without asking the ledger again.
    ledger.answer('Cases:Withdraw', () => {
      throw new ChaincodeRefusalError('INVALID_TRANSITION', 'case HD-1 is FORWARDED; withdraw is not allowed from FORWARDED');
    });
    const withdraw = () => post('/cases/HD-1/withdrawal', TEST_KEYS.clerk, { reason: 'Applicant moved' }, { 'Idempotency-Key': 'w-1' });
    expect((await withdraw()).body).toMatchObject({ code: 'INVALID_TRANSITION' });
    const again = await withdraw();
    expect(again.status).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', detail: 'case HD-1 is FORWARDED; withdraw is not allowed from FORWARDED' });
    expect(ledger.calls.filter((call) => call.transaction === 'Cases:Withdraw')).toHaveLength(1);
  });

  const { applicant: _applicant, ...withoutApplicant } = body;
  const { serviceItem: _serviceItem, ...withoutServiceItem } = body;

  it.each([
    ['with a bad id', { ...body, id: 'bad id' }, "id must be letters, digits, '.', '_' or '-', starting with a letter or digit"],
    [
      'with a bad material hash',
      { ...body, materials: [{ ...material, sha256: 'xyz' }] },
      'materials[0].sha256 must be 64 lower-case hex digits (SHA-256)',
    ],
    ['with a bad phone number', { ...body, applicant: { ...applicant, phone: 'call me' } }, 'applicant.phone must be a phone number'],
    ['with an unknown field', { ...body, extra: true }, 'extra is not a known field'],
    ['with an unknown applicant field', { ...body, applicant: { ...applicant, colour: 'red' } }, 'applicant.colour is not a known field'],
    ['without applicant', withoutApplicant, 'applicant is required'],
    ['without serviceItem', withoutServiceItem, 'serviceItem is required'],
    ['without materials', { ...body, materials: [] }, 'materials must be a list of 1 to 100 items'],
  ])('refuses a receipt %s with 400 naming the field, before any ledger call', async (_case, payload, message) => {
    const response = await post('/cases', TEST_KEYS.clerk, payload);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: `invalid request: ${message}`, errors: [message] });
    expect(JSON.stringify(response.body)).not.toContain(applicant.idNumber);
    expect(ledger.calls).toHaveLength(0);
  });

  it('refuses malformed JSON with 400 MALFORMED_REQUEST', async () => {
    const response = await request(app.getHttpServer())
      .post('/cases')
      .set('x-api-key', TEST_KEYS.clerk)
      .set('content-type', 'application/json')
      .send('{"id": ');
    expect(response.status).toBe(400);
    const problem = response.body as { code: string; detail: string };
    expect(problem.code).toBe('MALFORMED_REQUEST');
    expect(problem.detail).toContain('JSON');
  });

  it('maps lifecycle actions to their transactions as the caller role', async () => {
    await post('/cases', TEST_KEYS.clerk, body);
    const verified = await post('/cases/HD-1/verification', TEST_KEYS.clerk, {});
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'FORWARDED' });
    expect(ledger.calls.at(-1)).toMatchObject({ transaction: 'Cases:Verify', role: 'clerk', args: ['HD-1'] });
    const wrongRole = await post('/cases/HD-1/acceptance', TEST_KEYS.clerk, {});
    expect(wrongRole.status).toBe(403);
  });

  const list = (query: string) => request(app.getHttpServer()).get(`/cases?${query}`).set('x-api-key', TEST_KEYS.auditor);

  it('passes list queries through with the default page', async () => {
    const good = await list('handlingMsp=FoshanMSP&status=ACCEPTED');
    expect(good.status).toBe(200);
    expect(ledger.calls.at(-1)).toMatchObject({ transaction: 'Cases:ListCases', args: ['', 'FoshanMSP', 'ACCEPTED', '20', ''] });
  });

  it('accepts a pageSize of 100 and refuses 101', async () => {
    expect((await list('handlingMsp=FoshanMSP&pageSize=100')).status).toBe(200);
    expect(ledger.calls.at(-1)?.args).toEqual(['', 'FoshanMSP', '', '100', '']);
    const refused = await list('handlingMsp=FoshanMSP&pageSize=101');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: ['pageSize must be an integer from 1 to 100'] });
  });

  it.each([
    ['pageSize=0x10', 'pageSize must be an integer from 1 to 100'],
    ['pageSize=16&pageSize=17', 'pageSize must be an integer from 1 to 100'],
    ['status=DONE', `status must be one of ${CASE_STATUSES.join(', ')}`],
    ['receivingMsp=-x', "receivingMsp must be letters, digits, '.', '_' or '-', starting with a letter or digit"],
    ['colour=red', 'colour is not a known field'],
  ])('refuses the list query %s with 400 naming the parameter', async (query, message) => {
    const response = await list(`handlingMsp=FoshanMSP&${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [message] });
    expect(ledger.calls).toHaveLength(0);
  });

  it('refuses a list by status alone with 400 saying a city is required, as the document says', async () => {
    const response = await list('status=RECEIVED');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: ['receivingMsp or handlingMsp is required: cases are listed by receiving or handling city'],
    });
    expect(ledger.calls).toHaveLength(0);
  });

  it('refuses a case id path parameter that is not an identifier', async () => {
    const response = await request(app.getHttpServer())
      .get(`/cases/${'A'.repeat(65)}`)
      .set('x-api-key', TEST_KEYS.auditor);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: ['id must be 1 to 64 characters long'] });
  });

  it('refuses 2026-02-30 as the expiry of a result', async () => {
    const response = await post('/cases/HD-1/result', TEST_KEYS.reviewer, {
      certificateNumber: 'JY-1',
      documentSha256: 'cd'.repeat(32),
      expiresOn: '2026-02-30',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: ['expiresOn must be a date written YYYY-MM-DD'] });
    expect(ledger.calls).toHaveLength(0);
  });

  it('answers 404 ROUTE_NOT_FOUND as problem+json for an unknown route', async () => {
    const response = await request(app.getHttpServer()).get('/nothing').set('x-api-key', TEST_KEYS.auditor);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});
