import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { campaignReportSchema } from '../../src/shared/domain/campaign.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { typeDay } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/** A leader's campaign (issue 12 §6): created, its report read, its pack downloaded, its print view opened. */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('campaign reports', () => {
  it('lets a leader create a campaign, read its report, download the pack and open the print view', async () => {
    const { page } = await sessions.open();
    await signIn(page, 'leader');
    const name = `民情双访 e2e ${Date.now()}`;
    await page.goto('/campaigns');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-name').fill(name);
    // The last thirty days: the seeded street's recent visits and cases fall in it.
    const from = page.getByTestId('campaign-from');
    await from.click();
    // The date picker speaks the interface language, not the browser's: 年/月 and 一…日.
    const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await panel.locator('.ant-picker-month-btn').waitFor();
    expect(await panel.locator('.ant-picker-month-btn').textContent()).toMatch(/^\d{1,2}月$/);
    expect(await panel.locator('.ant-picker-year-btn').textContent()).toMatch(/^\d{4}年$/);
    expect(await panel.locator('.ant-picker-content th').allTextContents()).toEqual([...'一二三四五六日']);
    // A day typed in and confirmed with Enter is taken as well as one picked.
    await typeDay(from, addDays(cstDay(new Date()), -30));
    // The leader's street is the first place offered; the period ends today by default.
    await page.locator('[data-testid="campaign-region"]').filter({ hasText: /\S/ }).waitFor();
    await page.locator('#campaign-save').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByTestId('campaign-report').waitFor();
    expect(await page.getByTestId('campaign-title').textContent()).toBe(name);
    const id = new URL(page.url()).pathname.split('/')[2] as string;

    // The page shows the API's figures.
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const report = campaignReportSchema.parse(await (await leader.get(`/api/v1/campaigns/${id}`)).json());
    expect(report.campaign.name).toBe(name);
    expect(await page.getByTestId('campaign-figure-visits').getAttribute('data-value')).toBe(
      String(report.visits.visits),
    );
    expect(await page.getByTestId('campaign-figure-received').getAttribute('data-value')).toBe(
      String(report.cases.received),
    );

    // The pack: an XLSX with one sheet per table and the definitions last.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('campaign-download').click(),
    ]);
    const body = fs.readFileSync(await (download as Download).path());
    expect(body.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '主要指标',
      '分社区',
      '分网格',
      '典型案例',
      '指标说明',
    ]);

    // The print view: the same report for A4, without the app's navigation when printed.
    await page.getByTestId('campaign-print-button').click();
    await page.waitForURL(`**/campaigns/${id}/print`);
    await page.getByTestId('campaign-print').waitFor();
    await page.locator('[data-testid="campaign-chart"] svg').first().waitFor();
    expect(await page.locator('.ant-layout-sider').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').first().isVisible()).toBe(false);
    expect(await page.getByTestId('campaign-download').isVisible()).toBe(false);
    expect(await page.getByTestId('campaign-title').isVisible()).toBe(true);
  });
});
