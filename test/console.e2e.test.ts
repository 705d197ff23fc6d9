/// <reference lib="dom" />
/**
 * The console in a real browser: Debian's chromium driven by playwright-core (never a browser a
 * test tool downloads), against the test network loaded with the demo data. Each screen is
 * opened and used as a person would (type, choose, click, page) and checked on what it shows;
 * screenshots of each land in test/artifacts/ (gitignored). Also: a role without the right sees
 * nothing of a screen, the citizen ID never reaches a URL, a log or the browser's storage, and
 * every request stays on the gateway.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { apiKey, type SystemName } from './support/api';
import { gatewayDir, gatewayUrl, ORG_KEYS, REPO_ROOT, RUN_DIR } from './support/test-network';

const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');
const DEMO = require(path.join(REPO_ROOT, 'scripts', 'demo-data.js')) as { CITIZENS: { n: number; id: string }[] };
const citizen = (n: number) => DEMO.CITIZENS.find((c) => c.n === n)!.id;
const AUDIT = gatewayUrl('audit');
const CIVIL = gatewayUrl('civilaffairs');
const FINANCE = gatewayUrl('finance');

let browser: Browser;
/** Every URL any page asked for, to show nothing left the gateway and no citizen ID rode in one. */
const requested: string[] = [];

