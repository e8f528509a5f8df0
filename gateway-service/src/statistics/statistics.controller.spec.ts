import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS } from '../../test/support/test-app';

describe('GET /statistics', () => {
  let app: INestApplication<Server>;
  const get = (query: string, key = TEST_KEYS.auditor) => request(app.getHttpServer()).get(`/statistics${query}`).set('x-api-key', key);

  beforeAll(async () => {
    app = await createTestApp(new FakeLedger());
  });

  afterAll(() => app.close());

  it('answers the report as JSON, or as a CSV file with format=csv', async () => {
    const json = await get('?from=2026-01&to=2026-12');
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ rows: [], totals: { received: 0, medianDaysToDecision: null }, throughBlock: null });
    const csv = await get('?format=csv', TEST_KEYS.admin);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('statistics.csv');
    expect(csv.text.split('\r\n')[1]).toBe('total,,,,0,0,0,0,0,0,0,,,,');
  });

  it('refuses an unknown or bad parameter (400 naming it) and roles other than auditor and admin', async () => {
    const unknown = await get('?city=HaidianMSP');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('city') as unknown });
    const badMonth = await get('?to=2026-1');
    expect(badMonth.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringContaining('to must be a month written YYYY-MM') as unknown,
    });
    expect((await get('', TEST_KEYS.clerk)).body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });
});
