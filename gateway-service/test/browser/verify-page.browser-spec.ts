import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { verdictOf, VerifiableResult } from '@tongban/chaincode/domain';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, FakeLedger, TEST_CITIES, TEST_KEYS } from '../support/test-app';
import { fitsWidth, launchChromium, recordRequests, screenshot, seriousAccessibilityViolations } from '../support/browser';
import { httpsFetch } from '../support/https';

/** The licence file a holder presents, and a copy with one word changed. */
const files = mkdtempSync(join(tmpdir(), 'tongban-verify-page-'));
const LICENCE = join(files, 'licence.pdf');
const CHANGED = join(files, 'licence-changed.pdf');
const LICENCE_TEXT = '%PDF-1.4\n% 食品经营许可证 JY44060420260001 licence-body-marker\n%%EOF\n';
writeFileSync(LICENCE, LICENCE_TEXT);
writeFileSync(CHANGED, LICENCE_TEXT.replace('marker', 'market'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

type LedgerResult = VerifiableResult & { certificateNumber: string; issuingMsp: string; issuedAt: string; revokedAt?: string; holderRef: string };
const result = (certificateNumber: string, fields: Partial<LedgerResult>): LedgerResult => ({
  certificateNumber,
  issuingMsp: 'FoshanMSP',
  issuedAt: '2026-03-02T08:15:00.000Z',
  expiresOn: '2031-12-31',
  status: 'VALID',
  documentSha256: 'aa'.repeat(32),
  holderRef: 'f0'.repeat(32),
  ...fields,
});
const RESULTS = [
  result('JY44060420260001', { documentSha256: sha256(LICENCE) }),
  result('JY44060420260002', { status: 'REVOKED', revokedAt: '2026-04-01T10:00:00.000Z' }),
  result('JY11010820250003', { issuingMsp: 'HaidianMSP', issuedAt: '2024-01-05T02:00:00.000Z', expiresOn: '2025-12-31' }),
];

/** The ledger as the chaincode answers Results:VerifyResult, by the domain's own verdict, on a fixed day. */
function scriptedLedger(): FakeLedger {
  const ledger = new FakeLedger();
  const find = (number: string | undefined) => RESULTS.find((candidate) => candidate.certificateNumber === number);
  ledger.answer('Results:VerifyResult', ({ args: [number, hash] }) => {
    const found = find(number);
    const verdict = verdictOf(found, hash, '2026-06-01');
    return { certificateNumber: number, verdict, result: verdict === 'UNKNOWN' ? undefined : found };
  });
  ledger.answer('Results:GetResult', ({ args: [number] }) => find(number));
  return ledger;
}

describe('the public verification page (/verify)', () => {
  let app: INestApplication<Server>;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // Served as the gateway serves it: HTTPS with the test Haidian gateway's certificate, whose CA Chromium trusts.
    app = await createTestApp(scriptedLedger(), undefined, { https: true });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    browser = await launchChromium([TEST_CITIES.haidian.ca.pem]);
  });

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterEach(() => context.close());

  const certificateField = () => page.getByLabel('证照编号', { exact: true });
  const fileField = () => page.getByLabel('证照文件（可选）');
  const hashField = () => page.getByLabel('文件摘要（SHA-256）');
  const verdict = () => page.getByRole('status');

  /** Opens the page, enters the number, picks the file and verifies; answers the verdict's text. */
  async function verifyFile(number: string, file: string): Promise<string> {
    await page.goto(`${url}/verify`);
    await certificateField().fill(number);
    await fileField().setInputFiles(file);
    await page.waitForFunction((hash) => document.querySelector<HTMLInputElement>('input[name="documentSha256"]')?.value === hash, sha256(file));
    await page.getByRole('button', { name: '核验' }).click();
    await verdict().locator('[data-verdict]').waitFor();
    return verdict().innerText();
  }

  async function expectAccessible(): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  it('says VALID for the issued file, with the issuing city and dates, the file never leaving the browser', async () => {
    const requests = recordRequests(page);
    const text = await verifyFile('JY44060420260001', LICENCE);
    // Over HTTPS the browser trusts: a secure context, where WebCrypto hashed the file.
    expect(await page.evaluate('[location.protocol, window.isSecureContext, typeof crypto.subtle]')).toEqual(['https:', true, 'object']);
    expect(text).toContain('有效');
    expect(text).toContain('佛山市（FoshanMSP）');
    expect(text).toContain('2026年3月2日');
    expect(text).toContain('2031年12月31日');
    await expectAccessible();
    await screenshot(page, 'verify', 'valid-zh-CN');
    // Only the gateway is asked, only by GET, and only the hash is sent.
    expect(requests.every((request) => request.url().startsWith(`${url}/`))).toBe(true);
    expect(requests.filter((request) => request.postDataBuffer() !== null)).toEqual([]);
    expect(requests.filter((request) => decodeURIComponent(request.url()).includes('marker'))).toEqual([]);
    expect(requests.map((request) => request.url()).filter((address) => address.includes('/public/'))).toEqual([
      `${url}/public/results/JY44060420260001/verification?documentSha256=${sha256(LICENCE)}`,
    ]);
  });

  it('says HASH MISMATCH for a changed file, and nothing of the licence', async () => {
    const text = await verifyFile('JY44060420260001', CHANGED);
    expect(text).toContain('文件不符');
    expect(text).not.toContain('FoshanMSP');
    await expectAccessible();
    await screenshot(page, 'verify', 'hash-mismatch-zh-CN');
  });

  it('says UNKNOWN for a number with no licence', async () => {
    expect(await verifyFile('JY99999999999999', LICENCE)).toContain('未找到');
    await expectAccessible();
    await screenshot(page, 'verify', 'unknown-zh-CN');
  });

  it('says REVOKED and EXPIRED from a pasted SHA-256, with the revocation and expiry dates', async () => {
    for (const [number, expected, shot] of [
      ['JY44060420260002', ['已撤销', '2026年4月1日'], 'revoked-zh-CN'],
      ['JY11010820250003', ['已过期', '2025年12月31日', 'HaidianMSP'], 'expired-zh-CN'],
    ] as const) {
      await page.goto(`${url}/verify?certificate=${number}`);
      expect(await certificateField().inputValue()).toBe(number);
      await hashField().fill(number === 'JY44060420260002' ? 'AA'.repeat(32) : 'aa'.repeat(32));
      await hashField().press('Enter');
      await verdict().locator('[data-verdict]').waitFor();
      for (const part of expected) expect(await verdict().innerText()).toContain(part);
      await expectAccessible();
      await screenshot(page, 'verify', shot);
    }
  });

  it('points at the field a refusal names, announced and accessible', async () => {
    await page.goto(`${url}/verify?certificate=JY44060420260001`);
    await hashField().fill('not-a-hash');
    await page.getByRole('button', { name: '核验' }).click();
    await page.getByText('SHA-256 摘要应为 64 位').waitFor();
    expect(await hashField().getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('documentSha256');
    await expectAccessible();
    await screenshot(page, 'verify', 'invalid-sha256-zh-CN');
  });

  it('switches to English', async () => {
    await page.goto(`${url}/verify?certificate=JY44060420260001`);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel('The licence’s file (optional)'.replace('’', "'")).setInputFiles(LICENCE);
    await page
      .getByLabel("The file's SHA-256")
      .and(page.locator(`[value="${sha256(LICENCE)}"]`))
      .waitFor();
    await page.getByRole('button', { name: 'Verify' }).click();
    await verdict().locator('[data-verdict]').waitFor();
    const text = await verdict().innerText();
    expect(text).toContain('Valid');
    expect(text).toContain('佛山市 (FoshanMSP)');
    expect(text).toContain('31 December 2031');
    await expectAccessible();
    await screenshot(page, 'verify', 'valid-en');
  });

  it('works at 200% zoom and on a narrow phone without horizontal scrolling', async () => {
    // 200% zoom of a 1280-pixel screen: half as many CSS pixels, each drawn twice as large.
    for (const [viewport, shot] of [
      [{ width: 640, height: 900 }, 'valid-zoom-200-zh-CN'],
      [{ width: 320, height: 640 }, 'valid-phone-320-zh-CN'],
    ] as const) {
      const zoomed = await browser.newContext({ viewport, deviceScaleFactor: 2, locale: 'zh-CN' });
      page = await zoomed.newPage();
      expect(await verifyFile('JY44060420260001', LICENCE)).toContain('有效');
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible();
      await screenshot(page, 'verify', shot);
      await zoomed.close();
    }
  });

  it('works by keyboard alone: Tab through the fields in order, with visible focus, Enter to verify', async () => {
    await page.goto(`${url}/verify`);
    // React renders after the load event: Tab only once the form is there.
    await certificateField().waitFor();
    await expectAccessible();
    await screenshot(page, 'verify', 'empty-zh-CN');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { name: element.getAttribute('name') ?? element.textContent, outline: getComputedStyle(element).outlineStyle };
      });
    const order: (string | null)[] = [];
    await page.keyboard.press('Tab');
    order.push((await focused()).name);
    await page.keyboard.press('Tab');
    order.push((await focused()).name);
    await page.keyboard.type('JY44060420260001');
    await page.keyboard.press('Tab');
    order.push((await focused()).name);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles(LICENCE);
    await page.locator(`[value="${sha256(LICENCE)}"]`).waitFor();
    await page.keyboard.press('Tab');
    order.push((await focused()).name);
    await page.keyboard.press('Tab');
    const submit = await focused();
    order.push(submit.name);
    expect(order).toEqual(['English', 'certificate', 'file', 'documentSha256', '核验']);
    expect(submit.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await verdict().locator('[data-verdict]').waitFor();
    expect(await verdict().innerText()).toContain('有效');
    expect(await verdict().getAttribute('aria-live')).toBe('polite');
  });

  it("encodes the page's link, the certificate prefilled, in each result's QR code", async () => {
    const qr = await httpsFetch(
      `${url}/results/JY44060420260001/qr.svg`,
      { headers: { 'x-api-key': TEST_KEYS.clerk } },
      { ca: TEST_CITIES.haidian.ca.pem },
    );
    const svg = await qr.text();
    // Decoded as a phone would: the SVG drawn on a canvas, read by jsQR.
    await page.goto('about:blank');
    // jsQR's bundle defines window.jsQR when no module system is there.
    await page.evaluate(readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8'));
    const link = await page.evaluate<string | undefined, string>(async (source) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(source)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 400;
      const drawing = canvas.getContext('2d') as CanvasRenderingContext2D;
      drawing.fillStyle = '#fff';
      drawing.fillRect(0, 0, 400, 400);
      drawing.drawImage(image, 0, 0, 400, 400);
      const pixels = drawing.getImageData(0, 0, 400, 400);
      type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
      return (window as unknown as { jsQR: { default: Decoder } }).jsQR.default(pixels.data, 400, 400)?.data;
    }, svg);
    // The test app's public URL is its configured default (TONGBAN_PORT 3000), not the port it listens on here.
    expect(link).toBe('https://127.0.0.1:3000/verify?certificate=JY44060420260001');
    await page.goto(`${url}${new URL(link ?? '').pathname}${new URL(link ?? '').search}`);
    expect(await certificateField().inputValue()).toBe('JY44060420260001');
  });
});
