import { describe, expect, inject, it } from 'vitest';
import { scoreRuleVersionSchema } from '../../src/shared/domain/score-rules.ts';
import { scoreTableSchema } from '../../src/shared/domain/scores.ts';
import { addDays, cstDay, firstDayOfNext } from '../../src/shared/time/china-time.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/** 考评: a street leader reads the live scores, a community's points, and writes a new rule version. */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('evaluation', () => {
  it("ranks the leader's communities, lists one's points and writes a new rule version", async () => {
    const { page } = await sessions.open();
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [street] = await leader.regions();
    if (!street) throw new Error('the leader has no territory');
    const table = scoreTableSchema.parse(
      await (await leader.get(`/api/v1/scores?regionId=${street.id}&period=month`)).json(),
    );
    const first = table.groups[0]?.rows[0];
    if (!first) throw new Error('no scored community');

    await page.goto('/scores');
    const scores = page.getByTestId('scores-table');
    await scores.waitFor();
    expect(await page.getByTestId('scores-state').textContent()).toContain(table.period.from);
    const row = scores.locator(`[data-testid="scores-row"][data-name="${first.name}"]`).first();
    await row.waitFor();
    expect(await row.getAttribute('data-rank')).toBe(String(first.rank));

    // The community's points: the score on top is the table's.
    await row.getByTestId('scores-points-link').click();
    await page.waitForURL(/\/scores\/points\?/);
    const total = page.getByTestId('score-points-total');
    await total.waitFor();
    expect(await total.textContent()).toContain(first.name);
    expect(await total.textContent()).toContain(String(first.scoreCp / 100));

    // The rules page: a new version from the first day of a future month shows among the versions.
    // Back to the table of the same place and period, kept in the address.
    await page.getByTestId('score-points-back').click();
    await page.waitForURL(
      (url) => url.pathname === '/scores' && url.searchParams.get('regionId') === table.region.id,
    );
    await scores.waitFor();
    await page.getByTestId('scores-rules-link').click();
    await page.waitForURL(/\/scores\/rules\?regionId=/);
    await page.getByTestId('score-rules-new').click();
    const months = 2 + Math.floor(Math.random() * 400);
    const from = firstDayOfNext('month', addDays(cstDay(new Date()), months * 31));
    const day = page.getByTestId('score-rules-from');
    await day.click();
    await day.fill(from);
    await day.press('Enter');
    await page.locator('#score-rule-on_spot').fill('2');
    const saving = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/scores/rules' && r.request().method() === 'POST',
    );
    await page.getByTestId('score-rules-save').click();
    const response = await saving;
    expect(response.status()).toBe(201);
    const created = scoreRuleVersionSchema.parse(await response.json());
    expect(created.effectiveFrom).toBe(from);
    expect(created.rules.items.on_spot.points).toBe(2);
    await page
      .getByTestId('score-rules-versions')
      .locator(`[data-testid="score-rules-version"][data-from="${from}"]`)
      .waitFor();
  });
});
