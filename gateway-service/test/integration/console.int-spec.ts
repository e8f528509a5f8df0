import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, seriousAccessibilityViolations } from '../support/browser';
import { CityClient, setUpAgreement, threeCities } from './http';
import { loadNetwork, Role } from './network';

/**
 * The staff console end to end, as people use it: each person in their own
 * browser enrols with the one-time secret their admin gave them (a key made
 * in the browser, never sent), signs in, and signs every step they take. A
 * clerk in Haidian and a reviewer in Foshan take a case from receipt to
 * delivery by clicking; each sees the other city's steps appear without
 * reloading; a Tianjin reviewer cannot see the applicant; the public page
 * verifies the result and detects a changed document. axe-core checks every
 * screen; screenshots go to reports/screenshots/console/.
 */
jest.setTimeout(300_000);

const network = loadNetwork();
const cities = threeCities(network);
const { haidian, foshan, tianjin, FOSHAN } = cities;
const run = `C${Date.now().toString(36).toUpperCase()}`;
const ITEM = `FS-CONSOLE-${run}`;
const AGREEMENT = `AGR-CONSOLE-${run}`;
const CASE = `HD-CONSOLE-${run}`;
const CERTIFICATE = `JY-CONSOLE-${run}`;
const files = mkdtempSync(join(tmpdir(), 'tongban-console-'));
const FORM = join(files, 'application-form.pdf');
const LICENCE = join(files, 'licence.pdf');
const CHANGED = join(files, 'licence-changed.pdf');
writeFileSync(FORM, `%PDF-1.4\n% 食品经营许可申请表 ${CASE}\n%%EOF\n`);
writeFileSync(LICENCE, `%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE}\n%%EOF\n`);
writeFileSync(CHANGED, `%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE} (altered)\n%%EOF\n`);
const APPLICANT = { name: '周九', idNumber: '110108199206061234', phone: '13600000000', address: '北京市海淀区知春路3号' };

/** A person invited by their city's admin through the API: their staff ID and one-time secret. */
async function invite(client: CityClient, name: string, role: Role): Promise<{ id: string; secret: string }> {
  const invited = await client.post('admin', '/staff', { name, role });
  expect(invited.status).toBe(201);
  return { id: invited.body.id as string, secret: invited.body.enrolmentSecret as string };
}

let browser: Browser;
const contexts: BrowserContext[] = [];

