import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { fitsWidth, launchChromium, screenshot, seriousAccessibilityViolations, verdictOnPage } from '../support/browser';
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
const SIGNED_FORM = join(files, 'application-form-signed.pdf');
writeFileSync(FORM, `%PDF-1.4\n% 食品经营许可申请表 ${CASE}\n%%EOF\n`);
writeFileSync(SIGNED_FORM, `%PDF-1.4\n% 食品经营许可申请表 ${CASE} 已签名\n%%EOF\n`);
writeFileSync(LICENCE, `%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE}\n%%EOF\n`);
writeFileSync(CHANGED, `%PDF-1.4\n% 食品经营许可证 ${CERTIFICATE} (altered)\n%%EOF\n`);
const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
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

/** The open panel of a case (it may be open twice, from a list and from the changes: the first). */
const panelOf = (page: Page, caseId: string) =>
  page.locator('.case-panel', { has: page.locator('h2', { hasText: new RegExp(`${caseId}$`) }) }).first();

/** Chooses an action of the open case, fills its form if any, and waits for the signed transaction to be committed. */
async function act(page: Page, caseId: string, action: string, fill?: (panel: Locator) => Promise<void>): Promise<void> {
  const panel = panelOf(page, caseId);
  await panel.getByRole('button', { name: action, exact: true }).first().click();
  await fill?.(panel);
  const form = panel.locator('form.action-form');
  await form.getByRole('button', { name: action, exact: true }).click();
  // Committed, the form closes; refused, it stays and says why.
  const refused = form.locator('.action-note.problem');
  await Promise.race([
    form.waitFor({ state: 'detached', timeout: 60_000 }),
    refused.waitFor({ timeout: 60_000 }).then(async () => {
      throw new Error(`${action} on ${caseId} was refused: ${await refused.innerText()}`);
    }),
  ]);
}

/** Waits until the open case shows `status`. */
const caseStatus = (page: Page, caseId: string, status: string) =>
  panelOf(page, caseId).locator('.status', { hasText: status }).waitFor({ timeout: 30_000 });

/** Opens the case from the list of cases changed just now: it appears there when the other city changes it, without reloading. */
async function openChanged(page: Page, caseId: string): Promise<void> {
  await page.getByRole('button', { name: `案件 ${caseId} 已更新` }).click({ timeout: 60_000 });
  await panelOf(page, caseId).waitFor();
}

/** The clerk fills the application form of case `caseId` for Foshan's item under the agreement. */
async function fillApplication(page: Page, caseId: string): Promise<void> {
  const form = page.locator('form.receive-form');
  await form.getByLabel('通办协议').selectOption(AGREEMENT);
  await form.getByRole('combobox', { name: '事项', exact: true }).selectOption(`${FOSHAN}/${ITEM}`);
  await form.getByRole('textbox', { name: '案件编号', exact: true }).fill(caseId);
  await form.getByLabel('申请人姓名').fill(APPLICANT.name);
  await form.getByLabel('身份证号').fill(APPLICANT.idNumber);
  await form.getByLabel('联系电话').fill(APPLICANT.phone);
  await form.getByLabel('地址').fill(APPLICANT.address);
}

/** Uploads `file` in the upload field of `scope` and waits for the whole of it. */
async function upload(scope: Locator, file: string): Promise<void> {
  await scope.getByLabel('上传：Application form').setInputFiles(file);
  await scope.getByText('已上传 100%').waitFor();
}

/** Receives case `caseId` with its application form, by clicking. */
async function receive(page: Page, caseId: string): Promise<void> {
  await fillApplication(page, caseId);
  await upload(page.locator('form.receive-form'), FORM);
  await page.getByRole('button', { name: '受理并登记上链' }).click();
  await caseStatus(page, caseId, '已受理');
}

