import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type CaseDetail, caseDetailSchema } from '../../../src/shared/domain/case.ts';
import type { registerBrowserSessions } from './browser.ts';
import { signIn } from './sign-in.ts';

type Sessions = ReturnType<typeof registerBrowserSessions>;

/** The next answer of the API at `pathname` to a `method` request. */
export const apiResponse = (page: Page, pathname: string, method = 'GET') =>
  page.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() === method);

/** The workflow actions the case page offers, by their buttons. */
export const offeredActions = async (page: Page) =>
  (await page
    .locator('[data-testid^="case-action-button-"]')
    .evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('data-testid')?.replace('case-action-button-', '') ?? ''),
    )) as string[];

/** Signs `username` in (reusing the run's session) and opens a case's page. */
export async function openCasePage(
  sessions: Sessions,
  username: string,
  caseId: string,
  options?: Parameters<Sessions['open']>[0],
) {
  const session = await sessions.open(options);
  const { page } = session;
  await signIn(page, username);
  const loaded = apiResponse(page, `/api/v1/cases/${caseId}`);
  await page.goto(`/cases/${caseId}`);
  expect((await loaded).status()).toBe(200);
  await page.getByTestId('case-page').waitFor();
  return session;
}

/**
 * Fires a workflow action through its button and form, as a person does, and resolves with the
 * case as the server answered. The request must carry the version the page showed (If-Match);
 * a form that refuses to submit (a choice that did not take) fails at once, saying why, instead
 * of waiting out the timeout for a request that never leaves.
 */
export async function actOnCase(
  page: Page,
  caseId: string,
  action: string,
  fill?: (form: Locator) => Promise<void>,
): Promise<CaseDetail> {
  const shownVersion = Number(await page.getByTestId('case-page').getAttribute('data-version'));
  await page.getByTestId(`case-action-button-${action}`).click();
  const form = page.getByTestId(`case-action-${action}`);
  await form.waitFor();
  if (fill) await fill(form);
  const answered = apiResponse(page, `/api/v1/cases/${caseId}/${action.replaceAll('_', '-')}`, 'POST');
  await page.locator('#case-action-ok').click();
  const refusal = form.locator('.ant-form-item-explain-error').first();
  const response = await Promise.race([
    answered,
    refusal.waitFor().then(
      async () => {
        throw new Error(`${action}: the form did not submit: ${await refusal.textContent()}`);
      },
      () => new Promise<never>(() => {}),
    ),
  ]);
  expect(response.request().headers()['if-match']).toBe(`"${shownVersion}"`);
  if (response.status() !== 200) throw new Error(`${action}: ${response.status()} ${await response.text()}`);
  const detail = caseDetailSchema.parse(await response.json());
  await page.locator(`[data-testid="case-page"][data-version="${detail.version}"]`).waitFor();
  await form.waitFor({ state: 'detached' });
  return detail;
}
