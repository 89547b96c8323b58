import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { Accounts } from './accounts.ts';
import { demoPassword } from './api.ts';

export interface SignInResult {
  /** The sign-in reused the run's session for the account (no password typed). */
  reusedSession: boolean;
  /** The account enrolled its authenticator during this sign-in. */
  enrolled: boolean;
  /** The recovery codes shown after enrolment (empty otherwise). */
  recoveryCodes: string[];
  /** The enrolment QR code's image address (a data: URL), when enrolling. */
  qrSrc?: string | null;
  /** The sign-in steps passed through, in order (e.g. password, enroll, recoveryCodes). */
  steps: string[];
}

/** The run's shared knowledge of the demo accounts (see accounts.ts). */
export function runAccounts(): Accounts {
  return new Accounts(inject('stateFile'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the sign-in card shows another step than `previous`, or the app appears. */
async function nextScreen(page: Page, previous: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await page.getByTestId('user-menu').count()) > 0) return 'app';
    const error = page.getByTestId('sign-in-error');
    if ((await error.count()) > 0) {
      throw new Error(`sign-in refused at the ${previous} step: ${await error.first().textContent()}`);
    }
    const step = await page
      .getByTestId('sign-in')
      .getAttribute('data-step', { timeout: 500 })
      .catch(() => null);
    if (step && step !== previous) return step;
    await sleep(100);
  }
  throw new Error(`the sign-in page stayed at the ${previous} step`);
}

async function submit(page: Page): Promise<void> {
  await page.getByTestId('sign-in').locator('button[type=submit]').click();
}

/**
 * Signs a demo account in through the sign-in page, as a person would: the password (from
 * meta.demoLogin), then whatever the server asks — enrolling the authenticator (reading the
 * secret off the page and computing codes with otpauth; the recovery codes are kept), a TOTP
 * code, or a new password — until the app shows. Unless `fresh`, first tries the run's existing
 * session for the account (a cookie), which spares a one-time code; the server accepts each
 * code's time step only once, so every full sign-in of one account uses up one 30-s step.
 */
export async function signIn(
  page: Page,
  username: string,
  options: { fresh?: boolean; path?: string } = {},
): Promise<SignInResult> {
  const origin = inject('origin');
  const accounts = runAccounts();
  const context = page.context();
  const cached = accounts.get(username).cookie;
  if (cached && !options.fresh) {
    await context.addCookies([{ ...cached, url: origin, httpOnly: true, sameSite: 'Strict' }]);
  }
  await page.goto(options.path ?? '/');
  const menu = page.getByTestId('user-menu');
  const card = page.getByTestId('sign-in');
  await menu.or(card).first().waitFor();
  const result: SignInResult = { reusedSession: false, enrolled: false, recoveryCodes: [], steps: [] };
  if ((await menu.count()) > 0) return { ...result, reusedSession: true };
  if (cached) accounts.forgetSession(username);

  const password = accounts.get(username).password ?? (await demoPassword(origin));
  await card.locator('input[autocomplete=username]').fill(username);
  await card.locator('input[autocomplete=current-password]').fill(password);
  await submit(page);
  let step = 'password';
  result.steps.push(step);
  for (let guard = 0; guard < 10; guard += 1) {
    step = await nextScreen(page, step);
    if (step === 'app') break;
    result.steps.push(step);
    switch (step) {
      case 'enroll': {
        const secret = page.getByTestId('totp-secret');
        await secret.waitFor();
        result.qrSrc = await page.getByTestId('totp-qr').getAttribute('src');
        accounts.update(username, { secret: ((await secret.textContent()) ?? '').replace(/\s+/g, '') });
        await card.locator('input[autocomplete=one-time-code]').fill(await accounts.nextTotpCode(username));
        await submit(page);
        result.enrolled = true;
        break;
      }
      case 'recoveryCodes': {
        result.recoveryCodes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map(
          (c) => c.trim(),
        );
        accounts.update(username, { recoveryCodes: result.recoveryCodes });
        await page.getByTestId('recovery-codes-saved').click();
        break;
      }
      case 'totp':
        await card.locator('input[autocomplete=one-time-code]').fill(await accounts.nextTotpCode(username));
        await submit(page);
        break;
      case 'changePassword': {
        const current = accounts.get(username).password ?? password;
        const next = `Mq#${Date.now().toString(36)}-e2e!Q7`;
        await card.locator('input[autocomplete=current-password]').fill(current);
        await card.locator('input[autocomplete=new-password]').nth(0).fill(next);
        await card.locator('input[autocomplete=new-password]').nth(1).fill(next);
        await submit(page);
        accounts.update(username, { password: next });
        break;
      }
      case 'done':
        break;
      default:
        throw new Error(`unexpected sign-in step ${step}`);
    }
  }
  await menu.waitFor();
  const cookie = (await context.cookies(origin)).find((c) => c.name === 'mq_session');
  if (cookie) accounts.update(username, { cookie: { name: cookie.name, value: cookie.value } });
  return result;
}

/** Signs out through the user menu and waits for the sign-in page; the account's session is gone. */
export async function signOut(page: Page, username: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.locator('.ant-dropdown-menu-item-danger').click();
  await page.getByTestId('sign-in').waitFor();
  runAccounts().forgetSession(username);
}
