import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { scoreTableSchema } from '../../src/shared/domain/scores.ts';
import { scoreListsZh } from '../../src/shared/i18n/features/score-lists.ts';
import { addDays, cstDay, firstDayOf } from '../../src/shared/time/china-time.ts';
import { chooseOption, chooseRadio } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/**
 * 表扬单 / 批评单 (issue 14 §3): a street leader closes the last full quarter on the scores page,
 * proposes and approves its praise list and its criticism list (with a community on it), and the
 * community's worker sees the criticism of their community and records the rectification.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
const words = scoreListsZh.scoreLists;

/** Proposes a list of the closed quarter from the history page; resolves on the new draft's page. */
async function propose(page: Page, periodLabel: RegExp, kind: 'praise' | 'criticism') {
  await page.goto('/score-lists');
  await page.getByTestId('score-lists-propose').click();
  await chooseOption(page.getByTestId('score-lists-propose-period'), periodLabel);
  await chooseRadio(page.getByTestId('score-lists-propose-kind'), words.kinds[kind]);
  await page.getByTestId('score-lists-propose-ok').click();
  await page.waitForURL(/\/score-lists\/[0-9a-f-]{36}$/);
  await page.getByTestId('score-list-entries').waitFor();
}

/** Approves the open draft with the modal's defaults; waits until it shows as published. */
async function approve(page: Page) {
  const ok = page.getByTestId('score-list-approve-ok');
  // A click while the draft's page still settles can miss the button: try again until the dialog shows.
  for (let attempt = 0; attempt < 3 && !(await ok.isVisible()); attempt++) {
    await page.getByTestId('score-list-approve').click();
    await ok.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  // Approving saves the draft first, then publishes (notices to the whole street, findings): on a
  // busy CI machine the pair can take longer than a click's default wait.
  const isApprove = (r: { url(): string; method(): string }) =>
    /\/approve$/.test(new URL(r.url()).pathname) && r.method() === 'POST';
  const approving = page.waitForResponse((r) => isApprove(r.request()), { timeout: 120_000 });
  // A click as the dialog opens can be lost (a CI run once waited 120 s for a request never sent):
  // while the dialog stays open and no approval went out, click again. A click while the draft is
  // still being saved lands on the loading button, which ignores it.
  for (let attempt = 0; attempt < 4; attempt++) {
    const sent = page.waitForRequest(isApprove, { timeout: 20_000 }).then(
      () => true,
      () => false,
    );
    await ok.click();
    if ((await sent) || !(await ok.isVisible())) break;
  }
  expect((await approving).status()).toBe(200);
  await page.locator('[data-testid="score-list-state"][data-state="published"]').waitFor();
}

describe('praise and criticism lists', () => {
  it('closes a quarter, publishes its praise and criticism lists, and the community rectifies', async () => {
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const worker = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const [street] = await leader.regions();
    const [community] = await worker.regions();
    if (!street || !community) throw new Error('the demo accounts have no territory');
    // The middle of the last full calendar quarter: its assessment quarter has ended.
    const at = addDays(firstDayOf('quarter', cstDay(new Date())), -45);

    const { page } = await sessions.open();
    await signIn(page, 'leader');
    await page.goto(`/scores?regionId=${street.id}&period=quarter&at=${at}`);
    await page.getByTestId('scores-table').waitFor();
    await page.getByTestId('scores-close').click();
    // Closing freezes a whole street's quarter of the demo: it may take a while on a busy machine.
    const closing = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/score-periods' && r.request().method() === 'POST',
      { timeout: 180_000 },
    );
    await page.getByTestId('scores-close-confirm').click();
    expect((await closing).status()).toBe(201);
    const table = scoreTableSchema.parse(
      await (await leader.get(`/api/v1/scores?regionId=${street.id}&period=quarter&at=${at}`)).json(),
    );
    expect(table.closed).toBe(true);
    const periodLabel = new RegExp(`${street.name}.*${table.period.from}`);

    await propose(page, periodLabel, 'praise');
    await approve(page);

    await propose(page, periodLabel, 'criticism');
    const entry = page.locator(`[data-testid="score-list-entry"][data-subject="${community.id}"]`);
    if ((await entry.count()) === 0)
      await chooseOption(page.getByTestId('score-list-add'), community.name, { type: community.name });
    const wording = `${community.name}入户走访覆盖率偏低，请限期整改。`;
    await entry.getByTestId('score-list-entry-text').fill(wording);
    await approve(page);
    expect(await entry.textContent()).toContain(wording);

    // The community's worker: the published criticism of their community, and its rectification.
    const { page: workerPage } = await sessions.open();
    await signIn(workerPage, 'worker1');
    await workerPage.goto('/score-lists');
    const history = workerPage.getByTestId('score-lists-table');
    await history.waitFor();
    await history
      .getByRole('link', { name: new RegExp(words.kinds.criticism) })
      .first()
      .click();
    const own = workerPage.locator(`[data-testid="score-list-entry"][data-subject="${community.id}"]`);
    await own.waitFor();
    expect(await own.textContent()).toContain(wording);
    await workerPage.getByTestId('score-list-findings').click();
    await workerPage.waitForURL(/\/findings\?sourceId=/);
    const finding = workerPage.locator(`[data-testid="finding"][data-subject="${community.id}"]`);
    await finding.waitFor();
    await finding.getByTestId('finding-answer').click();
    const note = '已逐户补访并更新台账';
    await workerPage.getByTestId('finding-note').fill(note);
    const answering = workerPage.waitForResponse(
      (r) => /\/rectification$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
    );
    await workerPage.getByTestId('finding-answer-ok').click();
    expect((await answering).status()).toBe(200);
    await finding.getByTestId('finding-rectification').waitFor();
    expect(await finding.getAttribute('data-state')).toBe('rectified');
    expect(await finding.getByTestId('finding-rectification').textContent()).toBe(note);
  });
});