async function openConsole(origin: string, hash = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 760 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${origin}/console${hash}`);
  return { context, page };
}

/** Signs in with the keyboard only: the key field has the focus, Enter submits. */
async function signIn(page: Page, system: SystemName): Promise<void> {
  await page.locator('#api-key').waitFor();
  await page.keyboard.type(apiKey(system));
  await page.keyboard.press('Enter');
  await page.locator('#session', { hasText: system }).waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });

async function storageOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('node', [path.join(REPO_ROOT, 'scripts', 'demo-data.js'), RUN_DIR], { stdio: 'inherit' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('the console, in chromium', () => {
  it('first load: the sign-in form, with every file from the gateway itself (time recorded, not asserted)', async () => {
    const { context, page } = await openConsole(AUDIT);
    await page.locator('#api-key').waitFor();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd), loadMs: Math.round(nav.loadEventEnd), files: performance.getEntriesByType('resource').length + 1 };
    });
    writeFileSync(path.join(ARTIFACTS, 'console-first-load.json'), JSON.stringify(timing, null, 2));
    expect(await page.locator('h1').textContent()).toBe('福利账本 控制台');
    expect(await page.locator('#api-key').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(requested.every((url) => url.startsWith(AUDIT))).toBe(true);
    await shot(page, 'sign-in');
    await context.close();
  });

  it('a wrong key is refused and nothing opens', async () => {
    const { context, page } = await openConsole(AUDIT);
    await page.locator('#api-key').fill('not-a-key');
    await page.keyboard.press('Enter');
    await expectText(page, '.error', 'UNAUTHORIZED');
    expect(await page.locator('nav a').allTextContents()).toEqual(['谁查看了我的数据']);
    await context.close();
  });

  it('beneficiary timeline: purpose first, the ID in a POST body, the read logged; eligibility, payments, death, overpayments, accesses', async () => {
    const { context, page } = await openConsole(AUDIT);
    await signIn(page, 'audit-system');
    await page.getByRole('link', { name: '受益人时间线' }).click();
    await page.locator('#purpose').selectOption('INSPECTION');
    await page.locator('#citizen-id').fill(citizen(7));
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('#timeline').waitFor();
    const table = await page.locator('#timeline').innerText();
    for (const kind of ['资格', '支付', '死亡登记', '多付款', '数据访问']) expect(table).toContain(kind);
    expect(table).toContain('已死亡 (DECEASED)');
    expect(table).toContain('已追回 (RECOVERED)');
    expect(table).toContain('finance-system (FinanceMSP)');
    expect(await page.locator('#read-logged').innerText()).toMatch(/访问事件 \S+/);
    expect(await page.locator('#citizen-id').inputValue()).toBe('');
    await shot(page, 'timeline');
    expect(page.url()).not.toContain(citizen(7));
    expect(await storageOf(page)).not.toContain(citizen(7));
    await context.close();
  });

  it('programme month: totals, 12-month chart, rejections by reason, districts, and a CSV of what is shown', async () => {
    const { context, page } = await openConsole(FINANCE);
    await signIn(page, 'finance-system');
    await page.getByRole('link', { name: '项目月报' }).click();
    await page.locator('#programme').selectOption('MINIMUM_LIVING');
    await page.locator('#period').fill('2026-07');
    await page.getByRole('button', { name: '显示' }).click();
    await page.locator('#districts').waitFor();
    expect(await page.locator('[data-tally="rejected"] dd').innerText()).toBe('1 · ¥1,240.00');
    expect(await page.locator('#chart-months svg rect').count()).toBe(12);
    expect(await page.locator('#chart-reasons').innerText()).toContain('重复发放 (DUPLICATE): 1');
    const districts = await page.locator('#districts tbody tr td:first-child').allTextContents();
    expect(districts).toEqual(['310104', '310106', '310110']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('MINIMUM_LIVING-2026-07.csv');
    expect(csv).toContain('district,MINIMUM_LIVING,2026-07,310110,posted,1,98000');
    expect(csv).toContain('rejections,MINIMUM_LIVING,2026-07,,DUPLICATE,1,124000');
    await page.locator('#period').fill('2026-09');
    await page.getByRole('button', { name: '显示' }).click();
    await expectText(page, '[data-tally="returned"] dd', '1 · ¥980.00');
    await shot(page, 'programme');
    await context.close();
  });

  it('anomalies: every reason code, filtered by kind and programme, paged', async () => {
    const { context, page } = await openConsole(AUDIT);
    await signIn(page, 'audit-system');
    await page.getByRole('link', { name: '异常' }).click();
    await page.locator('#anomaly-counts').waitFor();
    const counts = await page.locator('#anomaly-counts').innerText();
    for (const code of ['UNKNOWN_PROGRAM', 'INVALID_AMOUNT', 'NOT_ELIGIBLE', 'DECEASED', 'DUPLICATE', 'AMOUNT_EXCEEDS_STANDARD']) expect(counts).toContain(code);
    expect(counts).toMatch(/已追回的多付款: [1-9]/);
    const firstPage = await page.locator('#anomalies tbody tr').count();
    expect(firstPage).toBe(5);
    expect(await page.locator('#page-status').innerText()).toMatch(/^第 1 \/ \d+ 页/);
    await page.locator('#page-next').click();
    await expectText(page, '#page-status', '第 2 /');
    await page.locator('#filter-kind').selectOption('DECEASED');
    await page.locator('#filter-programme').selectOption('ELDERLY_ALLOWANCE');
    await page.getByRole('button', { name: '筛选' }).click();
    await expectText(page, '#page-status', '共 1 条');
    expect(await page.locator('#anomalies tbody').innerText()).toContain('DEMO-ELDERLY_ALLOWANCE-2026-10-07');
    await page.locator('#filter-kind').selectOption('OVERPAYMENT_OPEN');
    await page.locator('#filter-programme').selectOption('');
    await page.getByRole('button', { name: '筛选' }).click();
    await expectText(page, '#anomalies tbody', 'DEMO-DISABILITY_NURSING-2026-09-07');
    expect(await page.locator('#anomalies tbody').innerText()).not.toContain('DEMO-ELDERLY_ALLOWANCE-2026-09-07'); // recovered, not open
    await page.locator('#filter-kind').selectOption('OVERPAYMENT_RECOVERED');
    await page.getByRole('button', { name: '筛选' }).click();
    await expectText(page, '#anomalies tbody', 'DEMO-ELDERLY_ALLOWANCE-2026-09-07');
    await page.locator('#filter-kind').selectOption('');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.locator('#anomalies').waitFor();
    await shot(page, 'anomalies');
    await context.close();
  });

  it('proof badge: the bundle is checked in the page, and a one-byte change turns it red with the failing check named', async () => {
    const overview = (await (await fetch(`${AUDIT}/v1/ledger/overview`, { headers: { authorization: `Bearer ${apiKey("audit-system")}` } })).json()) as { latestBlocks: { txIds: string[] }[] };
    const txId = overview.latestBlocks[0].txIds[0];
    const { context, page } = await openConsole(AUDIT, `#/proof?tx=${txId}`);
    await signIn(page, 'audit-system');
    const trustFile = path.join(ARTIFACTS, 'welfare-trust.json');
    execFileSync('node', [path.join(REPO_ROOT, 'gateway', 'bin', 'welfare-ledger.js'), 'trust', 'init', path.join(RUN_DIR, 'shared', 'welfare.block'), '--out', trustFile]);
    await page.locator('#trust-file').setInputFiles(trustFile);
    expect(await page.locator('#proof-tx').inputValue()).toBe(txId);
    await page.getByRole('button', { name: '获取并在浏览器中核验' }).click();
    await page.locator('#badge').waitFor();
    expect((await fetch(`${AUDIT}/console/verifier.js`)).status).toBe(200);
    expect(await page.locator('#badge').innerText()).toContain('VERIFIED');
    await shot(page, 'proof');
    await page.locator('#tamper').check();
    await page.getByRole('button', { name: '获取并在浏览器中核验' }).click();
    await expectText(page, '#badge', '✗');
    const failing = await page.locator('#proof-checks li.fail').allInnerTexts();
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.join(' ')).toMatch(/[a-z]+(-[a-z]+)+/); // the failing check is named, e.g. write-set
    await shot(page, 'proof-tampered');
    await context.close();
  });

  it('who read my data: a counter issues a one-time code; the citizen, without a key, sees every access with its inclusion checked in the page', async () => {
    const counter = await openConsole(CIVIL);
    await signIn(counter.page, 'civil-affairs-system');
    await counter.page.getByRole('link', { name: '谁查看了我的数据' }).click();
    await counter.page.locator('#issue-citizen-id').fill(citizen(2));
    await counter.page.getByRole('button', { name: '签发' }).click();
    const code = await counter.page.locator('#issued-code').innerText();
    const link = await counter.page.locator('#issued-link').innerText();
    expect(link).not.toContain(citizen(2));
    expect(link).toContain(`#/myData?code=${code}`);
    await shot(counter.page, 'my-data-counter');
    await counter.context.close();

    const { context, page } = await openConsole(CIVIL, `#/myData?code=${code}`);
    await page.locator('#my-data').waitFor();
    const rows = await page.locator('#my-data tbody tr').allInnerTexts();
    expect(rows.some((row) => row.includes('finance-system') && row.includes('FinanceMSP'))).toBe(true);
    expect(rows.some((row) => row.includes('audit-system') && row.includes('AuditMSP'))).toBe(true);
    expect(rows.some((row) => row.includes('civil-affairs-system') && row.includes('服务提供'))).toBe(true); // the counter's own issuance
    expect(await page.locator('#my-data .badge.ok').count()).toBe(rows.length);
    expect(page.url()).not.toContain(code); // used up: gone from the address bar
    await shot(page, 'my-data');
    await page.locator('#access-code').fill(code);
    await page.getByRole('button', { name: '查看' }).click();
    await expectText(page, '#my-data-result .error', 'NOT_FOUND');
    await context.close();
  });

  it('ledger health: three peers side by side, one tip, the index lag and the latest blocks', async () => {
    const { context, page } = await openConsole(FINANCE);
    await signIn(page, 'finance-system');
    await page.getByRole('link', { name: '账本健康' }).click();
    await page.locator('#peers').waitFor();
    expect(await page.locator('#peers tbody tr').count()).toBe(3);
    expect(await page.locator('#divergence').getAttribute('class')).toBe('badge ok');
    expect(await page.locator('#peers code.diverged').count()).toBe(0);
    expect(await page.locator('#index-lag').innerText()).toMatch(/索引落后 \d+ 个区块/);
    expect(await page.locator('#latest-blocks tbody tr').count()).toBeGreaterThan(0);
    await page.locator('#lang').click();
    await expectText(page, 'nav', 'Ledger health');
    expect(await page.locator('#index-lag').innerText()).toMatch(/index is \d+ blocks behind/);
    await shot(page, 'health');
    await context.close();
  });

  it('keyboard only: Tab reaches a screen link, Enter opens it, and the focus lands on the screen', async () => {
    const { context, page } = await openConsole(AUDIT);
    await signIn(page, 'audit-system');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === '账本健康') break;
    }
    await page.keyboard.press('Enter');
    await page.locator('#peers').waitFor();
    expect(page.url()).toContain('#/health');
    expect(await page.evaluate(() => document.getElementById('screen')!.contains(document.activeElement))).toBe(true);
    await context.close();
  });

  it('a role without the right sees nothing of a screen, and its data is never asked for', async () => {
    const { context, page } = await openConsole(FINANCE);
    await signIn(page, 'finance-system');
    expect(await page.locator('nav a').allTextContents()).toEqual(['项目月报', '谁查看了我的数据', '账本健康']);
    // The landing screen (programme month, which finance may see) has finished its own requests before counting.
    await page.locator('#month-totals').waitFor();
    const before = requested.length;
    for (const screen of ['timeline', 'anomalies', 'proof']) {
      await page.evaluate((hash) => (location.hash = hash), `#/${screen}`);
      await page.locator('#no-right').waitFor();
      expect(await page.locator('#screen table, #screen form').count()).toBe(0);
    }
    expect(requested.slice(before).filter((url) => url.includes('/v1/'))).toEqual([]);
    await shot(page, 'no-right');
    await context.close();
  });

  it('the citizen IDs typed never reached a URL or a gateway log; every request stayed on the gateways', () => {
    const origins = new Set(requested.map((url) => new URL(url).origin));
    expect([...origins].every((origin) => [AUDIT, CIVIL, FINANCE].includes(origin) || origin === 'null')).toBe(true);
    for (const n of [2, 7]) {
      expect(requested.filter((url) => url.includes(citizen(n)))).toEqual([]);
      for (const org of ORG_KEYS) {
        const logs = path.join(gatewayDir(org), 'logs');
        for (const file of existsSync(logs) ? readdirSync(logs) : []) expect(readFileSync(path.join(logs, file), 'utf8')).not.toContain(citizen(n));
      }
    }
  });
});

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 15_000 });
}
