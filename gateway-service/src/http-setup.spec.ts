import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../test/support/test-app';
import { JSON_BODY_LIMIT_BYTES } from './http-setup';

describe('HTTP settings', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;

  beforeEach(async () => {
    ledger = new FakeLedger();
    app = await createTestApp(ledger);
  });

  afterEach(() => app.close());

  it.each([
    ['POST', '/cases', 1024 ** 2, TEST_KEYS.clerk],
    ['POST', '/cases', 30 * 1024 ** 2, TEST_KEYS.clerk],
    ['PUT', '/catalogue/HaidianMSP/items/HD-1', 1024 ** 2, TEST_KEYS.admin],
    ['POST', '/cases/HD-1/refusal', 1024 ** 2, TEST_KEYS.reviewer],
  ])('answers %s %s with a body of %i bytes 413, naming the limit, and calls no ledger', async (method, path, size, key) => {
    const body = JSON.stringify({ reason: 'x'.repeat(size) });
    const server = request(app.getHttpServer());
    const answer = await (method === 'PUT' ? server.put(path) : server.post(path))
      .set('x-api-key', key)
      .set('content-type', 'application/json')
      .send(body);
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: `the request body is larger than the limit of ${String(JSON_BODY_LIMIT_BYTES)} bytes`,
    });
    expect(ledger.calls).toEqual([]);
  });

  it('answers a body that is not JSON 400 MALFORMED_REQUEST, without quoting it', async () => {
    const answer = await request(app.getHttpServer())
      .post('/cases')
      .set('x-api-key', TEST_KEYS.clerk)
      .set('content-type', 'application/json')
      .send('{"applicant": {"idNumber": "110101199003071234"');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'MALFORMED_REQUEST', detail: 'the request body is not valid JSON' });
    expect(JSON.stringify(answer.body)).not.toContain('110101199003071234');
  });

  it.each([
    ['DELETE', '/cases/HD-1', 'GET'],
    ['PUT', '/cases', 'GET, POST'],
    ['GET', '/cases/HD-1/approval', 'POST'],
  ])('answers %s %s 405 with Allow: %s, and an unknown path 404', async (method, path, allow) => {
    const answer = await request(app.getHttpServer())[method.toLowerCase() as 'get' | 'put' | 'delete'](path).set('x-api-key', TEST_KEYS.clerk);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    expect(answer.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect((await request(app.getHttpServer()).get('/no-such-route').set('x-api-key', TEST_KEYS.clerk)).status).toBe(404);
  });

  it('sends the usual security headers', async () => {
    const answer = await request(app.getHttpServer()).get('/health');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // The gateway serves HTTPS only: pages never load anything over plain HTTP.
    expect(answer.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });
});
