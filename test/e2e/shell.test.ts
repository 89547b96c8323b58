import { describe, expect, inject, it } from 'vitest';
import { problemSchema } from '../../src/shared/errors/problem.ts';
import { ApiSession, fetchMeta } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('the shell', () => {
  it('shows a signed-out visitor only the sign-in page, with the demo notice and accounts', async () => {
    const { page, requests } = await sessions.open();
    const meta = await fetchMeta(origin);
    const me = page.waitForResponse((r) => r.url() === `${origin}/api/v1/auth/me`);
    await page.goto('/regions');
    expect((await me).status()).toBe(401);
    await page.getByTestId('sign-in').waitFor();
    expect(await page.getByRole('heading', { name: '登录' }).isVisible()).toBe(true);
    expect(await page.getByRole('menuitem').count()).toBe(0);
    // Nothing but public metadata and "who am I" was asked before signing in.
    const api = requests.filter((url) => url.includes('/api/')).map((url) => new URL(url).pathname);
    expect(new Set(api)).toEqual(new Set(['/api/v1/meta', '/api/v1/auth/me']));
    if (meta.demo) expect(await page.getByTestId('demo-notice').textContent()).toContain('演示数据');
    const demoLogin = meta.demoLogin;
    expect(demoLogin).not.toBeNull();
    if (!demoLogin) return;
    for (const account of demoLogin.accounts) {
      expect(await page.getByTestId(`demo-account-${account.username}`).textContent()).toContain(
        account.scopeName,
      );
    }
    // A click on a demo account fills the form.
    await page.getByTestId('demo-account-worker1').click();
    expect(await page.locator('input[autocomplete=username]').inputValue()).toBe('worker1');
    expect(await page.locator('input[autocomplete=current-password]').inputValue()).toBe(demoLogin.password);

    // The sign-in page is bilingual too.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('demo-notice').textContent()).toContain('Demo data');
  });

  it('refuses a wrong password with one message for a wrong password and an unknown user', async () => {
    const session = await sessions.open();
    const { page } = session;
    session.allowApiError(401, '/api/v1/auth/login');
    await page.goto('/');
    const card = page.getByTestId('sign-in');
    for (const username of ['leader', 'nobody-such']) {
      await card.locator('input[autocomplete=username]').fill(username);
      await card.locator('input[autocomplete=current-password]').fill('wrong-password-1!');
      const answer = page.waitForResponse((r) => r.url() === `${origin}/api/v1/auth/login`);
      await card.locator('button[type=submit]').click();
      expect((await answer).status()).toBe(401);
      expect(await page.getByTestId('sign-in-error').textContent()).toBe('用户名或密码错误。');
      expect(await card.getAttribute('data-step')).toBe('password');
    }
  });

  it('starts in Chinese, switches to English, and remembers the choice across a reload', async () => {
    const session = await sessions.open();
    const { page } = session;
    const meta = await fetchMeta(origin);
    await signIn(page, 'leader');

    await page.getByRole('menuitem', { name: '区域' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('menuitem', { name: '民情事项' }).isVisible()).toBe(true);
    if (meta.district) {
      expect(await page.getByTestId('district-name').textContent()).toBe(meta.district.name);
    }
    if (meta.demo) {
      expect(await page.getByTestId('demo-tag').textContent()).toBe('注意: 演示数据');
    }

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Regions' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('menuitem', { name: '区域' }).count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('minqing.locale'))).toBe('en');

    await page.reload();
    await page.getByRole('menuitem', { name: 'Households' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // An explicit ?lang= wins over the remembered choice.
    await page.goto('/?lang=zh-CN');
    await page.getByRole('menuitem', { name: '住户' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('shows the territory of the signed-in user and its counts on the dashboard', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [meta, roots] = await Promise.all([fetchMeta(origin), leader.regions()]);
    await page.goto('/');

    // The demo leader's scope is one street: the dashboard is titled by it, not by the district.
    const title = roots.length === 1 ? roots[0]?.name : meta.district?.name;
    expect(roots[0]?.level).toBe('street');
    expect(title).toBeTruthy();
    await page
      .getByTestId('dashboard-title')
      .getByText(title ?? '', { exact: true })
      .waitFor();
    const households = roots.reduce((n, r) => n + r.householdCount, 0);
    const enterprises = roots.reduce((n, r) => n + r.enterpriseCount, 0);
    const figure = (key: string) =>
      page.getByTestId(`figure-${key}`).locator('.ant-statistic-content').textContent();
    await page.getByTestId('figure-households').waitFor();
    expect(await figure('households')).toBe(households.toLocaleString('zh-CN'));
    expect(await figure('enterprises')).toBe(enterprises.toLocaleString('zh-CN'));
    // Communities and grids, counted here by walking the API down to the community level.
    let frontier = roots;
    let communities = 0;
    let grids = 0;
    while (frontier.length > 0) {
      communities += frontier.filter((r) => r.level === 'community').length;
      grids += frontier.filter((r) => r.level === 'community').reduce((n, r) => n + r.childCount, 0);
      const above = frontier.filter(
        (r) => (r.level === 'district' || r.level === 'street') && r.childCount > 0,
      );
      frontier = (await Promise.all(above.map((r) => leader.regions(r.id)))).flat();
    }
    expect(communities).toBeGreaterThan(0);
    expect(await figure('communities')).toBe(communities.toLocaleString('zh-CN'));
    expect(await figure('grids')).toBe(grids.toLocaleString('zh-CN'));
  });

  it('leaves modules not built yet out of the menu, says so at their address, and follows the browser history', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    await page.getByTestId('dashboard-title').waitFor();
    await page.getByRole('menuitem', { name: '首页' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '统计' }).count()).toBe(0);
    await page.goto('/figures');
    await page.getByText('「统计」模块即将上线').waitFor();
    expect(new URL(page.url()).pathname).toBe('/figures');

    await page.goBack();
    await page.getByTestId('dashboard-title').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('offers only the modules the roles allow, and says so for one typed in by hand', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'worker2');
    await page.getByRole('menuitem', { name: '住户' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '系统' }).count()).toBe(0);
    await page.goto('/admin');
    await page.getByText('没有访问权限').waitFor();

    // The user menu names the user and their roles with the area each covers.
    const worker = await ApiSession.signIn(origin, runAccounts(), 'worker2');
    const me = await worker.me();
    await page.getByTestId('user-menu').click();
    expect(await page.getByTestId('user-menu-identity').textContent()).toContain(me.displayName);
    const roles = await page.getByTestId('user-role').allTextContents();
    expect(roles).toEqual(me.roles.map((grant) => `网格员 · ${grant.scopeName}`));
  });

  it("folds a leader's assessment modules, and opens the administration area on its one section: exports", async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    // The assessment modules fold under one entry, so the menu fits a screen; it opens on demand.
    expect(await page.getByRole('menuitem', { name: '督查' }).isVisible()).toBe(false);
    await page.getByRole('menuitem', { name: '考核评价' }).click();
    await page.getByRole('menuitem', { name: '督查' }).click();
    await page.waitForURL((url) => url.pathname === '/supervision');
    await page.getByRole('menuitem', { name: '系统' }).click();
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.getByRole('menuitem', { name: '数据导出' }).count()).toBe(1);
    expect(await page.getByRole('menuitem', { name: '账号管理' }).count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByText('没有访问权限').waitFor();
  });

  it('serves the app for an unknown client route, and problem+json 404 for an unknown /api path', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(200);
    await page.getByText('页面不存在').waitFor();
    expect(await page.getByRole('menuitem', { name: '首页' }).isVisible()).toBe(true);

    const api = await fetch(`${origin}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(await api.json());
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', messageKey: 'errors.notFound' });
  });

  it('sends the user back to sign-in when the server ends the session under the page', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    await page.getByTestId('dashboard-title').waitFor();
    // The home page has finished loading (its headline figures too) before the session ends.
    await page.getByTestId('headline-received').waitFor();
    await page.evaluate(() => localStorage.setItem('minqing.cached', 'x'));
    // The same session, revoked from outside the page (as an administrator or an idle timeout would).
    const accounts = runAccounts();
    const leader = await ApiSession.signIn(origin, accounts, 'leader');
    expect((await leader.post('/api/v1/auth/logout', {})).status).toBe(204);
    accounts.forgetSession('leader');

    session.allowApiError(401, '/api/v1/regions');
    const refused = page.waitForResponse((r) => r.url().startsWith(`${origin}/api/v1/regions`));
    await page.getByRole('menuitem', { name: '区域' }).click();
    expect((await refused).status()).toBe(401);
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe('登录已超时，请重新登录。');
    expect(await page.getByRole('menuitem').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('minqing.cached'))).toBeNull();
    // The address stays, so signing in again shows the page that was asked for.
    expect(new URL(page.url()).pathname).toBe('/regions');
    await signIn(page, 'leader', { path: '/regions' });
    await page.getByRole('heading', { name: '区域' }).waitFor();
  });

  it('moves the navigation into a drawer on a phone', async () => {
    const session = await sessions.open(PHONE);
    const { page } = session;
    await signIn(page, 'leader', { path: '/?lang=en' });
    await page.getByRole('button', { name: 'Open navigation menu' }).click();
    await page.getByRole('menuitem', { name: 'Regions' }).click();
    await page.getByRole('heading', { name: 'Regions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/regions');
  });
});
