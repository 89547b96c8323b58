import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { userListSchema } from '../../src/shared/domain/user.ts';
import { chooseOption, pickTreeNode } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

async function screenshot(page: Page, name: string) {
  const file = path.join(ROOT, 'test-results', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

describe('the administration area', () => {
  it('lets the security administrator create a grid worker and shows the one-time password once', async () => {
    const { page } = await sessions.open({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'secadmin');
    const secadmin = await ApiSession.signIn(origin, runAccounts(), 'secadmin');
    const [district] = await secadmin.regions();
    if (!district) throw new Error('the security administrator sees no region');
    const [street] = await secadmin.regions(district.id);
    if (!street) throw new Error(`${district.name} has no street`);

    await page.goto('/admin/users');
    await page.getByTestId('accounts-title').waitFor();
    // The list is in username order, 50 to a page: the demo's first account is on the first page.
    await page.getByTestId('account-username-cell').filter({ hasText: 'auditor' }).waitFor();

    const username = `e2e.grid.${Date.now().toString(36)}`;
    await page.getByTestId('accounts-create').click();
    await page.getByTestId('account-username').fill(username);
    await page.getByTestId('account-display-name').fill('测试网格员');
    await chooseOption(page.getByTestId('grant-role'), /^网格员$/);
    // The scope: open the region tree, expand the district, pick the street.
    await pickTreeNode(page.getByTestId('grant-region'), [district.name], street.name);

    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/users' && r.request().method() === 'POST',
    );
    await page.getByTestId('account-submit').click();
    expect((await created).status()).toBe(201);
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    const password = ((await shown.textContent()) ?? '').trim();
    await screenshot(page, 'accounts-one-time-password.png');
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await page.getByText('此密码只显示这一次', { exact: false }).count()).toBe(1);
    await page.getByTestId('one-time-password-done').click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.getByText(password).count()).toBe(0);

    // The new row, with its role and scope.
    const row = page.locator('tr', {
      has: page.getByTestId('account-username-cell').filter({ hasText: username }),
    });
    await row.waitFor();
    expect(await row.textContent()).toContain(`网格员 · ${street.name}`);
    await screenshot(page, 'accounts.png');
    const listed = userListSchema.parse(
      await (await secadmin.get(`/api/v1/users?q=${encodeURIComponent(username)}`)).json(),
    );
    expect(listed.items.map((u) => [u.username, u.grants.map((g) => [g.role, g.scopeRegionId])])).toEqual([
      [username, [['grid_worker', street.id]]],
    ]);
    // The password shown is the one that works (the person then enrols an authenticator).
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(await login.json()).toEqual({ next: 'enroll' });
  });

  it('lets the auditor filter the log by action and verify the hash chain', async () => {
    const { page } = await sessions.open({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'auditor');
    await page.goto('/admin/audit');
    await page.getByTestId('audit-title').waitFor();
    await page.getByTestId('audit-action').first().waitFor();

    // Each choice reads in words, with its code. Typed first: after the other browser tests the
    // log holds many actions, and the virtual list renders only the first of them.
    await chooseOption(page.getByTestId('audit-action-filter'), /\(auth\.password\)$/, {
      type: 'auth.password',
    });
    const filtered = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/v1/audit' && url.searchParams.get('action') === 'auth.password';
    });
    await page.getByTestId('audit-search').click();
    expect((await filtered).status()).toBe(200);
    await page.waitForFunction(() => {
      const actions = [...document.querySelectorAll('[data-testid="audit-action"]')].map((e) =>
        e.getAttribute('data-action'),
      );
      return actions.length > 0 && actions.every((a) => a === 'auth.password');
    });
    // Each entry reads in words, not as its code.
    const actions = await page.getByTestId('audit-action').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['输入密码（登录第一步）']));

    // The account signed in to is named and links to its own rows in the log.
    const object = page.getByTestId('audit-object-link').first();
    const accountName = await object.textContent();
    expect(accountName).not.toMatch(/^[0-9a-f]{8}$/);
    const aboutAccount = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/v1/audit' && url.searchParams.get('objectType') === 'user';
    });
    await object.click();
    expect((await aboutAccount).status()).toBe(200);
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[data-testid="audit-object-link"]')].every(
          (e) => e.textContent === name,
        ),
      accountName,
    );
    expect(new URL(page.url()).searchParams.get('objectType')).toBe('user');

    // A row's detail opens below it.
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('audit-detail').first().waitFor();

    const verified = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/verify');
    await page.getByTestId('audit-verify').click();
    expect((await verified).status()).toBe(200);
    const result = page.getByTestId('audit-verification');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^哈希链完整：已校验 \d+ 条记录/);
    await screenshot(page, 'audit.png');
  });
});
