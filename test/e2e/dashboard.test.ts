import { describe, expect, inject, it } from 'vitest';
import { caseListSchema } from '../../src/shared/domain/case.ts';
import {
  figureBreakdownSchema,
  figuresReportSchema,
  provinceFiguresSchema,
} from '../../src/shared/domain/figures.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/** The headline figures on a leader's home page: the API's numbers, how each is counted, other periods. */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('headline figures on the home page', () => {
  it("shows the leader's street this month as the figures API counts it, says how, and switches to the year", async () => {
    const { page } = await sessions.open();
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [street] = await leader.regions();
    if (!street) throw new Error('the leader has no territory');
    const api = async (period: string) =>
      figuresReportSchema.parse(
        await (await leader.get(`/api/v1/figures?regionId=${street.id}&period=${period}`)).json(),
      );
    const month = await api('month');
    await page.goto('/');
    await page.locator('[data-testid="figures-panel"][data-period="month"]').waitFor();
    const shown = (id: string) => page.getByTestId(`headline-${id}`).getAttribute('data-value');
    await page.getByTestId('headline-received').waitFor();
    expect(await shown('received')).toBe(String(month.current.cases.received));
    expect(await shown('visits')).toBe(String(month.current.visits.visits));
    // The seeded street has cases and visits this month.
    expect(month.current.cases.received + month.current.visits.visits).toBeGreaterThan(0);
    // How a figure is counted, beside it.
    await page.getByTestId('headline-closureRate').getByRole('img').hover();
    await page.getByText('办结件数 ÷（受理量 − 不予受理 − 并案 − 撤销）', { exact: false }).waitFor();

    const year = await api('year');
    const asked = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/figures' &&
        new URL(r.url()).searchParams.get('period') === 'year',
    );
    await page.getByTestId('figures-period').getByText('本年').click();
    expect((await asked).status()).toBe(200);
    await page.locator('[data-testid="figures-panel"][data-period="year"]').waitFor();
    await page
      .locator(`[data-testid="headline-received"][data-value="${year.current.cases.received}"]`)
      .waitFor();
    expect(year.current.cases.received).toBeGreaterThanOrEqual(month.current.cases.received);

    // A custom range: the last 30 days at first, in the address; then any range the address names.
    const today = cstDay(new Date());
    const custom = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/figures' &&
        new URL(r.url()).searchParams.get('period') === 'custom',
    );
    await page.getByTestId('figures-period').getByText('自定义').click();
    const sent = new URL((await custom).url()).searchParams;
    expect([sent.get('from'), sent.get('to')]).toEqual([addDays(today, -29), today]);
    await page.getByTestId('figures-range').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe(addDays(today, -29));
    const from = addDays(today, -6);
    const range = await api(`custom&from=${from}&to=${today}`);
    expect(range.previous.period).toMatchObject({ from: addDays(today, -13), to: addDays(today, -7) });
    // Typed into the range picker, the range lands in the address and survives a reload.
    const inputs = page.getByTestId('figures-range').locator('input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(from);
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(today);
    await inputs.nth(1).press('Enter');
    const chosen = `[data-testid="figures-panel"][data-period="custom"][data-from="${from}"][data-to="${today}"]`;
    await page.locator(chosen).waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);
    await page.reload();
    await page.locator(chosen).waitFor();
    await page
      .locator(`[data-testid="headline-received"][data-value="${range.current.cases.received}"]`)
      .waitFor();
    // The rules the figures are counted by, read-only for a street's leader.
    await page.getByTestId('assessment-rules-line').getByText('考核月：自然月', { exact: false }).waitFor();
    expect(await page.getByTestId('assessment-rules-edit').count()).toBe(0);
  });

  it('drills from the street to a community to a grid, and a figure opens the cases it counts', async () => {
    const { page } = await sessions.open({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [street] = await leader.regions();
    if (!street) throw new Error('the leader has no territory');
    const places = async (regionId: string) =>
      figureBreakdownSchema.parse(
        await (
          await leader.get(`/api/v1/figures/breakdown?regionId=${regionId}&period=month&by=place`)
        ).json(),
      ).rows;
    // The community and, in it, the grid with the most cases this month (the seed has some).
    const busiest = (rows: Awaited<ReturnType<typeof places>>) =>
      [...rows].sort((a, b) => b.cases.received - a.cases.received)[0];
    const community = busiest(await places(street.id));
    if (!community?.regionId) throw new Error('the street has no community');
    const grid = busiest(await places(community.regionId));
    if (!grid?.regionId) throw new Error('the community has no grid');

    await page.goto('/');
    await page.locator(`[data-testid="figure-dashboard"][data-region="${street.id}"]`).waitFor();
    await page.getByTestId('figures-trend-chart').locator('svg').first().waitFor();
    for (const place of [community, grid]) {
      await page.locator(`[data-testid="figures-drill"][data-region="${place.regionId}"]`).click();
      await page.locator(`[data-testid="figure-dashboard"][data-region="${place.regionId}"]`).waitFor();
    }
    expect(await page.getByTestId('figures-drill-up').allTextContents()).toEqual([
      street.name,
      community.name,
    ]);
    await page.locator(`[data-testid="headline-received"][data-value="${grid.cases.received}"]`).waitFor();

    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/cases' && r.request().method() === 'GET',
    );
    await page.getByTestId('headline-link-received').click();
    const list = caseListSchema.parse(await (await listed).json());
    const asked = new URL(page.url()).searchParams;
    expect(asked.get('regionId')).toBe(grid.regionId);
    expect(list.total).toBe(grid.cases.received);
    await page.getByTestId('case-table').waitFor();
  });

  it("shows a provincial leader every district's figures and the province's, as the API counts them", async () => {
    const { page } = await sessions.open();
    await signIn(page, 'province');
    const province = await ApiSession.signIn(origin, runAccounts(), 'province');
    const api = async (period: string) =>
      provinceFiguresSchema.parse(
        await (await province.get(`/api/v1/figures/province?period=${period}`)).json(),
      );
    const month = await api('month');
    expect(month.districts.length).toBeGreaterThan(0);
    await page.goto('/');
    const table = page.locator(
      `[data-testid="province-table"][data-period="${month.period.from}/${month.period.to}"]`,
    );
    await table.waitFor();
    for (const district of [...month.districts, { ...month.province, code: 'province', name: '全省合计' }]) {
      const cells = await table
        .locator(`tr[data-district="${district.code}"] td`)
        .evaluateAll((tds) => tds.map((td) => td.textContent ?? ''));
      expect(cells[0]).toBe(district.name);
      expect(cells[1]).toBe(String(district.cases.received));
      expect(cells[5]).toBe(String(district.visits.visits));
      expect(cells[7]).toBe(`${district.coverage?.householdCoveragePercent} %`);
    }

    const year = await api('year');
    await page.getByTestId('province-period').getByText('本年').click();
    await page
      .locator(`[data-testid="province-table"][data-period="${year.period.from}/${year.period.to}"]`)
      .waitFor();
    expect(year.province.cases.received).toBeGreaterThanOrEqual(month.province.cases.received);
  });
});
