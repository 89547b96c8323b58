import { describe, expect, inject, it } from 'vitest';
import { problemSchema } from '../../src/shared/errors/problem.ts';
import { fetchMeta, fetchRegions } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('the shell', () => {
  it('starts in Chinese, switches to English, and remembers the choice across a reload', async () => {
    const session = await sessions.open();
    const { page } = session;
    const meta = await fetchMeta(origin);
    await page.goto('/');

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
    await page.getByRole('menuitem', { name: 'Households & enterprises' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // An explicit ?lang= wins over the remembered choice.
    await page.goto('/?lang=zh-CN');
    await page.getByRole('menuitem', { name: '住户与企业' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('shows the territory and its counts on the dashboard', async () => {
    const session = await sessions.open();
    const { page } = session;
    const [meta, roots] = await Promise.all([fetchMeta(origin), fetchRegions(origin)]);
    await page.goto('/');

    const title = meta.district?.name ?? roots[0]?.name;
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
      frontier = (await Promise.all(above.map((r) => fetchRegions(origin, r.id)))).flat();
    }
    expect(communities).toBeGreaterThan(0);
    expect(await figure('communities')).toBe(communities.toLocaleString('zh-CN'));
    expect(await figure('grids')).toBe(grids.toLocaleString('zh-CN'));
  });

  it('marks modules that are not built yet as coming, and follows the browser history', async () => {
    const session = await sessions.open();
    const { page } = session;
    await page.goto('/');
    await page.getByRole('menuitem', { name: '民情事项' }).click();
    await page.getByText('「民情事项」模块即将上线').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases');

    await page.goBack();
    await page.getByTestId('dashboard-title').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('serves the app for an unknown client route, and problem+json 404 for an unknown /api path', async () => {
    const session = await sessions.open();
    const { page } = session;
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

  it('moves the navigation into a drawer on a phone', async () => {
    const session = await sessions.open({ viewport: { width: 390, height: 844 }, isMobile: true });
    const { page } = session;
    await page.goto('/?lang=en');
    await page.getByRole('button', { name: 'Open navigation menu' }).click();
    await page.getByRole('menuitem', { name: 'Regions' }).click();
    await page.getByRole('heading', { name: 'Regions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/regions');
  });
});
