import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { EXAMPLE_GRID_CODE, HOUSEHOLD_SHEET } from '../../src/server/modules/imports/columns.ts';
import { ENTERPRISE_SHEET } from '../../src/server/modules/imports/enterprise-columns.ts';
import { buildIdCardNumber } from '../../src/shared/validation/id-card.ts';
import { chooseOption } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/**
 * Imports and exports through the web: a leader asks to export personal data in full, the
 * security administrator approves, the leader downloads it once; the system administrator
 * uploads a household file with one bad row and downloads the report that names it.
 */

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
const SCREENSHOTS = path.join(ROOT, 'test-results');
const REASON = '配合区经信局核对企业联系人电话（e2e）';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const file = await (download as Download).path();
  return { name: (download as Download).suggestedFilename(), body: fs.readFileSync(file) };
}

async function firstSheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

function columnValues(sheet: ExcelJS.Worksheet, header: string): string[] {
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const index = headers.indexOf(header);
  const values: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) values.push(String((row.values as unknown[])[index] ?? ''));
  });
  return values;
}

describe('exports with an approval', () => {
  it('lets a leader ask, the security administrator approve, and the leader download once in full', async () => {
    const accounts = runAccounts();
    const leaderApi = await ApiSession.signIn(origin, accounts, 'leader');
    const street = ((await (await leaderApi.get('/api/v1/regions')).json()) as { items: { name: string }[] })
      .items[0];
    if (!street) throw new Error('the leader sees no region');

    // The leader downloads a masked export and asks for the enterprises of the street in full.
    const leader = await sessions.open({ viewport: { width: 1280, height: 900 } });
    await signIn(leader.page, 'leader', { path: '/admin/exports' });
    await leader.page.goto('/admin/exports');
    await chooseOption(leader.page.getByTestId('export-kind'), /^企业$/);
    await expect.poll(() => leader.page.getByTestId('export-region').textContent()).toContain(street.name);
    // The download names a run reserved for it, whose server-sent progress the page follows; the
    // bar goes away with the download.
    const followed = leader.page.waitForRequest((r) =>
      /^\/api\/v1\/exports\/[0-9a-f-]{36}\/progress$/.test(new URL(r.url()).pathname),
    );
    const exported = leader.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/exports/enterprises',
    );
    const masked = await downloaded(leader.page, () => leader.page.getByTestId('export-masked').click());
    expect(new URL((await exported).url()).searchParams.get('progressId')).toBe(
      new URL((await followed).url()).pathname.split('/')[4],
    );
    await leader.page.getByTestId('export-progress').waitFor({ state: 'detached' });
    expect(masked.name).toMatch(new RegExp(`^企业-${street.name}-\\d{8}-脱敏\\.xlsx$`));
    const maskedPhones = columnValues(
      await firstSheet(masked.body),
      ENTERPRISE_SHEET.columns.contact_phone.header,
    ).filter((v) => v);
    expect(maskedPhones.length).toBeGreaterThan(0);
    for (const phone of maskedPhones) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    await chooseOption(leader.page.getByTestId('request-kind'), /^企业$/);
    await expect.poll(() => leader.page.getByTestId('request-region').textContent()).toContain(street.name);
    await leader.page.getByTestId('request-reason').fill(REASON);
    const asked = leader.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/export-requests' && r.request().method() === 'POST',
    );
    await leader.page.getByTestId('request-submit').click();
    expect((await asked).status()).toBe(201);
    const mine = leader.page.getByTestId('my-requests');
    await mine.getByText(REASON).waitFor();
    expect(await mine.locator('tr', { hasText: REASON }).getByTestId('request-status').textContent()).toBe(
      '待审批',
    );
    await leader.close();

    // The security administrator sees it pending and approves it.
    const secadmin = await sessions.open({ viewport: { width: 1280, height: 900 } });
    await signIn(secadmin.page, 'secadmin', { path: '/admin/exports' });
    await secadmin.page.goto('/admin/exports');
    const row = secadmin.page.getByTestId('review-requests').locator('tr', { hasText: REASON });
    await row.waitFor();
    await row.getByTestId('approve-request').click();
    await secadmin.page.getByTestId('decision-modal').waitFor();
    const approved = secadmin.page.waitForResponse((r) => r.url().endsWith('/approve'));
    await secadmin.page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await approved).status()).toBe(200);
    await expect.poll(() => row.getByTestId('request-status').textContent()).toBe('已批准');
    expect(await row.getByTestId('approve-request').count()).toBe(0);
    await secadmin.close();

    // The leader downloads it in full, once.
    const again = await sessions.open({ viewport: { width: 1280, height: 900 } });
    await signIn(again.page, 'leader', { path: '/admin/exports' });
    await again.page.goto('/admin/exports');
    const approvedRow = again.page.getByTestId('my-requests').locator('tr', { hasText: REASON });
    await approvedRow.getByTestId('download-full').waitFor();
    const full = await downloaded(again.page, () => approvedRow.getByTestId('download-full').click());
    expect(full.name).toMatch(new RegExp(`^企业-${street.name}-\\d{8}\\.xlsx$`));
    const phones = columnValues(
      await firstSheet(full.body),
      ENTERPRISE_SHEET.columns.contact_phone.header,
    ).filter((v) => v);
    expect(phones.length).toBe(maskedPhones.length);
    for (const phone of phones) expect(phone).toMatch(/^1\d{10}$/);
    await expect.poll(() => approvedRow.getByTestId('request-status').textContent()).toBe('已使用');
    expect(await approvedRow.getByTestId('download-full').count()).toBe(0);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await again.page.screenshot({ path: path.join(SCREENSHOTS, 'exports.png'), fullPage: true });
  });
});

