import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { type CategoryList, categoryListSchema } from '../../src/shared/domain/category.ts';
import { type DepartmentList, departmentListSchema } from '../../src/shared/domain/department.ts';
import type { RegionNode } from '../../src/shared/domain/region.ts';
import { chooseOption } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

const apiResponse = (page: Page, pathname: string, method: string) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() === method);

const screenshot = async (page: Page, name: string) => {
  const file = path.join(ROOT, 'test-results', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
};

/**
 * Chooses an action in a tree node's menu. Waits for the tree's expand animation to end first: it
 * renders the rows anew when it finishes, which would close a menu opened meanwhile. Closed menus
 * stay in the page, hidden, so the item is looked up in the open one.
 */
async function chooseAction(page: Page, regionId: string, action: string): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-tree-treenode-motion').length === 0);
  await page.locator(`[data-region-id="${regionId}"]`).getByTestId('region-actions').click();
  await page
    .locator('.ant-dropdown:not(.ant-dropdown-hidden)')
    .getByTestId(`region-action-${action}`)
    .click();
}

const householdsText = (n: number) => `住户 ${n.toLocaleString('zh-CN')}`;

describe('the organisation editor', () => {
  it('finds a grid by search, moves it to another community, and both communities count again', async () => {
    const { page } = await sessions.open({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, 'sysadmin');
    const api = await ApiSession.signIn(origin, runAccounts(), 'sysadmin');
    const [district] = await api.regions();
    const [street] = await api.regions(district?.id);
    const communities = (await api.regions(street?.id)) as RegionNode[];
    let from: RegionNode | undefined;
    let grid: RegionNode | undefined;
    for (const community of communities) {
      grid = (await api.regions(community.id)).find(
        (g) => g.householdCount > 0 && g.actions.includes('move'),
      );
      if (grid) {
        from = community;
        break;
      }
    }
    const to = communities.find((c) => c.id !== from?.id);
    if (!from || !grid || !to)
      throw new Error('the demo street needs two communities and a grid with households');

    await page.goto('/regions');
    const row = (id: string) => page.locator(`[data-region-id="${id}"]`);
    await row(district?.id as string).waitFor();

    // Search for the grid by name: the hit shows where it is, and choosing it opens the tree to it.
    await page.getByTestId('region-search').locator('input').fill(grid.name);
    await page.getByTestId('region-search').locator('input').press('Enter');
    const hit = page.locator(`[data-hit-id="${grid.id}"]`);
    await hit.waitFor();
    expect(await hit.textContent()).toContain(from.name);
    await hit.getByTestId('region-search-hit').click();
    await row(grid.id).waitFor();
    expect(await row(from.id).textContent()).toContain(householdsText(from.householdCount));

    // Move it with its menu: the dialog offers the street's other communities.
    await chooseAction(page, grid.id, 'move');
    await page.getByTestId('move-modal').waitFor();
    await chooseOption(page.getByTestId('move-target'), to.name);
    const moved = apiResponse(page, `/api/v1/regions/${grid.id}/move`, 'POST');
    await page.getByTestId('move-confirm').click();
    expect((await moved).status()).toBe(200);

    // The tree fetches the loaded levels again: the grid left one community's count for the other's.
    const fromAfter = from.householdCount - grid.householdCount;
    const toAfter = to.householdCount + grid.householdCount;
    await page.waitForFunction(
      ([id, text]) =>
        document.querySelector(`[data-region-id="${id}"]`)?.textContent?.includes(text as string),
      [from.id, householdsText(fromAfter)],
    );
    expect(await row(to.id).textContent()).toContain(householdsText(toAfter));
    const after = await api.regions(street?.id);
    expect(after.find((c) => c.id === from?.id)?.householdCount).toBe(fromAfter);
    expect(after.find((c) => c.id === to.id)?.householdCount).toBe(toAfter);
    expect((await api.regions(to.id)).map((g) => g.id)).toContain(grid.id);
    await screenshot(page, 'regions-moved.png');

    // Put it back for the other browser tests.
    const back = await api.post(`/api/v1/regions/${grid.id}/move`, { parentId: from.id });
    expect(back.status).toBe(200);
  });

  it('adds a grid below a community, renames it and deletes it from the tree', async () => {
    const { page } = await sessions.open({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, 'sysadmin');
    const api = await ApiSession.signIn(origin, runAccounts(), 'sysadmin');
    const [district] = await api.regions();
    const [street] = await api.regions(district?.id);
    const [community] = await api.regions(street?.id);
    if (!community) throw new Error('the demo street has no community');
    const code = `${community.code}-E${Date.now().toString(36)}`;
    const row = (id: string) => page.locator(`[data-region-id="${id}"]`);

    await page.goto('/regions');
    await page.getByTestId('region-search').locator('input').fill(community.name);
    await page.getByTestId('region-search').locator('input').press('Enter');
    await page.locator(`[data-hit-id="${community.id}"]`).getByTestId('region-search-hit').click();
    await row(community.id).waitFor();

    await chooseAction(page, community.id, 'create-child');
    await page.getByTestId('region-code').fill(code);
    await page.getByTestId('region-name').fill('端到端测试网格');
    const created = apiResponse(page, '/api/v1/regions', 'POST');
    await page.getByTestId('region-form-save').click();
    const grid = (await (await created).json()) as RegionNode;
    expect(grid).toMatchObject({ code, level: 'grid', parentId: community.id });
    await row(grid.id).waitFor();

    await chooseAction(page, grid.id, 'rename');
    await page.getByTestId('region-name').fill('端到端测试网格（改）');
    const renamed = apiResponse(page, `/api/v1/regions/${grid.id}`, 'PATCH');
    await page.getByTestId('region-form-save').click();
    expect((await renamed).status()).toBe(200);
    await page.waitForFunction(
      ([id]) => document.querySelector(`[data-region-id="${id}"]`)?.textContent?.includes('（改）'),
      [grid.id],
    );

    await chooseAction(page, grid.id, 'delete');
    const deleted = apiResponse(page, `/api/v1/regions/${grid.id}`, 'DELETE');
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    expect((await deleted).status()).toBe(204);
    await row(grid.id).waitFor({ state: 'detached' });
    expect((await api.regions(community.id)).map((g) => g.id)).not.toContain(grid.id);
  });

  it("changes a category's handling department in /admin/categories", async () => {
    const { page } = await sessions.open();
    await signIn(page, 'sysadmin');
    const api = await ApiSession.signIn(origin, runAccounts(), 'sysadmin');
    const departments: DepartmentList = departmentListSchema.parse(
      await (await api.get('/api/v1/departments')).json(),
    );
    const before: CategoryList = categoryListSchema.parse(await (await api.get('/api/v1/categories')).json());
    const stalls = before.items.find((c) => c.code === 'urban_stalls');
    const market = departments.items.find((d) => d.code === 'market_regulation');
    if (!stalls || !market) throw new Error('the demo taxonomy needs urban_stalls and market regulation');
    expect(stalls.departmentId).not.toBe(market.id);

    await page.goto('/admin/categories');
    const categoryRow = page.locator('tr', { has: page.locator('[data-category-code="urban_stalls"]') });
    await categoryRow.waitFor();
    // No owner of its own: it shows the department it inherits from 城市管理.
    expect(await categoryRow.getByTestId('category-owner').textContent()).toContain('沿用上级');

    await categoryRow.getByTestId('category-edit').click();
    await page.getByTestId('category-form').waitFor();
    // Type to narrow the list (it is virtual: far options are not rendered), then choose.
    await chooseOption(page.getByTestId('category-department'), market.name, { type: market.name });
    await page.waitForFunction(
      ([name]) =>
        document.querySelector('[data-testid="category-form"]')?.textContent?.includes(name as string),
      [market.name],
    );
    const saved = apiResponse(page, `/api/v1/categories/${stalls.id}`, 'PATCH');
    await page.getByTestId('category-save').click();
    expect((await saved).status()).toBe(200);

    await page.waitForFunction(
      ([name]) =>
        [...document.querySelectorAll('tr')].some(
          (tr) =>
            tr.querySelector('[data-category-code="urban_stalls"]') &&
            tr.querySelector('[data-testid="category-owner"]')?.textContent === name,
        ),
      [market.name],
    );
    await screenshot(page, 'categories.png');
    const after = categoryListSchema.parse(await (await api.get('/api/v1/categories')).json());
    expect(after.items.find((c) => c.id === stalls.id)?.departmentId).toBe(market.id);
  });

  it('lists the departments on a phone, each with its edit button in reach', async () => {
    const { page } = await sessions.open(PHONE);
    await signIn(page, 'sysadmin');
    const api = await ApiSession.signIn(origin, runAccounts(), 'sysadmin');
    const departments = departmentListSchema.parse(await (await api.get('/api/v1/departments')).json());
    await page.goto('/admin/departments');
    const table = page.getByTestId('departments-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(departments.items.length);
    const law = departments.items.find((d) => d.code === 'law_enforcement');
    const lawRow = table.locator('tbody tr.ant-table-row', { hasText: law?.name ?? '?' });
    await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning').length === 0);
    await screenshot(page, 'departments-phone.png');
    // On a phone the name, the status and the edit button fit without scrolling sideways.
    expect(await lawRow.textContent()).toContain('启用');
    const edit = await lawRow.getByTestId('department-edit').boundingBox();
    expect((edit?.x ?? 1000) + (edit?.width ?? 0)).toBeLessThanOrEqual(390);
    expect(await page.getByTestId('department-create').isVisible()).toBe(true);
  });
});
