import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';

describe('agreements API', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;

  beforeEach(async () => {
    ledger = new FakeLedger();
    ledger.answer('Agreements:ListAgreements', () => []);
    app = await createTestApp(ledger);
  });

  afterEach(() => app.close());

  const list = (query: string) => request(app.getHttpServer()).get(`/agreements${query}`).set('x-api-key', TEST_KEYS.auditor);

  it("lists a party's agreements, this city's by default", async () => {
    expect((await list('')).status).toBe(200);
    expect((await list('?party=FoshanMSP')).status).toBe(200);
    expect(ledger.calls.map((call) => call.args)).toEqual([['HaidianMSP'], ['FoshanMSP']]);
  });

  it('refuses an unknown query parameter and a malformed party, as every list does', async () => {
    expect((await list('?party=FoshanMSP&status=ACTIVE')).body).toMatchObject({
      status: 400,
      detail: 'invalid request: status is not a known field',
    });
    expect((await list('?party=%20')).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(ledger.calls).toEqual([]);
  });
});
