import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';
import { ChaincodeRefusalError } from '../fabric/ledger-errors';

describe('Prefer: respond-async on ledger writes', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  let commit: () => void;

  beforeEach(async () => {
    ledger = new FakeLedger();
    // Acceptance is held until the test commits it; approval is refused by the chaincode.
    ledger.answer(
      'Cases:Accept',
      () =>
        new Promise(
          (resolve) =>
            (commit = () => {
              resolve({ id: 'HD-1', status: 'ACCEPTED' });
            }),
        ),
    );
    ledger.answer('Cases:Approve', () => {
      throw new ChaincodeRefusalError('INVALID_TRANSITION', 'case HD-1 is FORWARDED; approve needs ACCEPTED');
    });
    app = await createTestApp(ledger);
  });

  afterEach(() => app.close());

  const post = (path: string, headers: Record<string, string> = {}) =>
    request(app.getHttpServer()).post(path).set('x-api-key', TEST_KEYS.reviewer).set(headers).send();
  const poll = (location: string, key = TEST_KEYS.reviewer) => request(app.getHttpServer()).get(location).set('x-api-key', key);
  const settled = async (location: string) => {
    for (;;) {
      const body = (await poll(location)).body as Record<string, unknown>;
      if (body.state !== 'PENDING') return body;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('answers 202 with a transaction that is PENDING until the write ends, then holds its answer', async () => {
    const accepted = await post('/cases/HD-1/acceptance', { Prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['preference-applied']).toBe('respond-async');
    expect(accepted.headers['retry-after']).toBe('1');
    const location = accepted.headers.location;
    expect(location).toMatch(/^\/transactions\/[0-9a-f-]{36}$/);
    expect(accepted.body).toMatchObject({ state: 'PENDING', method: 'POST', path: '/cases/HD-1/acceptance' });

    expect((await poll(location)).body).toMatchObject({ state: 'PENDING' });
    commit();
    expect(await settled(location)).toMatchObject({ state: 'SUCCEEDED', outcome: { status: 200, body: { id: 'HD-1', status: 'ACCEPTED' } } });
  });

  it("records a refusal as FAILED with the answer's status and code", async () => {
    const accepted = await post('/cases/HD-1/approval', { Prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    expect(await settled(accepted.headers.location)).toMatchObject({
      state: 'FAILED',
      outcome: { status: 409, problem: { code: 'INVALID_TRANSITION', detail: 'case HD-1 is FORWARDED; approve needs ACCEPTED' } },
    });
  });

  it('refuses a request the gateway can judge (validation, unknown record) at once, not with 202', async () => {
    const invalid = await request(app.getHttpServer())
      .post('/cases/HD-1/refusal')
      .set('x-api-key', TEST_KEYS.reviewer)
      .set('Prefer', 'respond-async')
      .send({ reason: 'x', extra: true });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post('/cases/bad%20id/acceptance', { Prefer: 'respond-async' })).status).toBe(400);
    expect(ledger.calls).toEqual([]);
  });

  it("shows a transaction to the API key that sent it only (another key's is 404)", async () => {
    const accepted = await post('/cases/HD-1/approval', { Prefer: 'respond-async' });
    const location = accepted.headers.location;
    expect((await poll(location, TEST_KEYS.auditor)).status).toBe(404);
    expect((await poll('/transactions/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await poll('/transactions/not-a-uuid')).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('gives a repeated request with the same Idempotency-Key the same transaction, and writes once', async () => {
    const headers = { Prefer: 'respond-async', 'Idempotency-Key': 'accept-HD-1' };
    const first = await post('/cases/HD-1/acceptance', headers);
    const second = await post('/cases/HD-1/acceptance', headers);
    expect(second.status).toBe(202);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.location).toBe(first.headers.location);
    commit();
    await settled(first.headers.location);
    expect(ledger.calls.filter((call) => call.transaction === 'Cases:Accept')).toHaveLength(1);
  });

  it('answers at once without the preference, and ignores it on reads', async () => {
    ledger.answer('Cases:Accept', () => ({ id: 'HD-1', status: 'ACCEPTED' }));
    const answered = await post('/cases/HD-1/acceptance');
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'ACCEPTED' });
    ledger.answer('Cases:GetCase', () => ({ id: 'HD-1' }));
    const read = await request(app.getHttpServer()).get('/cases/HD-1').set('x-api-key', TEST_KEYS.reviewer).set('Prefer', 'respond-async');
    expect(read.status).toBe(200);
  });
});
