import type { Page } from 'playwright-core';
import { expect } from 'vitest';
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
