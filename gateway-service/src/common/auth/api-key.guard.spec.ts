import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../../test/support/test-app';

describe('API key authentication and roles', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;

  beforeAll(async () => {
    ledger = new FakeLedger();
    ledger.answer('Catalogue:ListCatalogue', () => []);
    ledger.answer('Catalogue:PublishServiceItem', (call) => JSON.parse(call.args[0]));
    app = await createTestApp(ledger);
  });

  afterAll(() => app.close());

  it('answers 401 UNAUTHENTICATED without a key or with an unknown one', async () => {
    const missing = await request(app.getHttpServer()).get('/catalogue/FoshanMSP/items');
    expect(missing.status).toBe(401);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'send your API key in the x-api-key header' });
    const unknown = await request(app.getHttpServer()).get('/catalogue/FoshanMSP/items').set('x-api-key', 'guess');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ detail: 'the API key is not known to this gateway' });
    expect(ledger.calls).toHaveLength(0);
  });

  it('answers 403 ROLE_NOT_ALLOWED when the key acts in another role, before any ledger call', async () => {
    const response = await request(app.getHttpServer())
      .put('/catalogue/HaidianMSP/items/HD-1')
      .set('x-api-key', TEST_KEYS.clerk)
      .send({ name: 'x', materials: [], promisedDays: 1, resultType: 'licence' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      detail: 'this operation needs the role admin; the API key hall-clerk acts as clerk',
    });
    expect(ledger.calls).toHaveLength(0);
  });

  it("signs with the identity of the key's role", async () => {
    const response = await request(app.getHttpServer()).get('/catalogue/FoshanMSP/items').set('x-api-key', TEST_KEYS.reviewer);
    expect(response.status).toBe(200);
    expect(ledger.calls.at(-1)).toMatchObject({ kind: 'evaluate', role: 'reviewer', transaction: 'Catalogue:ListCatalogue', args: ['FoshanMSP'] });
  });

  it("refuses to publish into another city's catalogue", async () => {
    const response = await request(app.getHttpServer())
      .put('/catalogue/FoshanMSP/items/FS-1')
      .set('x-api-key', TEST_KEYS.admin)
      .send({ name: 'x', materials: [], promisedDays: 1, resultType: 'licence' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ detail: "HaidianMSP publishes only its own catalogue, not FoshanMSP's" });
  });

  it('leaves health open, and serves no metrics on the API (they are on the operations address)', async () => {
    expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
    const metrics = await request(app.getHttpServer()).get('/metrics');
    expect(metrics.status).toBe(404);
    expect(metrics.text).not.toContain('tongban_http_requests_total');
  });
});