describe('the staff console on the real network', () => {
  let clerk: Page;
  let reviewer: Page;
  let admin: Page;
  let people: Record<'clerk' | 'reviewer' | 'outsider' | 'auditor' | 'admin' | 'foshanAdmin', { id: string; secret: string }>;

  /** The clerk forwards the case (材料齐全，转办), and the reviewer opens it as it appears among the changed cases. */
  async function forwardToReviewer(caseId: string): Promise<void> {
    await act(clerk, caseId, '材料齐全，转办');
    await openChanged(reviewer, caseId);
  }

  beforeAll(async () => {
    await setUpAgreement(cities, ITEM, AGREEMENT);
    people = {
      clerk: await invite(haidian, '王小明', 'clerk'),
      reviewer: await invite(foshan, '李审批', 'reviewer'),
      outsider: await invite(tianjin, '赵天津', 'reviewer'),
      auditor: await invite(haidian, '钱审计', 'auditor'),
      admin: await invite(haidian, '孙管理', 'admin'),
      foshanAdmin: await invite(foshan, '黄管理', 'admin'),
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
    await fillApplication(clerk, CASE);
    // Nothing can be received while a mandatory material is missing.
    await clerk.getByText('缺少必交材料：Application form').waitFor();
    expect(await clerk.getByRole('button', { name: '受理并登记上链' }).isDisabled()).toBe(true);
    await upload(clerk.locator('form.receive-form'), FORM);
    await clerk.getByText('必交材料已齐全').waitFor();
    expect(await seriousAccessibilityViolations(clerk)).toEqual([]);
    await screenshot(clerk, 'console', 'clerk-receive-zh-CN');
    await clerk.getByRole('button', { name: '受理并登记上链' }).click();
    await caseStatus(clerk, CASE, '已受理');

    await act(clerk, CASE, '材料齐全，转办');
    await caseStatus(clerk, CASE, '已转办');
  });

  it('the Foshan reviewer sees the forwarded case appear, checks the material fetched from Haidian, accepts, approves and issues the licence', async () => {
    await openChanged(reviewer, CASE);
    await reviewer.getByRole('button', { name: '获取并校验：Application form' }).click();
    await reviewer.getByText(/哈希校验通过/).waitFor({ timeout: 30_000 });
    await reviewer.getByRole('button', { name: '查看申请人信息' }).click();
    await reviewer.getByText(APPLICANT.idNumber).waitFor();
    expect(await seriousAccessibilityViolations(reviewer)).toEqual([]);
    await screenshot(reviewer, 'console', 'reviewer-case-zh-CN');

    await act(reviewer, CASE, '受理');
    await act(reviewer, CASE, '批准');
    await act(reviewer, CASE, '出具结果', async (panel) => {
      await panel.getByLabel('证照编号').fill(CERTIFICATE);
      await panel.getByLabel('有效期至').fill('2031-12-31');
      await panel.getByLabel('证照文件').setInputFiles(LICENCE);
    });
    await caseStatus(reviewer, CASE, '已出证');
    await reviewer.getByRole('img', { name: `证照 ${CERTIFICATE} 的核验二维码` }).waitFor();
    await screenshot(reviewer, 'console', 'reviewer-result-issued-zh-CN');
  });

  it('the clerk sees the result arrive and delivers it; the timeline names each person, as the ledger records them', async () => {
    await openChanged(clerk, CASE);
    await caseStatus(clerk, CASE, '已出证');
    await act(clerk, CASE, '送达申请人');
    await caseStatus(clerk, CASE, '已送达');
    await screenshot(clerk, 'console', 'clerk-delivered-zh-CN');

    const recorded = await haidian.get('auditor', `/cases/${CASE}`);
    const timeline = recorded.body.timeline as { action: string; subject: string }[];
    expect(timeline.map((entry) => entry.action)).toEqual(['receive', 'verify', 'accept', 'approve', 'issueResult', 'deliver']);
    const signers = timeline.map((entry) => /CN=([^,/:]+)/.exec(entry.subject)?.[1]);
    expect(signers).toEqual([people.clerk.id, people.clerk.id, people.reviewer.id, people.reviewer.id, people.reviewer.id, people.clerk.id]);
  });

  it('the reviewer asks for a supplement, the clerk hands in a new file, the reviewer rejects; another applicant withdraws at the counter; a third case is refused', async () => {
    const second = `${CASE}-S`;
    await receive(clerk, second);
    await forwardToReviewer(second);
    await act(reviewer, second, '要求补正材料', (panel) => panel.getByLabel('理由').fill('申请表缺少签名'));
    await caseStatus(reviewer, second, '待补正');

    await openChanged(clerk, second);
    await caseStatus(clerk, second, '待补正');
    await act(clerk, second, '提交补正材料', (panel) => upload(panel, SIGNED_FORM));
    await caseStatus(clerk, second, '已受理');
    await forwardToReviewer(second);
    await act(reviewer, second, '受理');
    await act(reviewer, second, '不予批准', (panel) => panel.getByLabel('理由').fill('经营场所不符合要求'));
    await caseStatus(reviewer, second, '不予批准');
    await screenshot(reviewer, 'console', 'reviewer-rejected-zh-CN');

    const third = `${CASE}-W`;
    await receive(clerk, third);
    await act(clerk, third, '申请人撤回', (panel) => panel.getByLabel('理由').fill('申请人改日再来'));
    await caseStatus(clerk, third, '已撤回');

    // Refused (不予受理) before acceptance: the handling city says why, and the clerk sees it.
    const fourth = `${CASE}-N`;
    await receive(clerk, fourth);
    await forwardToReviewer(fourth);
    await act(reviewer, fourth, '不予受理', (panel) => panel.getByLabel('理由').fill('不属于本市管辖事项'));
    await caseStatus(reviewer, fourth, '不予受理');
    await openChanged(clerk, fourth);
    await caseStatus(clerk, fourth, '不予受理');

    // The ledger: the supplement is the manifest's second version, with the new file; each step signed by its person.
    const rejected = (await foshan.get('reviewer', `/cases/${second}`)).body as {
      status: string;
      manifest: { version: number; materials: { sha256: string }[] };
      timeline: { action: string; subject: string; reason?: string }[];
    };
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.manifest.version).toBe(2);
    expect(rejected.manifest.materials.map((material) => material.sha256)).toEqual([sha256Of(SIGNED_FORM)]);
    expect(rejected.timeline.map((entry) => entry.action)).toEqual([
      'receive',
      'verify',
      'requestSupplement',
      'supplement',
      'verify',
      'accept',
      'reject',
    ]);
    expect(rejected.timeline.find((entry) => entry.action === 'reject')).toMatchObject({ reason: '经营场所不符合要求' });
    expect((await haidian.get('clerk', `/cases/${third}`)).body).toMatchObject({ status: 'WITHDRAWN', reason: '申请人改日再来' });
    const refused = (await haidian.get('clerk', `/cases/${fourth}`)).body as { status: string; reason: string; timeline: { action: string }[] };
    expect(refused).toMatchObject({ status: 'NOT_ACCEPTED', reason: '不属于本市管辖事项' });
    expect(refused.timeline.map((entry) => entry.action)).toEqual(['receive', 'verify', 'refuse']);
  });

  it('fits a tablet held upright: no horizontal scrolling, every field reachable', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 768, height: 1024 }, hasTouch: true });
    contexts.push(context);
    const tablet = await context.newPage();
    await tablet.goto(`${haidian.city.gateway.url}/console`);
    await tablet.getByRole('heading', { name: '首次登记' }).waitFor();
    expect(await fitsWidth(tablet)).toBe(true);
    await screenshot(tablet, 'console', 'tablet-sign-in-zh-CN');
  });

  it("a Tianjin reviewer finds the case but not the applicant's data", async () => {
    const outsider = await signedIn(tianjin, people.outsider);
    await outsider.getByLabel('案件编号').fill(CASE);
    await outsider.getByRole('button', { name: '查询' }).click();
    await caseStatus(outsider, CASE, '已送达');
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
    admin = await signedIn(haidian, people.admin);
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

  it("admins publish an item, propose an agreement and sign it by clicking: Haidian's, then Foshan's", async () => {
    // Haidian's admin, signed in by the test before.
    const code = `HD-ITEM-${run}`;
    const agreement = `AGR-ADMIN-${run}`;
    await admin.getByRole('textbox', { name: '事项编码', exact: true }).fill(code);
    await admin.getByLabel('事项名称').fill('户籍证明');
    await admin.getByLabel('承诺办结天数').fill('5');
    await admin.getByLabel('材料（每行一个，必交材料前加 *）').fill('*申请表\n委托书');
    await admin.getByRole('button', { name: '发布事项' }).click();
    await admin.getByRole('heading', { name: `户籍证明（${code}）` }).waitFor({ timeout: 60_000 });

    await admin.getByLabel('协议编号').fill(agreement);
    await admin.getByLabel('标题').fill('京粤户籍证明通办协议');
    await admin.getByRole('checkbox', { name: foshan.city.name }).check();
    await admin.getByLabel('事项（每行一个，城市/事项编码）').fill(`${haidian.city.mspId}/${code}`);
    await admin.getByLabel('生效日期').fill('2026-01-01');
    await admin.getByLabel('截止日期').fill('2027-12-31');
    await admin.getByRole('button', { name: '发起协议', exact: true }).click();
    await admin.getByRole('heading', { name: `京粤户籍证明通办协议（${agreement}）· 待签署` }).waitFor({ timeout: 60_000 });

    const foshanAdmin = await signedIn(foshan, people.foshanAdmin);
    await foshanAdmin.getByRole('button', { name: `本市签署：${agreement}` }).click({ timeout: 60_000 });
    await foshanAdmin.getByRole('heading', { name: `京粤户籍证明通办协议（${agreement}）· 生效` }).waitFor({ timeout: 60_000 });
    await foshanAdmin.getByText(`${foshan.city.name}：已签署`).first().waitFor();
    expect(await seriousAccessibilityViolations(foshanAdmin)).toEqual([]);
    await screenshot(foshanAdmin, 'console', 'admin-agreement-signed-zh-CN');

    const recorded = (await haidian.get('auditor', `/agreements/${agreement}`)).body as {
      status: string;
      signatures: { mspId: string; subject: string }[];
    };
    expect(recorded.status).toBe('ACTIVE');
    expect(recorded.signatures.map((signature) => /CN=([^,/:]+)/.exec(signature.subject)?.[1])).toEqual([people.admin.id, people.foshanAdmin.id]);
  });

  it('the public page verifies the issued licence from its file, and detects a changed one', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const verify = (file: string) => verdictOnPage(page, haidian.city.gateway.url, CERTIFICATE, file);
    expect(await verify(LICENCE)).toContain('有效');
    expect(await verify(CHANGED)).toContain('文件不符');
  });
});
