import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, FakeLedger, TEST_KEYS, TEST_PARTNER_KEY } from '../../test/support/test-app';

const pdf = Buffer.from('%PDF-1.4 application form');

/** The partner routes of Haidian's test gateway, called as Foshan's gateway would. */
describe('partner API', () => {
  let app: INestApplication<Server>;
  let ledger: FakeLedger;
  let sha256: string;
  let handlingMsp: string;
  let issuingMsp: string;

  beforeAll(async () => {
    ledger = new FakeLedger();
    ledger.answer('Cases:GetCase', () => ({
      id: 'HD-1',
      receivingMsp: 'HaidianMSP',
      handlingMsp,
      manifest: { version: 1, materials: [{ name: 'Application form', sha256, size: pdf.length, mediaType: 'application/pdf' }] },
    }));
    ledger.answer('Results:GetResult', () => ({ certificateNumber: 'R-1', issuingMsp, documentSha256: sha256 }));
    app = await createTestApp(ledger);
    const uploaded = await request(app.getHttpServer())
      .post('/materials')
      .set('x-api-key', TEST_KEYS.clerk)
      .attach('file', pdf, { filename: 'form.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    ({ sha256 } = uploaded.body as { sha256: string });
  });

  beforeEach(() => {
    handlingMsp = 'FoshanMSP';
    issuingMsp = 'HaidianMSP';
  });

  afterAll(() => app.close());

  const fetchAsFoshan = (path: string) => request(app.getHttpServer()).get(path).set('x-partner-key', TEST_PARTNER_KEY);

  it('serves a material of a case received here to the gateway of its handling city, reading the case as auditor', async () => {
    const response = await fetchAsFoshan(`/partner/cases/HD-1/materials/${sha256}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(response.body)).toEqual(pdf);
    expect(ledger.calls.at(-1)).toMatchObject({ kind: 'evaluate', role: 'auditor', transaction: 'Cases:GetCase', args: ['HD-1'] });
  });

  it('refuses the gateway of a city that does not handle the case, and a material not in its manifest', async () => {
    handlingMsp = 'TianjinMSP';
    const other = await fetchAsFoshan(`/partner/cases/HD-1/materials/${sha256}`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN', detail: 'FoshanMSP is not the handling city of case HD-1 received by HaidianMSP' });
    const unlisted = await fetchAsFoshan(`/partner/cases/HD-1/materials/${'0'.repeat(64)}`);
    expect(unlisted.status).toBe(404);
  });

  it('serves the document of a result issued here, and no other', async () => {
    expect((await fetchAsFoshan('/partner/results/R-1/document')).status).toBe(200);
    issuingMsp = 'TianjinMSP';
    const elsewhere = await fetchAsFoshan('/partner/results/R-1/document');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ detail: 'result R-1 was not issued by HaidianMSP' });
  });

  it('takes a partner key only, never an API key', async () => {
    const withApiKey = await request(app.getHttpServer()).get(`/partner/cases/HD-1/materials/${sha256}`).set('x-api-key', TEST_KEYS.auditor);
    expect(withApiKey.status).toBe(401);
    expect(withApiKey.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknown = await request(app.getHttpServer()).get(`/partner/cases/HD-1/materials/${sha256}`).set('x-partner-key', 'guess');
    expect(unknown.status).toBe(401);
  });

  it('leaves the staff route to the same material where it was, under API keys', async () => {
    const response = await request(app.getHttpServer()).get(`/cases/HD-1/materials/${sha256}`).set('x-api-key', TEST_KEYS.reviewer);
    expect(response.status).toBe(200);
    expect(Buffer.from(response.body)).toEqual(pdf);
  });
});
