import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  type EnterpriseDetail,
  enterpriseDetailSchema,
  enterpriseListSchema,
} from '../../src/shared/domain/enterprise.ts';
import { creditCodeCheckChar } from '../../src/shared/validation/credit-code.ts';
import { chooseOption, pickTreeNode } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

const SCREENSHOTS = path.join(ROOT, 'test-results');
const PHONE_MASKED = /^\d{3}\*{4}\d{4}$/;
const LIAISON_NAME = '企业陪跑员（演示）';

const apiResponse = (page: Page, pathname: string, method = 'GET') =>
  page.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() === method);

async function list(session: ApiSession, query: Record<string, string> = {}) {
  const response = await session.get(`/api/v1/enterprises?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return enterpriseListSchema.parse(await response.json());
}

async function detail(session: ApiSession, id: string): Promise<EnterpriseDetail> {
  const response = await session.get(`/api/v1/enterprises/${id}`);
  expect(response.status).toBe(200);
  return enterpriseDetailSchema.parse(await response.json());
}

/** The same code with another (so wrong) check character. */
const wrongCheckChar = (code: string) => {
  const right = creditCodeCheckChar(code.slice(0, 17));
  return code.slice(0, 17) + (right === '0' ? '1' : '0');
};

describe('enterprises', () => {
  it('lets a grid worker browse enterprises, see the contact masked, and edit an address (a wrong credit code is refused)', async () => {
    const session = await sessions.open({ viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signIn(page, 'worker1');
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const expected = await list(worker1, { limit: '20' });
    expect(expected.total).toBeGreaterThan(1);
    expect(expected.actions).toEqual(['create']);

    const loaded = apiResponse(page, '/api/v1/enterprises');
    await page.locator('.ant-menu').getByRole('link', { name: '企业', exact: true }).click();
    expect((await loaded).status()).toBe(200);
    await page.getByTestId('enterprise-link').first().waitFor();
    expect(await page.getByTestId('enterprise-link').allTextContents()).toEqual(
      expected.items.map((e) => e.name),
    );
    expect(await page.getByTestId('enterprises-paging').textContent()).toContain(
      `共 ${expected.total.toLocaleString('zh-CN')} 家`,
    );
    expect(await page.getByTestId('enterprise-create').isVisible()).toBe(true);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enterprises.png'), fullPage: true });

    const [target, other] = expected.items;
    if (!target || !other) throw new Error('worker1 sees fewer than two enterprises');
    const before = await detail(worker1, target.id);
    expect(before.contactPhoneMasked).toMatch(PHONE_MASKED);
    expect(before.actions).toEqual(['edit', 'remove', 'unmask']);

    const opened = apiResponse(page, `/api/v1/enterprises/${target.id}`);
    await page.getByTestId('enterprise-link').filter({ hasText: target.name }).first().click();
    expect((await opened).status()).toBe(200);
    expect(await page.getByTestId('enterprise-title').textContent()).toBe(target.name);
    const breadcrumb = await page.getByTestId('enterprise-breadcrumb').textContent();
    for (const region of before.regionPath) expect(breadcrumb).toContain(region.name);
    expect(await page.getByTestId('contact-phone').textContent()).toBe(before.contactPhoneMasked);
    expect(await page.getByTestId('enterprise-assign').count()).toBe(0);

    await page.getByTestId('enterprise-edit').click();
    const form = page.getByTestId('enterprise-form');
    await form.waitFor();
    const code = page.getByTestId('credit-code-input');
    expect(await code.inputValue()).toBe(target.creditCode);

    // A wrong check character is caught in the form; nothing is sent.
    let patches = 0;
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches++;
    });
    await code.fill(wrongCheckChar(target.creditCode).toLowerCase());
    await page.getByTestId('address-input').click();
    await form.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
    await page.getByTestId('enterprise-save').click();
    await form.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
    expect(patches).toBe(0);

    // Another enterprise's code: the server refuses it (409) and the form says why.
    session.allowApiError(409, `/api/v1/enterprises/${target.id}`);
    await code.fill(other.creditCode);
    const refused = apiResponse(page, `/api/v1/enterprises/${target.id}`, 'PATCH');
    await page.getByTestId('enterprise-save').click();
    expect((await refused).status()).toBe(409);
    await form.getByText('该统一社会信用代码已有企业登记（含已移除的企业）').waitFor();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enterprise-edit.png') });

    // Back to its own code and a new address: only the address is sent.
    const address = `${before.address}（东门）`;
    await code.fill(target.creditCode);
    await page.getByTestId('address-input').fill(address);
    const saved = apiResponse(page, `/api/v1/enterprises/${target.id}`, 'PATCH');
    await page.getByTestId('enterprise-save').click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ address });
    await page.getByTestId('enterprise-form').waitFor({ state: 'detached' });
    expect(await page.getByTestId('enterprise-address').textContent()).toBe(address);
    const after = await detail(worker1, target.id);
    expect(after).toMatchObject({ address, creditCode: target.creditCode });
    expect(await page.getByTestId('contact-phone').textContent()).toBe(before.contactPhoneMasked);
  });

  it('lets a grid worker record a new enterprise in a grid of their community', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'worker1');
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const [community] = await worker1.regions();
    if (!community) throw new Error('worker1 has no community');
    const [grid] = await worker1.regions(community.id);
    if (!grid) throw new Error('the community has no grid');
    const body = `91330109MAE2E${String(Date.now() % 10_000).padStart(4, '0')}`;
    const code = body + creditCodeCheckChar(body);

    await page.goto('/enterprises');
    await page.getByTestId('enterprise-create').click();
    const form = page.getByTestId('enterprise-form');
    await form.waitFor();
    await pickTreeNode(page.getByTestId('enterprise-grid-select'), [community.name], grid.name);
    await form.getByLabel('企业名称').fill('杭州端到端测试科技有限公司');
    await page.getByTestId('credit-code-input').fill(code.toLowerCase());
    await page.getByTestId('address-input').fill('萧山区宁围街道测试路1号');
    await form.getByLabel('联系电话').fill('13900002222');
    const created = apiResponse(page, '/api/v1/enterprises', 'POST');
    await page.getByTestId('enterprise-save').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      gridId: grid.id,
      name: '杭州端到端测试科技有限公司',
      creditCode: code,
      address: '萧山区宁围街道测试路1号',
      tags: [],
      contactPhone: '13900002222',
    });
    const id = enterpriseDetailSchema.parse(await answer.json()).id;
    await page.waitForURL(`**/enterprises/${id}`);
    expect(await page.getByTestId('enterprise-title').textContent()).toBe('杭州端到端测试科技有限公司');
    expect(await page.getByTestId('contact-phone').textContent()).toBe('139****2222');
    expect((await detail(worker1, id)).gridId).toBe(grid.id);
  });

  it("lets a leader assign the demo liaison to an enterprise, shown on the detail and in the liaison's list", async () => {
    const session = await sessions.open(PHONE);
    const { page } = session;
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const unassigned = (await list(leader, { limit: '100' })).items.find((e) => e.liaisonName === null);
    if (!unassigned) throw new Error('every enterprise on the first page already has a liaison');

    const opened = apiResponse(page, `/api/v1/enterprises/${unassigned.id}`);
    await page.goto(`/enterprises/${unassigned.id}`);
    expect((await opened).status()).toBe(200);
    expect(await page.getByTestId('enterprise-liaison').textContent()).toBe('未指派');
    expect(await page.getByTestId('enterprise-edit').count()).toBe(0);

    const candidates = apiResponse(page, `/api/v1/enterprises/${unassigned.id}/liaison-candidates`);
    await page.getByTestId('enterprise-assign').click();
    expect((await candidates).status()).toBe(200);
    const modal = page.getByTestId('liaison-modal');
    await chooseOption(modal.locator('.ant-select'), LIAISON_NAME);
    const assigned = apiResponse(page, `/api/v1/enterprises/${unassigned.id}/liaison`, 'PUT');
    await page.getByTestId('liaison-confirm').click();
    const answer = await assigned;
    expect(answer.status()).toBe(200);
    const liaison = await ApiSession.signIn(origin, runAccounts(), 'liaison');
    const me = await liaison.me();
    expect(answer.request().postDataJSON()).toEqual({ userId: me.id });
    await page.getByTestId('liaison-modal').waitFor({ state: 'detached' });
    expect(await page.getByTestId('enterprise-liaison').textContent()).toBe(LIAISON_NAME);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enterprise-phone.png'), fullPage: true });

    expect((await detail(leader, unassigned.id)).liaisonName).toBe(LIAISON_NAME);
    const mine = await list(liaison, { liaison: 'me', q: unassigned.creditCode });
    expect(mine.items.map((e) => e.id)).toEqual([unassigned.id]);

    // After a reload the page shows what the server has.
    await page.reload();
    await page.getByTestId('enterprise-title').waitFor();
    expect(await page.getByTestId('enterprise-liaison').textContent()).toBe(LIAISON_NAME);
  });
});