describe('imports through the web', () => {
  it('uploads a household file with one bad row, shows 1 rejected, and downloads the report naming it', async () => {
    const header = HOUSEHOLD_SHEET.keys.map((k) => HOUSEHOLD_SHEET.columns[k].header).join(',');
    const row = (code: string, name: string, gender: string, id: string) =>
      [
        code,
        EXAMPLE_GRID_CODE,
        `萧山区宁围街道网页导入${code}号`,
        '',
        '',
        '',
        '',
        '',
        name,
        gender,
        '1980-05-01',
        '户主',
        id,
        '',
      ].join(',');
    const good = buildIdCardNumber('330109', '1980-05-01', 81);
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const stamp = Date.now().toString(36).toUpperCase();
    const csv = [
      header,
      row(`E2E-${stamp}-1`, '网页一', '男', good),
      row(`E2E-${stamp}-2`, '网页二', '男', bad),
    ].join('\r\n');

    const session = await sessions.open({ viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signIn(page, 'sysadmin', { path: '/admin/imports' });
    await page.goto('/admin/imports');
    const template = await downloaded(page, () => page.getByTestId('import-template').click());
    expect(template.name).toBe('导入模板-住户成员.xlsx');

    const uploaded = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/imports/households' && r.request().method() === 'POST',
    );
    // The page reserves the run and follows its server-sent progress while the file goes up.
    const progress = page.waitForResponse((r) =>
      /^\/api\/v1\/imports\/[0-9a-f-]{36}\/progress$/.test(new URL(r.url()).pathname),
    );
    await page.locator('input[type=file]').setInputFiles({
      name: 'e2e-住户.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'),
    });
    expect((await uploaded).status()).toBe(200);
    const stream = await progress;
    expect(stream.status()).toBe(200);
    expect(stream.headers()['content-type']).toMatch(/^text\/event-stream/);
    expect(new URL(stream.url()).pathname.split('/')[4]).toBe(
      new URL((await uploaded).url()).searchParams.get('runId'),
    );
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.getByTestId('count-households-inserted').textContent()).toBe('1');
    expect(await result.getByTestId('count-households-rejected').textContent()).toBe('1');
    expect(await result.getByTestId('count-persons-rejected').textContent()).toBe('1');

    const report = await downloaded(page, () => result.getByTestId('import-report').click());
    expect(report.name).toBe('e2e-住户-导入校验报告.xlsx');
    const sheet = await firstSheet(report.body);
    const lines: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) lines.push((r.values as unknown[]).slice(1).join(' '));
    });
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^3 /);
    expect(lines[0]).toContain(`E2E-${stamp}-2`);

    // The run is listed with its report.
    const runs = page.getByTestId('import-runs');
    await runs.getByText('e2e-住户.csv').waitFor();
    const listed = runs.locator('tr', { hasText: 'e2e-住户.csv' }).first();
    const again = await downloaded(page, () => listed.getByTestId('run-report').click());
    expect(again.name).toBe('e2e-住户-导入校验报告.xlsx');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'imports.png'), fullPage: true });
  });
});
