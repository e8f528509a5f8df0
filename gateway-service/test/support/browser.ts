/**
 * Headless Chromium for the page tests: Debian's chromium
 * (scripts/install-browser.sh), driven by playwright-core; axe-core run
 * inside the page; screenshots under reports/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page, Request } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TONGBAN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * A throwaway home folder whose NSS database (the one Chromium reads on Linux, ~/.pki/nssdb) trusts
 * `caPems` as roots for TLS servers; made with certutil (libnss3-tools, scripts/install-browser.sh),
 * so the machine's own trust store is never touched.
 */
function homeTrusting(caPems: string[]): string {
  const home = mkdtempSync(join(tmpdir(), 'tongban-chromium-'));
  const folder = join(home, '.pki', 'nssdb');
  mkdirSync(folder, { recursive: true });
  const database = `sql:${folder}`;
  execFileSync('certutil', ['-d', database, '-N', '--empty-password']);
  caPems.forEach((pem, index) => {
    const file = join(home, `ca-${index}.pem`);
    writeFileSync(file, pem);
    execFileSync('certutil', ['-d', database, '-A', '-n', `tongban-ca-${index}`, '-t', 'C,,', '-i', file]);
  });
  return home;
}

/**
 * Launches Chromium trusting `caPems` (PEM certificates) as TLS roots besides its own: the gateways
 * serve HTTPS with certificates of their cities' CAs. Trusted, not ignored: WebCrypto (the page hashes
 * documents with it) exists only in secure contexts, and the certificate is checked as a browser would.
 */
export async function launchChromium(caPems: string[] = []): Promise<Browser> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu'];
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const home = caPems.length > 0 ? homeTrusting(caPems) : undefined;
  if (home) env.HOME = home;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args, env });
  if (home) {
    browser.on('disconnected', () => {
      rmSync(home, { recursive: true, force: true });
    });
  }
  return browser;
}

/** An axe-core finding, as far as the tests report it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is; answers its serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's content security policy (no inline scripts) does not stop it.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((results) => results.violations)`,
  );
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** True when the page needs no horizontal scrolling. */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

/** Every request the page makes from now on, with its body. */
export function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  return requests;
}

const SCREENSHOTS = join(__dirname, '../../../reports/screenshots');

/** Saves a full-page screenshot as reports/screenshots/<folder>/<name>.png; answers its path. */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  mkdirSync(join(SCREENSHOTS, folder), { recursive: true });
  const path = join(SCREENSHOTS, folder, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The verdict /verify gives for `certificate` and a file, as a person gets it:
 * the page opened at the gateway, the file picked (hashed in the page), 核验 clicked.
 */
export async function verdictOnPage(page: Page, gatewayUrl: string, certificate: string, file: string): Promise<string> {
  await page.goto(`${gatewayUrl}/verify?certificate=${encodeURIComponent(certificate)}`);
  await page.getByLabel('证照文件（可选）').setInputFiles(file);
  await page.getByText('已计算文件').waitFor();
  await page.getByRole('button', { name: '核验' }).click();
  await page.getByRole('status').locator('[data-verdict]').waitFor();
  return page.getByRole('status').innerText();
}
