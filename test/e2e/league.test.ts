import { describe, expect, inject, it } from 'vitest';
import { leagueTableSchema, publishedLeagueSchema } from '../../src/shared/domain/league.ts';
import { addDays, cstDay, firstDayOf } from '../../src/shared/time/china-time.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/** 数据晾晒: a leader sees the street's communities ranked as the API ranks them, publishes, finds it listed. */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('league tables', () => {
  it("ranks the leader's communities for the quarter, publishes the table and lists it", async () => {
    const { page } = await sessions.open();
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [street] = await leader.regions();
    if (!street) throw new Error('the leader has no territory');
    const quarter = leagueTableSchema.parse(
      await (await leader.get(`/api/v1/league?regionId=${street.id}&period=quarter`)).json(),
    );
    expect(quarter.rows.length).toBeGreaterThan(1);

    await page.goto('/league');
    await page.getByTestId('league-live').waitFor();
    const asked = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/league' &&
        new URL(r.url()).searchParams.get('period') === 'quarter',
    );
    await page.getByTestId('league-period').getByText('季度').click();
    expect((await asked).status()).toBe(200);
    // The communities in the API's order, the first with rank 1.
    const first = quarter.rows[0];
    if (!first) throw new Error('no rows');
    await page
      .getByTestId('league-live')
      .locator(`[data-testid="league-row"][data-rank="1"][data-name="${first.name}"]`)
      .first()
      .waitFor();
    const names = await page
      .getByTestId('league-live')
      .locator('[data-testid="league-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(names).toEqual(quarter.rows.map((r) => r.name));

    // A table is published once its quarter has ended: the running quarter's may not be.
    expect(await page.getByTestId('league-publish').isDisabled()).toBe(true);
    const lastQuarter = firstDayOf('quarter', addDays(firstDayOf('quarter', cstDay(new Date())), -1));
    const previous = leagueTableSchema.parse(
      await (
        await leader.get(`/api/v1/league?regionId=${street.id}&period=quarter&at=${lastQuarter}`)
      ).json(),
    );
    const shown = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/league' &&
        new URL(r.url()).searchParams.get('at') === lastQuarter,
    );
    const picker = page.locator('input[data-testid="league-day"], [data-testid="league-day"] input').first();
    await picker.click();
    await picker.fill(`${lastQuarter.slice(0, 4)}-Q${Math.floor(Number(lastQuarter.slice(5, 7)) / 3) + 1}`);
    await picker.press('Enter');
    expect((await shown).status()).toBe(200);
    const lastNames = previous.rows.map((r) => r.name);
    await page
      .getByTestId('league-live')
      .locator(`[data-testid="league-row"][data-rank="1"][data-name="${previous.rows[0]?.name}"]`)
      .first()
      .waitFor();

    const publishing = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/league-tables' && r.request().method() === 'POST',
    );
    await page.getByTestId('league-publish').click();
    await page.getByTestId('league-publish-ok').click();
    const response = await publishing;
    expect(response.status()).toBe(201);
    const published = publishedLeagueSchema.parse(await response.json());
    expect(published.table.rows.map((r) => r.name)).toEqual(lastNames);
    expect(published.period.from).toBe(lastQuarter);
    // The published table is listed (newest first) and opens as it was published.
    const listed = page.getByTestId('league-published').locator('tr', { hasText: published.period.from });
    await listed.first().waitFor();
    await listed.first().getByTestId('league-open').click();
    await page
      .getByTestId('league-published-table')
      .locator(`[data-testid="league-row"][data-name="${previous.rows[0]?.name}"]`)
      .first()
      .waitFor();
  });
});
