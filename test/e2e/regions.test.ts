import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { fetchRegions } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';

const origin = inject('origin');
const SCREENSHOT = path.join(ROOT, 'test-results', 'regions.png');

const sessions = registerBrowserSessions(origin);

describe('the Regions page', () => {
  it('shows the demo hierarchy and loads children from the server when a node is expanded', async () => {
    // Tall enough for the expanded demo street, so the screenshot shows the whole tree.
    const session = await sessions.open({ viewport: { width: 1280, height: 1000 } });
    const { page } = session;
    const roots = await fetchRegions(origin);
    const top = roots[0];
    if (!top) throw new Error('the demo has no top-level region');
    const streets = await fetchRegions(origin, top.id);
    const street = streets[0];
    if (!street) throw new Error('the demo district has no street');
    const communities = await fetchRegions(origin, street.id);

    await page.goto('/regions');
    const row = (id: string) => page.locator(`[data-region-id="${id}"]`);
    const switcher = (id: string) =>
      page
        .locator('.ant-tree-treenode', { has: row(id) })
        .locator('.ant-tree-switcher')
        .first();

    await row(top.id).waitFor();
    expect(await row(top.id).textContent()).toContain(top.name);
    expect(await row(top.id).textContent()).toContain('区县');
    expect(await row(top.id).textContent()).toContain(`住户 ${top.householdCount.toLocaleString('zh-CN')}`);
    expect(await row(street.id).count()).toBe(0);

    // Expanding asks the server for the children, and they appear.
    const childrenOfTop = page.waitForResponse(
      (r) => r.url() === `${origin}/api/v1/regions?parentId=${top.id}`,
    );
    await switcher(top.id).click();
    expect((await childrenOfTop).status()).toBe(200);
    await row(street.id).waitFor();
    expect(await row(street.id).textContent()).toContain(street.name);
    expect(await row(street.id).textContent()).toContain('街道');

    const childrenOfStreet = page.waitForResponse(
      (r) => r.url() === `${origin}/api/v1/regions?parentId=${street.id}`,
    );
    await switcher(street.id).click();
    expect((await childrenOfStreet).status()).toBe(200);
    for (const community of communities) {
      await row(community.id).waitFor();
      expect(await row(community.id).textContent()).toContain(community.name);
    }

    await page.mouse.move(0, 0);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
