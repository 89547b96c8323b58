import { describe, expect, inject, it } from 'vitest';
import {
  evaluationRatingSchema,
  evaluationRoundSummarySchema,
  evaluationRoundViewSchema,
} from '../../src/shared/domain/evaluation.ts';
import { chooseRadio, pickTreeNode } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/**
 * 两评: the street leader opens a round on the page with a criterion of their own; the second community's grid worker
 * rates the cadre the demo sends down to that community (on its grids' teams) and sees the rating
 * as their unit's own.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('mutual evaluation', () => {
  it('lets a community rate the cadre sent down to it in an evaluation round', async () => {
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [street] = await leader.regions();
    if (!street) throw new Error('the leader has no territory');
    const title = `互评${Date.now().toString(36)}`;

    // The leader opens the round on the page, adding a criterion of the street's own to the form.
    const { page: leaderPage } = await sessions.open();
    await signIn(leaderPage, 'leader');
    await leaderPage.goto('/evaluation');
    await pickTreeNode(leaderPage.getByTestId('evaluation-region'), [], street.name);
    await leaderPage.getByTestId('evaluation-new-title').fill(title);
    await leaderPage.getByTestId('evaluation-criterion-add').click();
    const added = leaderPage.getByTestId('evaluation-criterion').last();
    await added.getByRole('textbox').first().fill('服务态度');
    const opening = leaderPage.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/evaluation-rounds' && r.request().method() === 'POST',
    );
    await leaderPage.getByTestId('evaluation-new').click();
    const opened = await opening;
    expect(opened.status()).toBe(201);
    const round = evaluationRoundSummarySchema.parse(await opened.json());
    await leaderPage.waitForURL(`**/evaluation/${round.id}`);

    const { page } = await sessions.open();
    await signIn(page, 'worker2');
    const worker = await ApiSession.signIn(origin, runAccounts(), 'worker2');
    const before = evaluationRoundViewSchema.parse(
      await (await worker.get(`/api/v1/evaluation-rounds/${round.id}`)).json(),
    );
    expect(before.criteria.map((c) => c.name)).toEqual(['下沉时间', '入户走访', '解决问题', '服务态度']);
    const cadre = before.raterUnits[0]?.subjects.find((s) => !s.rated);
    if (!cadre) throw new Error('no cadre is sent down to the worker’s community');

    await page.goto('/evaluation');
    await page.locator(`[data-testid="evaluation-open-round"][data-id="${round.id}"]`).click();
    await page.waitForURL(`**/evaluation/${round.id}`);
    const row = page.locator(`[data-testid="evaluation-subject"][data-name="${cadre.name}"]`);
    await row.getByTestId('evaluation-rate').click();
    const form = page.getByTestId('evaluation-form');
    await form.waitFor();
    const picks = new Map<string, number>();
    for (const [i, criterion] of before.criteria.entries()) {
      const score = 5 - (i % 3);
      picks.set(criterion.key, score);
      await chooseRadio(
        form.locator(`[data-testid="evaluation-criterion"][data-key="${criterion.key}"]`),
        String(score),
      );
    }
    await form.getByTestId('evaluation-comment').fill('下沉到位，走访扎实');
    const saving = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === `/api/v1/evaluation-rounds/${round.id}/ratings` &&
        r.request().method() === 'POST',
    );
    await form.getByTestId('evaluation-submit').click();
    const response = await saving;
    expect(response.status()).toBe(201);
    const rating = evaluationRatingSchema.parse(await response.json());
    expect(rating.subject).toBe(cadre.key);
    expect(rating.scores).toEqual(Object.fromEntries(picks));

    // The page shows it as the unit's own, and the cadre as rated.
    await page.locator(`[data-testid="evaluation-own-rating"][data-subject="${cadre.key}"]`).waitFor();
    await row.getByText(/已评分|Rated/).waitFor();
  });
});
