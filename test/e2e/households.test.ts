import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { HouseholdDetail } from '../../src/shared/domain/household.ts';
import { userListSchema } from '../../src/shared/domain/user.ts';
import { createdVisitSchema } from '../../src/shared/domain/visit.ts';
import { pickTreeNode } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn, signOut } from './support/sign-in.ts';

const origin = inject('origin');
const SCREENSHOT = path.join(ROOT, 'test-results', 'household.png');
const sessions = registerBrowserSessions(origin);

const ID_MASKED = /^\d{4}\*+[\dX]{4}$/;
const PHONE_MASKED = /^\d{3}\*{4}\d{4}$/;

const apiResponse = (page: Page, pathname: string) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() !== 'OPTIONS');

describe('signing in and the households of a grid worker', () => {
  it('enrols an authenticator at the first sign-in, signs out, and signs in again with a code', async () => {
    // Other files may have signed the street's supervisor in already: the security administrator
    // resets its authenticator, so this sign-in is a first one whatever order the files run in.
    const accounts = runAccounts();
    const secadmin = await ApiSession.signIn(origin, accounts, 'secadmin');
    const found = userListSchema.parse(await (await secadmin.get('/api/v1/users?q=supervisor')).json());
    const supervisor = found.items.find((u) => u.username === 'supervisor');
    if (!supervisor) throw new Error('the demo supervisor is missing');
    const reset = await secadmin.post(`/api/v1/users/${supervisor.id}/reset-totp`, {});
    expect(reset.status).toBe(200);
    accounts.update('supervisor', ({ password }) => (password ? { password } : {}));

    const session = await sessions.open();
    const { page, context } = session;
    const first = await signIn(page, 'supervisor', { fresh: true });
    expect(first.steps.filter((s) => s !== 'done')).toEqual(['password', 'enroll', 'recoveryCodes']);
    expect(first.qrSrc).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(first.recoveryCodes.length).toBeGreaterThanOrEqual(8);
    for (const code of first.recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4,}-[0-9a-z]{4,}$/);

    const me = await (await ApiSession.signIn(origin, runAccounts(), 'supervisor')).me();
    expect(await page.getByTestId('user-menu').textContent()).toContain(me.displayName);
    await page.getByRole('menuitem', { name: '住户' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '系统' }).count()).toBe(0);

    // Leave traces that signing out must wipe, next to the language choice that it keeps.
    await page.getByText('English', { exact: true }).click();
    await page.getByText('中文', { exact: true }).click();
    await page.evaluate(() => {
      localStorage.setItem('minqing.lastSearch', '幸福里');
      sessionStorage.setItem('minqing.scratch', 'x');
    });
    await signOut(page, 'supervisor');
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe('您已安全退出登录。');
    expect(new URL(page.url()).pathname).toBe('/');
    const stored = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
    }));
    expect(stored).toEqual({ local: ['minqing.locale'], session: [] });
    expect((await context.cookies(origin)).filter((c) => c.name === 'mq_session')).toEqual([]);

    // Again: the password, then a code from the authenticator (a later time step than enrolment's).
    const second = await signIn(page, 'supervisor', { fresh: true });
    expect(second.steps.filter((s) => s !== 'done')).toEqual(['password', 'totp']);
    await page.getByTestId('dashboard-title').waitFor();
  });

  it('browses from its community in the tree to a household, masked, and unmasks a phone with a reason', async () => {
    const session = await sessions.open({ viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signIn(page, 'worker1');
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const me = await worker1.me();
    const scopeId = me.roles[0]?.scopeRegionId;
    const roots = await worker1.regions();
    // A grid worker's tree starts at their community and has nothing beside it.
    expect(roots.map((r) => r.id)).toEqual([scopeId]);
    const community = roots[0];
    if (!community) throw new Error('worker1 has no community');
    expect(community.level).toBe('community');

    await page.goto('/regions');
    const row = page.locator(`[data-region-id="${community.id}"]`);
    await row.waitFor();
    expect(await page.locator('[data-region-id]').count()).toBe(1);

    // The community's household list, paged by the server's cursor.
    const firstPage = apiResponse(page, '/api/v1/households');
    await row.getByTestId('region-households-link').click();
    expect((await firstPage).status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('regionId')).toBe(community.id);
    expect(await page.getByTestId('households-title').textContent()).toContain(community.name);
    const expected = await worker1.households({ regionId: community.id, limit: '20' });
    expect(expected.total).toBeGreaterThan(0);
    const codes = () => page.getByTestId('household-link').allTextContents();
    await page.getByTestId('household-link').first().waitFor();
    expect(await codes()).toEqual(expected.items.map((h) => h.code));
    expect(await page.getByTestId('households-paging').textContent()).toContain(
      `共 ${expected.total.toLocaleString('zh-CN')} 户`,
    );
    // Numbered pages: page 2 from the paging bar, then the last one through jump-to-page.
    const pages = Math.ceil(expected.total / 20);
    const listAnswer = (param: string, value: string) =>
      page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === '/api/v1/households' &&
          new URL(r.url()).searchParams.get(param) === value,
      );
    const paging = page.getByTestId('households-paging');
    if (pages > 1) {
      const second = await worker1.households({ regionId: community.id, limit: '20', page: '2' });
      const secondPage = listAnswer('page', '2');
      await paging.getByTitle('2', { exact: true }).click();
      expect((await secondPage).status()).toBe(200);
      await page.getByText(second.items[0]?.code ?? '', { exact: true }).waitFor();
      expect(await codes()).toEqual(second.items.map((h) => h.code));
      expect(new URL(page.url()).searchParams.get('page')).toBe('2');
      const last = await worker1.households({ regionId: community.id, limit: '20', page: String(pages) });
      const jumper = paging.locator('.ant-pagination-options-quick-jumper input');
      const lastPage = listAnswer('page', String(pages));
      await jumper.fill(String(pages));
      await jumper.press('Enter');
      expect((await lastPage).status()).toBe(200);
      await page.getByText(last.items[0]?.code ?? '', { exact: true }).waitFor();
      expect(await codes()).toEqual(last.items.map((h) => h.code));
    }

    // A grid of the community, picked in the region filter, narrows the list (back to page 1).
    const grid = (await worker1.regions(community.id))[0];
    if (!grid) throw new Error('the community has no grid');
    const inGrid = await worker1.households({ regionId: grid.id, limit: '20' });
    const gridAnswer = listAnswer('regionId', grid.id);
    await pickTreeNode(
      page.getByTestId('households-region-filter').locator('.ant-select'),
      [community.name],
      grid.name,
    );
    expect((await gridAnswer).status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('regionId')).toBe(grid.id);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await page.getByText(inGrid.items[0]?.code ?? '', { exact: true }).waitFor();
    expect(await codes()).toEqual(inGrid.items.map((h) => h.code));
    expect(await page.getByTestId('households-total').textContent()).toBe(
      `共 ${inGrid.total.toLocaleString('zh-CN')} 户`,
    );

    // A household with a member who has a phone on record, chosen through the API.
    let household: HouseholdDetail | undefined;
    for (const item of expected.items) {
      const detail = await worker1.household(item.id);
      if (detail.members.some((m) => m.phoneMasked)) {
        household = detail;
        break;
      }
    }
    if (!household) throw new Error('no household on the first page has a phone on record');
    const member = household.members.find((m) => m.phoneMasked);
    if (!member?.phoneMasked) throw new Error('unreachable');
    expect(household.actions).toContain('unmask');

    const detailLoaded = apiResponse(page, `/api/v1/households/${household.id}`);
    await page.goto(`/households/${household.id}`);
    expect((await detailLoaded).status()).toBe(200);
    await page.getByTestId('household-title').waitFor();
    expect(await page.getByTestId('household-title').textContent()).toBe(household.address);
    const breadcrumb = await page.getByTestId('household-breadcrumb').textContent();
    for (const region of household.regionPath) expect(breadcrumb).toContain(region.name);

    const memberRow = page.locator(`tr[data-row-key="${member.id}"]`);
    const phone = memberRow.getByTestId('member-phone');
    const idNumber = memberRow.getByTestId('member-id_number');
    expect(await phone.textContent()).toBe(member.phoneMasked);
    expect(await phone.textContent()).toMatch(PHONE_MASKED);
    if (member.idNumberMasked) expect(await idNumber.textContent()).toMatch(ID_MASKED);
    for (const text of await page.getByTestId('member-id_number').allTextContents()) {
      expect(text).toMatch(ID_MASKED);
    }

    // Unmasking asks for a reason, sends it, and shows the full number in place.
    await memberRow.getByTestId('unmask-phone').click();
    const modal = page.locator('.ant-modal');
    await modal.getByText('联系住户').click();
    const unmasked = page.waitForResponse((r) => r.url().endsWith(`/members/${member.id}/unmask`));
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const answer = await unmasked;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ field: 'phone', reason: '联系住户' });
    await memberRow.locator('[data-testid="member-phone"][data-revealed="true"]').waitFor();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    const full = (await phone.textContent()) ?? '';
    expect(full).toMatch(/^1\d{10}$/);
    expect(full.slice(0, 3)).toBe(member.phoneMasked.slice(0, 3));
    expect(full.slice(-4)).toBe(member.phoneMasked.slice(-4));
    // The ID number stays masked: one field at a time.
    if (member.idNumberMasked) expect(await idNumber.textContent()).toBe(member.idNumberMasked);

    await page.mouse.move(0, 0);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    // Leaving the page hides it again.
    await page
      .getByTestId('household-breadcrumb')
      .getByRole('link', { name: community.name, exact: true })
      .click();
    await page.getByTestId('households-title').waitFor();
    await page.goBack();
    await page.getByTestId('household-title').waitFor();
    await memberRow.getByTestId('member-phone').waitFor();
    expect(await memberRow.getByTestId('member-phone').textContent()).toBe(member.phoneMasked);

    // The household's page lists its visits and its cases, each linking to its own page: first an
    // earlier visit that raised twenty, so the case list has a second page.
    const countOf = async (list: string) =>
      (
        (await (await worker1.get(`/api/v1/${list}?householdId=${household.id}&limit=1`)).json()) as {
          total: number;
        }
      ).total;
    const casesBefore = await countOf('cases');
    const visitsBefore = await countOf('visits');
    const cases = casesBefore + 21;
    const visits = visitsBefore + 2;
    const earlier = await worker1.post(
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household.id },
        startedAt: new Date(Date.now() - 7_200_000).toISOString(),
        endedAt: new Date(Date.now() - 6_000_000).toISOString(),
        notes: '入户走访，住户反映多处设施问题',
        issues: Array.from({ length: 20 }, (_, n) => ({
          title: `设施问题 ${n + 1}`,
          description: '住户反映小区设施需要维修。',
          kind: 'help',
        })),
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(earlier.status).toBe(201);
    const recorded = await worker1.post(
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household.id },
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        endedAt: new Date(Date.now() - 1_800_000).toISOString(),
        notes: '入户走访',
        issues: [{ title: '楼道灯不亮', description: '住户反映楼道灯坏了一周。', kind: 'help' }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(recorded.status).toBe(201);
    const visit = createdVisitSchema.parse(await recorded.json());
    const raised = visit.cases[0];
    if (!raised) throw new Error('the visit raised no case');
    await page.reload();
    await page.getByTestId('history-visits').locator(`a[href="/visits/${visit.id}"]`).waitFor();
    const caseLink = page.getByTestId('history-cases').locator(`a[href="/cases/${raised.id}"]`);
    await caseLink.waitFor();
    expect(await page.getByTestId('history-cases').textContent()).toContain(`显示最近 20 条，共 ${cases} 条`);
    await caseLink.click();
    await page.getByTestId('case-title').waitFor();
    expect(await page.getByTestId('case-title').textContent()).toContain('楼道灯不亮');

    // "See all": the diary and the case list narrowed to the household, which a chip names.
    await page.goBack();
    await page.getByTestId('history-all-visits').click();
    const visitChip = page.getByTestId('visits-target-record-filter');
    await visitChip.waitFor();
    expect(await visitChip.textContent()).toContain(household.address);
    expect(new URL(page.url()).searchParams.get('householdId')).toBe(household.id);
    await page.locator(`[data-testid="visit-link"][href="/visits/${visit.id}"]`).waitFor();
    expect(await page.getByTestId('visit-link').count()).toBe(Math.min(visits, 20));
    expect(await page.getByTestId('visits-total').textContent()).toBe(`共 ${visits} 条`);
    await page.goBack();
    await page.getByTestId('history-all-cases').click();
    const caseChip = page.getByTestId('cases-target-filter');
    await caseChip.waitFor();
    expect(await caseChip.textContent()).toContain(household.address);
    await page.locator(`[data-testid="case-link"][data-case-id="${raised.id}"]`).waitFor();
    expect(await page.getByTestId('case-link').count()).toBe(20);
    // More than twenty cases: page 2 holds the rest, the chip still names the household.
    expect(await page.getByTestId('cases-total').textContent()).toBe(`共 ${cases} 件`);
    const isCaseList = (r: { url: () => string }) => new URL(r.url()).pathname === '/api/v1/cases';
    const second = page.waitForResponse(
      (r) => isCaseList(r) && new URL(r.url()).searchParams.get('page') === '2',
    );
    await page.getByTestId('cases-paging').getByTitle('2', { exact: true }).click();
    expect((await second).status()).toBe(200);
    await page
      .locator('[data-testid="case-link"]')
      .nth(Math.min(cases - 20, 20))
      .waitFor({ state: 'detached' });
    expect(await page.getByTestId('case-link').count()).toBe(Math.min(cases - 20, 20));
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await caseChip.textContent()).toContain(household.address);

    // Closing the chip lifts the filter and starts again from page 1.
    const whole = page.waitForResponse(
      (r) => isCaseList(r) && !new URL(r.url()).searchParams.has('householdId'),
    );
    await caseChip.locator('.ant-tag-close-icon').click();
    const wholeList = (await (await whole).json()) as { total: number };
    expect(new URL(page.url()).searchParams.has('page')).toBe(false);
    await caseChip.waitFor({ state: 'detached' });
    expect(await page.getByTestId('cases-total').textContent()).toBe(
      `共 ${wholeList.total.toLocaleString('zh-CN')} 件`,
    );
  });

  it("shows not-found for a household of another grid worker's community, as the API answers 404", async () => {
    const session = await sessions.open();
    const { page } = session;
    const accounts = runAccounts();
    const worker2 = await ApiSession.signIn(origin, accounts, 'worker2');
    const theirs = (await worker2.households({ limit: '1' })).items[0];
    if (!theirs) throw new Error('worker2 sees no household');
    const worker1 = await ApiSession.signIn(origin, accounts, 'worker1');
    expect((await worker1.get(`/api/v1/households/${theirs.id}`)).status).toBe(404);

    await signIn(page, 'worker1');
    session.allowApiError(404, `/api/v1/households/${theirs.id}`);
    const answer = apiResponse(page, `/api/v1/households/${theirs.id}`);
    await page.goto(`/households/${theirs.id}`);
    expect((await answer).status()).toBe(404);
    await page.getByText('页面不存在').waitFor();
    expect(await page.getByText(theirs.address).count()).toBe(0);
  });
});
