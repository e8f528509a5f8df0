import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { makeRootCa, makeTlsCertificate, TestCertificate } from '../../test/support/certificates';
import { channelConfigOf } from '../../test/support/channel-config';
import { httpsFetch } from '../../test/support/https';
import { createTestApp, FakeLedger, TEST_CITIES, TEST_KEYS } from '../../test/support/test-app';

const pdf = Buffer.from('%PDF-1.4 application form');
const { haidian, foshan, tianjin } = TEST_CITIES;
const DAY = 86_400_000;

/**
 * The partner routes of Haidian's test gateway over HTTPS, called as the
 * other cities' gateways call them: with their TLS client certificates,
 * which the test channel's configuration (FakeLedger) lists the CAs of.
 */
describe('partner API over mutual TLS', () => {
  let app: INestApplication<Server>;
  let url: string;
  let ledger: FakeLedger;
  let sha256: string;
  let handlingMsp: string;
  let issuingMsp: string;

  /** GETs `path` trusting Haidian's CA, presenting `certificate` (none if undefined). */
  const call = async (certificate: TestCertificate | undefined, path: string, headers: Record<string, string> = {}) => {
    const response = await httpsFetch(
      `${url}${path}`,
      { headers },
      { ca: haidian.ca.pem, ...(certificate ? { cert: certificate.pem, key: certificate.keyPem } : {}) },
    );
    const body = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body,
      problem: () => JSON.parse(body.toString()) as Record<string, unknown>,
    };
  };
  const materialPath = () => `/partner/cases/HD-1/materials/${sha256}`;

  beforeAll(async () => {
    ledger = new FakeLedger();
    ledger.answer('Cases:GetCase', () => ({
      id: 'HD-1',
      receivingMsp: 'HaidianMSP',
      handlingMsp,
      manifest: { version: 1, materials: [{ name: 'Application form', sha256, size: pdf.length, mediaType: 'application/pdf' }] },
    }));
    ledger.answer('Results:GetResult', () => ({ certificateNumber: 'R-1', issuingMsp, documentSha256: sha256 }));
    app = await createTestApp(ledger, undefined, { https: true });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'form.pdf');
    const uploaded = await httpsFetch(
      `${url}/materials`,
      { method: 'POST', headers: { 'x-api-key': TEST_KEYS.clerk }, body: form },
      { ca: haidian.ca.pem },
    );
    expect(uploaded.status).toBe(201);
    ({ sha256 } = (await uploaded.json()) as { sha256: string });
  });

  beforeEach(() => {
    handlingMsp = 'FoshanMSP';
    issuingMsp = 'HaidianMSP';
  });

  afterAll(() => app.close());

  it("serves a material of a case received here to its handling city's gateway, identified by its client certificate", async () => {
    const response = await call(foshan.gateway, materialPath());
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    expect(response.body).toEqual(pdf);
    expect(ledger.calls.at(-1)).toMatchObject({ kind: 'evaluate', role: 'auditor', transaction: 'Cases:GetCase', args: ['HD-1'] });
  });

  it("refuses the gateway of a city that does not handle the case, and a material not in the case's manifest", async () => {
    handlingMsp = 'TianjinMSP';
    const other = await call(foshan.gateway, materialPath());
    expect(other.status).toBe(403);
    expect(other.problem()).toMatchObject({ code: 'FORBIDDEN', detail: 'FoshanMSP is not the handling city of case HD-1 received by HaidianMSP' });
    const unlisted = await call(tianjin.gateway, `/partner/cases/HD-1/materials/${'0'.repeat(64)}`);
    expect(unlisted.status).toBe(404);
  });

  it('serves the document of a result issued here, and no other', async () => {
    expect((await call(tianjin.gateway, '/partner/results/R-1/document')).status).toBe(200);
    issuingMsp = 'TianjinMSP';
    const elsewhere = await call(foshan.gateway, '/partner/results/R-1/document');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.problem()).toMatchObject({ detail: 'result R-1 was not issued by HaidianMSP' });
  });

  describe('refusals, each before anything is read', () => {
    let callsBefore: number;
    beforeEach(() => {
      callsBefore = ledger.calls.length;
    });
    afterEach(() => {
      expect(ledger.calls).toHaveLength(callsBefore);
    });

    it('refuses a call without a client certificate 401 CLIENT_CERTIFICATE_REQUIRED, whatever key or header it sends', async () => {
      const attempts: Record<string, string>[] = [{}, { 'x-api-key': TEST_KEYS.auditor }, { 'x-partner-key': 'a-key-of-old' }];
      for (const headers of attempts) {
        const response = await call(undefined, materialPath(), headers);
        expect(response.status).toBe(401);
        expect(response.type).toMatch(/^application\/problem\+json/);
        expect(response.problem()).toMatchObject({
          code: 'CLIENT_CERTIFICATE_REQUIRED',
          detail: "partner routes need the TLS client certificate of your city's gateway; none was presented",
        });
      }
    });

    it('refuses a certificate of a CA the channel does not list 401 CLIENT_CERTIFICATE_UNTRUSTED', async () => {
      const stranger = makeTlsCertificate(makeRootCa('ca.foshan', 'FoshanMSP'), 'gateway.foshan');
      const response = await call(stranger, materialPath());
      expect(response.status).toBe(401);
      expect(response.problem()).toMatchObject({
        code: 'CLIENT_CERTIFICATE_UNTRUSTED',
        detail: expect.stringContaining(
          "does not chain to a TLS root or intermediate CA of any organisation in the channel's configuration",
        ) as unknown,
      });
    });

    it("refuses an expired certificate of a partner's CA 401 CLIENT_CERTIFICATE_EXPIRED", async () => {
      const expired = makeTlsCertificate(foshan.ca, 'gateway.foshan', {
        notBefore: new Date(Date.now() - 30 * DAY),
        notAfter: new Date(Date.now() - DAY),
      });
      const response = await call(expired, '/partner/results/R-1/document');
      expect(response.status).toBe(401);
      expect(response.problem()).toMatchObject({
        code: 'CLIENT_CERTIFICATE_EXPIRED',
        detail: expect.stringMatching(/^the client certificate "gateway.foshan" expired on /) as unknown,
      });
    });

    it("refuses this city's own gateway certificate 403 PARTNER_IS_OWN_CITY", async () => {
      const response = await call(haidian.gateway, '/partner/results/R-1/document');
      expect(response.status).toBe(403);
      expect(response.problem()).toMatchObject({
        code: 'PARTNER_IS_OWN_CITY',
        detail: `the client certificate "gateway.haidian" is of HaidianMSP, this gateway's own city: partner routes are for other cities' gateways`,
      });
    });
  });

  it('trusts a city added to the channel at its first call, and refuses a city removed from it, without a restart', async () => {
    const changsha = makeRootCa('ca.changsha', 'ChangshaMSP');
    const changshaGateway = makeTlsCertificate(changsha, 'gateway.changsha');
    const channel =
      (...cities: { mspId: string; ca: TestCertificate }[]) =>
      () =>
        channelConfigOf(cities.map((city) => ({ mspId: city.mspId, tlsRoots: [city.ca.pem] })));
    ledger.channelConfigAnswer = channel(haidian, foshan, tianjin, { mspId: 'ChangshaMSP', ca: changsha });
    // The configuration is read again on demand at most once a second here (TONGBAN_PARTNER_TRUST_REFRESH_MS of the tests).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await call(changshaGateway, '/partner/results/R-1/document')).status).toBe(200);

    ledger.channelConfigAnswer = channel(haidian, foshan, { mspId: 'ChangshaMSP', ca: changsha });
    // Refused once the configuration is read again on the timer, within about a second.
    const deadline = Date.now() + 3_000;
    let removed = await call(tianjin.gateway, '/partner/results/R-1/document');
    while (removed.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      removed = await call(tianjin.gateway, '/partner/results/R-1/document');
    }
    expect(removed.status).toBe(401);
    expect(removed.problem()).toMatchObject({
      code: 'CLIENT_CERTIFICATE_UNTRUSTED',
      detail: expect.stringContaining('(ChangshaMSP, FoshanMSP, HaidianMSP)') as unknown,
    });
    ledger.channelConfigAnswer = channel(haidian, foshan, tianjin);
  });

  it('leaves the staff route to the same material under API keys', async () => {
    const response = await httpsFetch(
      `${url}/cases/HD-1/materials/${sha256}`,
      { headers: { 'x-api-key': TEST_KEYS.reviewer } },
      { ca: haidian.ca.pem },
    );
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });
});
