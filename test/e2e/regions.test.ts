import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const SCREENSHOT = path.join(ROOT, 'test-results', 'regions.png');

const sessions = registerBrowserSessions(origin);

describe('the Regions page', () => {
  it("shows the signed-in user's part of the hierarchy and loads children when a node is expanded", async () => {
    // Tall enough for the expanded demo street, so the screenshot shows the whole tree.
    const session = await sessions.open({ viewport: { width: 1280, height: 1000 } });
    const { page } = session;
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const roots = await leader.regions();
    const top = roots[0];
    if (!top) throw new Error('the leader sees no region');
    const children = await leader.regions(top.id);
    const child = children[0];
    if (!child) throw new Error(`${top.name} has no region below it`);
    const grandchildren = await leader.regions(child.id);

    await page.goto('/regions');
    const row = (id: string) => page.locator(`[data-region-id="${id}"]`);
    const switcher = (id: string) =>
      page
        .locator('.ant-tree-treenode', { has: row(id) })
        .locator('.ant-tree-switcher')
        .first();

    await row(top.id).waitFor();
    // The leader's scope is the street: it is the top of the tree, with nothing beside it.
    expect(await page.locator('[data-region-id]').count()).toBe(roots.length);
    expect(await row(top.id).textContent()).toContain(top.name);
    expect(await row(top.id).textContent()).toContain('街道');
    expect(await row(top.id).textContent()).toContain(`住户 ${top.householdCount.toLocaleString('zh-CN')}`);
    expect(await row(child.id).count()).toBe(0);

    // Expanding asks the server for the children, and they appear.
    const childrenOfTop = page.waitForResponse(
      (r) => r.url() === `${origin}/api/v1/regions?parentId=${top.id}`,
    );
    await switcher(top.id).click();
    expect((await childrenOfTop).status()).toBe(200);
    await row(child.id).waitFor();
    expect(await row(child.id).textContent()).toContain(child.name);
    expect(await row(child.id).textContent()).toContain('社区');
    // A community links to its households.
    expect(await row(child.id).getByTestId('region-households-link').count()).toBe(1);

    const childrenOfChild = page.waitForResponse(
      (r) => r.url() === `${origin}/api/v1/regions?parentId=${child.id}`,
    );
    await switcher(child.id).click();
    expect((await childrenOfChild).status()).toBe(200);
    for (const grandchild of grandchildren) {
      await row(grandchild.id).waitFor();
      expect(await row(grandchild.id).textContent()).toContain(grandchild.name);
    }

    await page.mouse.move(0, 0);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });
});