/** A person's own browser on their city's console, enrolled with their secret and signed in. */
async function signedIn(client: CityClient, person: { id: string; secret: string }, shot?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${client.city.gateway.url}/console`);
  await page.getByLabel('员工编号').fill(person.id);
  await page.getByLabel('登记密码').fill(person.secret);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await page.getByText(`${person.id} 已登记，可以登录。`).waitFor();
  if (shot) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console', shot);
  }
  await page.getByRole('button', { name: `以 ${person.id} 登录` }).click();
  await page.getByText('实时更新已连接').waitFor();
  return page;
}

/** Chooses an action of the open case, fills its form if any, and waits for the signed transaction to be committed. */
async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  // The case may be open twice (from a list and from the changes): act in the first.
  const panel = page.locator('.case-panel').first();
  await panel.getByRole('button', { name: action, exact: true }).first().click();
  await fill?.();
  const form = panel.locator('form.action-form');
  await form.getByRole('button', { name: action, exact: true }).click();
  // Committed, the form closes; refused, it stays and says why.
  const refused = form.locator('.action-note.problem');
  await Promise.race([
    form.waitFor({ state: 'detached', timeout: 60_000 }),
    refused.waitFor({ timeout: 60_000 }).then(async () => {
      throw new Error(`${action} was refused: ${await refused.innerText()}`);
    }),
  ]);
}

/** Waits until the open case shows `status`. */
const caseStatus = (page: Page, status: string) => page.locator('.case-panel .status', { hasText: status }).first().waitFor({ timeout: 30_000 });

/** Opens the case from the list of cases changed just now: it appears there when the other city changes it, without reloading. */
async function openChanged(page: Page, caseId: string): Promise<void> {
  await page.getByRole('button', { name: `案件 ${caseId} 已更新` }).click({ timeout: 60_000 });
  await page.locator('.case-panel h2', { hasText: caseId }).first().waitFor();
}

describe('the staff console on the real network', () => {
  let clerk: Page;
  let reviewer: Page;
  let people: Record<'clerk' | 'reviewer' | 'outsider' | 'auditor' | 'admin', { id: string; secret: string }>;

  beforeAll(async () => {
    await setUpAgreement(cities, ITEM, AGREEMENT);
    people = {
      clerk: await invite(haidian, '王小明', 'clerk'),
      reviewer: await invite(foshan, '李审批', 'reviewer'),
      outsider: await invite(tianjin, '赵天津', 'reviewer'),
      auditor: await invite(haidian, '钱审计', 'auditor'),
      admin: await invite(haidian, '孙管理', 'admin'),
    };
    // Each browser trusts the cities' TLS roots, as their own machines trust their gateways' certificates.
    browser = await launchChromium([haidian.ca.toString(), foshan.ca.toString(), tianjin.ca.toString()]);
    clerk = await signedIn(haidian, people.clerk, 'enrolled-zh-CN');
    reviewer = await signedIn(foshan, people.reviewer);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it('a Haidian clerk receives an application by clicking: item under the agreement, applicant, materials with a progress bar', async () => {
    await clerk.getByLabel('通办协议').selectOption(AGREEMENT);
    await clerk.getByLabel('事项').selectOption(`${FOSHAN}/${ITEM}`);
    await clerk.getByLabel('案件编号').fill(CASE);
    await clerk.getByLabel('申请人姓名').fill(APPLICANT.name);
    await clerk.getByLabel('身份证号').fill(APPLICANT.idNumber);
    await clerk.getByLabel('联系电话').fill(APPLICANT.phone);
    await clerk.getByLabel('地址').fill(APPLICANT.address);
    // Nothing can be received while a mandatory material is missing.
    await clerk.getByText('缺少必交材料：Application form').waitFor();
    expect(await clerk.getByRole('button', { name: '受理并登记上链' }).isDisabled()).toBe(true);
    await clerk.getByLabel('上传：Application form').setInputFiles(FORM);
    await clerk.getByText('已上传 100%').waitFor();
    await clerk.getByText('必交材料已齐全').waitFor();
    expect(await seriousAccessibilityViolations(clerk)).toEqual([]);
    await screenshot(clerk, 'console', 'clerk-receive-zh-CN');
    await clerk.getByRole('button', { name: '受理并登记上链' }).click();
    await clerk.locator('.case-panel h2', { hasText: CASE }).waitFor({ timeout: 60_000 });
    await caseStatus(clerk, '已受理');

    await act(clerk, '材料齐全，转办');
    await caseStatus(clerk, '已转办');
  });

  it('the Foshan reviewer sees the forwarded case appear, checks the material fetched from Haidian, accepts, approves and issues the licence', async () => {
    await openChanged(reviewer, CASE);
    await reviewer.getByRole('button', { name: '获取并校验：Application form' }).click();
    await reviewer.getByText(/哈希校验通过/).waitFor({ timeout: 30_000 });
    await reviewer.getByRole('button', { name: '查看申请人信息' }).click();
    await reviewer.getByText(APPLICANT.idNumber).waitFor();
    expect(await seriousAccessibilityViolations(reviewer)).toEqual([]);
    await screenshot(reviewer, 'console', 'reviewer-case-zh-CN');

    await act(reviewer, '受理');
    await act(reviewer, '批准');
    await act(reviewer, '出具结果', async () => {
      await reviewer.getByLabel('证照编号').fill(CERTIFICATE);
      await reviewer.getByLabel('有效期至').fill('2031-12-31');
      await reviewer.getByLabel('证照文件').setInputFiles(LICENCE);
    });
    await caseStatus(reviewer, '已出证');
    await reviewer.getByRole('img', { name: `证照 ${CERTIFICATE} 的核验二维码` }).waitFor();
    await screenshot(reviewer, 'console', 'reviewer-result-issued-zh-CN');
  });

  it('the clerk sees the result arrive and delivers it; the timeline names each person, as the ledger records them', async () => {
    await openChanged(clerk, CASE);
    await caseStatus(clerk, '已出证');
    await act(clerk, '送达申请人');
    await caseStatus(clerk, '已送达');
    await screenshot(clerk, 'console', 'clerk-delivered-zh-CN');

    const recorded = await haidian.get('auditor', `/cases/${CASE}`);
    const timeline = recorded.body.timeline as { action: string; subject: string }[];
    expect(timeline.map((entry) => entry.action)).toEqual(['receive', 'verify', 'accept', 'approve', 'issueResult', 'deliver']);
    const signers = timeline.map((entry) => /CN=([^,/:]+)/.exec(entry.subject)?.[1]);
    expect(signers).toEqual([people.clerk.id, people.clerk.id, people.reviewer.id, people.reviewer.id, people.reviewer.id, people.clerk.id]);
  });

  it("a Tianjin reviewer finds the case but not the applicant's data", async () => {
    const outsider = await signedIn(tianjin, people.outsider);
    await outsider.getByLabel('案件编号').fill(CASE);
    await outsider.getByRole('button', { name: '查询' }).click();
    await caseStatus(outsider, '已送达');
    // Not one of the case's two cities: the console offers no applicant, and the gateway would refuse it.
    expect(await outsider.getByRole('button', { name: '查看申请人信息' }).count()).toBe(0);
    expect(await outsider.content()).not.toContain(APPLICANT.idNumber);
    expect((await tianjin.get('reviewer', `/cases/${CASE}/applicant`)).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await screenshot(outsider, 'console', 'outsider-no-applicant-zh-CN');
  });

  it("Haidian's auditor reads the timeline and the statistics per city pair as a chart, in Chinese and in English", async () => {
    const auditor = await signedIn(haidian, people.auditor);
    await auditor.getByLabel('案件编号').fill(CASE);
    await auditor.getByRole('button', { name: '查询' }).click();
    await auditor.getByText(/账本历史中共 \d+ 个版本/).waitFor();
    await auditor.getByRole('img', { name: '各城市对的受理、办结和超期案件数' }).waitFor();
    expect(await seriousAccessibilityViolations(auditor)).toEqual([]);
    await screenshot(auditor, 'console', 'auditor-zh-CN');
    await auditor.getByRole('button', { name: 'English' }).click();
    await auditor.getByRole('img', { name: 'Cases received, handled and overdue per city pair' }).waitFor();
    await screenshot(auditor, 'console', 'auditor-en');
  });

  it("Haidian's admin invites a clerk by clicking, and sees which cities signed the agreement", async () => {
    const admin = await signedIn(haidian, people.admin);
    await admin.getByText(`${cities.foshan.city.name}：已签署`).first().waitFor();
    await admin.getByLabel('姓名').first().fill('吴新人');
    await admin.getByLabel('角色').selectOption('clerk');
    await admin.getByRole('button', { name: '邀请', exact: true }).click();
    const invitation = admin.locator('.invitation');
    await invitation.waitFor({ timeout: 30_000 });
    expect(await invitation.innerText()).toMatch(/已邀请 staff-[0-9a-f]{10}。请当面告知一次性登记密码：\S+/);
    await admin.getByRole('cell', { name: '吴新人' }).first().waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'console', 'admin-zh-CN');
  });

  it('the public page verifies the issued licence from its file, and detects a changed one', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const verify = async (file: string): Promise<string> => {
      await page.goto(`${haidian.city.gateway.url}/verify?certificate=${CERTIFICATE}`);
      await page.getByLabel('证照文件（可选）').setInputFiles(file);
      await page.getByText('已计算文件').waitFor();
      await page.getByRole('button', { name: '核验' }).click();
      await page.getByRole('status').locator('[data-verdict]').waitFor();
      return page.getByRole('status').innerText();
    };
    expect(await verify(LICENCE)).toContain('有效');
    expect(await verify(CHANGED)).toContain('文件不符');
  });
});
