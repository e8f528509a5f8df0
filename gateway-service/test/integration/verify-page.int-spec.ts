import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, seriousAccessibilityViolations, verdictOnPage } from '../support/browser';
import { setUpAgreement, threeCities } from './http';
import { loadNetwork } from './network';

/**
 * The public verification page end to end: a licence issued through the REST
 * API and the real network, then checked in Chromium on Haidian's page by
 * anyone, without a key, from its file.
 */
const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, FOSHAN } = cities;
const run = `V${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-VERIFY-${run}`;
const AGREEMENT = `AGR-VERIFY-${run}`;
const CASE = `HD-VERIFY-${run}`;
const CERTIFICATE = `JY-VERIFY-${run}`;
const files = mkdtempSync(join(tmpdir(), 'tongban-verify-'));
const LICENCE = join(files, 'licence.pdf');
const CHANGED = join(files, 'licence-changed.pdf');
writeFileSync(LICENCE, `%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE}\n%%EOF\n`);
writeFileSync(CHANGED, `%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE} (altered)\n%%EOF\n`);
const DOCUMENT = createHash('sha256').update(`%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE}\n%%EOF\n`).digest('hex');
const material = { name: 'Application form', sha256: 'f7'.repeat(32), size: 2048, mediaType: 'application/pdf', location: 'store://haidian/f7' };
const applicant = { name: '孙七', idNumber: '110108199304041234', phone: '13500000000', address: '北京市海淀区学院路2号' };

describe('the public verification page on the real network', () => {
  let browser: Browser;

  beforeAll(async () => {
    await setUpAgreement(cities, ITEM, AGREEMENT);
    const steps = [
      await haidian.post('clerk', '/cases', {
        id: CASE,
        serviceItem: { ownerMsp: FOSHAN, code: ITEM },
        agreementId: AGREEMENT,
        materials: [material],
        applicant,
      }),
      await haidian.post('clerk', `/cases/${CASE}/verification`),
      await foshan.post('reviewer', `/cases/${CASE}/acceptance`),
      await foshan.post('reviewer', `/cases/${CASE}/approval`),
      await foshan.post('reviewer', `/cases/${CASE}/result`, { certificateNumber: CERTIFICATE, documentSha256: DOCUMENT, expiresOn: '2031-12-31' }),
    ];
    expect(steps.map((step) => step.status)).toEqual([201, 200, 200, 200, 200]);
    // Chromium trusts Haidian's TLS root, as a citizen's browser would trust a gateway's public certificate.
    browser = await launchChromium([haidian.ca.toString()]);
  });

  afterAll(() => browser.close());

  it("answers anyone without a key, with the issuer and dates and no holder's data", async () => {
    const response = await haidian.fetch(`/public/results/${CERTIFICATE}/verification?documentSha256=${DOCUMENT}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ certificateNumber: CERTIFICATE, verdict: 'VALID', issuingMsp: FOSHAN, expiresOn: '2031-12-31' });
    expect(Object.keys(body).sort()).toEqual(['certificateNumber', 'expiresOn', 'issuedOn', 'issuingCityName', 'issuingMsp', 'verdict']);
  });

  it("serves the result's QR code as an SVG image", async () => {
    const response = await haidian.fetch(`/results/${CERTIFICATE}/qr.svg`, { headers: { 'x-api-key': haidian.apiKey('clerk') } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await response.text()).toMatch(/^<svg /);
  });

  it("says VALID with the issuing city for the issued file, and HASH MISMATCH for a changed one, on Haidian's page", async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const verify = (file: string) => verdictOnPage(page, haidian.city.gateway.url, CERTIFICATE, file);

    const valid = await verify(LICENCE);
    expect(valid).toContain('有效');
    expect(valid).toContain(FOSHAN);
    expect(valid).toContain(foshan.city.name);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'verify', 'network-valid-zh-CN');

    const mismatch = await verify(CHANGED);
    expect(mismatch).toContain('文件不符');
    expect(mismatch).not.toContain(FOSHAN);
    await screenshot(page, 'verify', 'network-hash-mismatch-zh-CN');
    await context.close();
  });
});
