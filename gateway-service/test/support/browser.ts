/**
 * Headless Chromium for the page tests: Debian's chromium
 * (scripts/install-browser.sh), driven by playwright-core; axe-core run
 * inside the page; screenshots under reports/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page, Request } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TONGBAN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches Chromium; `secureOrigins` are plain-HTTP origins it treats as secure. WebCrypto (the page
 * hashes documents with it) exists only in secure contexts: HTTPS, or the machine's own address. The
 * network-namespace test mode serves the gateways over plain HTTP on their bridge addresses.
 */
export function launchChromium(secureOrigins: string[] = []): Promise<Browser> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu'];
  if (secureOrigins.length > 0) args.push(`--unsafely-treat-insecure-origin-as-secure=${secureOrigins.join(',')}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args });
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
