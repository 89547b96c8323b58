import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { caseDetailSchema, createdCaseSchema } from '../../src/shared/domain/case.ts';
import { departmentListSchema } from '../../src/shared/domain/department.ts';
import { chooseOption, chooseRadio, pickTreeNode } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { actOnCase, apiResponse, offeredActions, openCasePage } from './support/case-page.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

/** What the walk carries from one role's turn to the next. */
const walk = { id: '', number: '', title: '', office: '' };
const names: Record<string, string> = {};

async function displayName(username: string): Promise<string> {
  names[username] ??= (await (await ApiSession.signIn(origin, runAccounts(), username)).me()).displayName;
  return names[username];
}

/** Signs `username` in (reusing the run's session) and opens the walk's case page. */
const openCase = (username: string, options?: Parameters<typeof sessions.open>[0]) =>
  openCasePage(sessions, username, walk.id, options);

const state = (page: Page) => page.getByTestId('case-page').getAttribute('data-state');

const act = (page: Page, action: string, fill?: (form: Locator) => Promise<void>) =>
  actOnCase(page, walk.id, action, fill);

const text = (value: string) => async (form: Locator) => {
  await form.getByTestId('case-action-text').fill(value);
};

describe('one case from a resident to closing, through every role', () => {
  it('worker1 records a visit for a resident of their grid on a phone and lands on the case page', async () => {
    const session = await sessions.open(PHONE);
    const { page } = session;
    await signIn(page, 'worker1');
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const [community] = await worker1.regions();
    if (!community) throw new Error('worker1 has no community');
    const [grid] = await worker1.regions(community.id);
    if (!grid) throw new Error('the community has no grid');
    walk.title = `楼道堆放杂物 e2e ${Date.now() % 100_000}`;

    await page.goto('/cases');
    await page.getByTestId('case-create').click();
    const form = page.getByTestId('case-form');
    await form.waitFor();
    await form.getByLabel('标题').fill(walk.title);
    await form.getByLabel('诉求内容').fill('三号楼二单元楼道堆放大量杂物，影响通行和消防安全。');
    await pickTreeNode(page.getByTestId('case-form-region'), [community.name], grid.name);
    await form.getByLabel('详细地址').fill('三号楼二单元');
    await form.getByLabel('姓名').fill('张阿姨');
    await form.getByLabel('手机号').fill('13812345678');
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const created = apiResponse(page, '/api/v1/cases', 'POST');
    await page.getByTestId('case-form-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.request().postDataJSON()).toMatchObject({
      channel: 'visit',
      title: walk.title,
      regionId: grid.id,
      reporter: { type: 'resident', name: '张阿姨', phone: '13812345678' },
    });
    const body = createdCaseSchema.parse(await answer.json());
    walk.id = body.id;
    walk.number = body.number;
    await page.waitForURL(`**/cases/${body.id}`);
    await page.locator('[data-testid="case-page"][data-state="submitted"]').waitFor();
    expect(await page.getByTestId('case-number').textContent()).toBe(body.number);
    expect(await page.getByTestId('case-first-responder').textContent()).toBe(await displayName('worker1'));
    // The worker owns the feedback but does not dispatch.
    expect(await offeredActions(page)).not.toContain('accept');
  });

  it('the dispatcher finds it in the queue, accepts it and dispatches it to the street urban office', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'dispatcher');
    const dispatcher = await ApiSession.signIn(origin, runAccounts(), 'dispatcher');
    const street = (await dispatcher.me()).roles[0]?.scopeRegionId;
    const departments = departmentListSchema.parse(
      await (await dispatcher.get('/api/v1/departments')).json(),
    );
    const office = departments.items.find((d) => d.code.endsWith('-urban') && d.regionId === street);
    if (!office) throw new Error("no urban office for the dispatcher's street");
    walk.office = office.name;

    await page.goto('/cases');
    await page.getByTestId('case-table').waitFor();
    const searched = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/cases' &&
        new URL(r.url()).searchParams.get('q') === walk.number,
    );
    const search = page.getByPlaceholder('搜索编号或标题');
    await search.fill(walk.number);
    await search.press('Enter');
    expect((await searched).status()).toBe(200);
    const row = page.locator(`[data-testid="case-link"][data-case-id="${walk.id}"]`);
    await row.waitFor();
    const opened = apiResponse(page, `/api/v1/cases/${walk.id}`);
    await row.click();
    expect((await opened).status()).toBe(200);
    await page.getByTestId('case-page').waitFor();
    expect(await offeredActions(page)).toEqual(expect.arrayContaining(['accept', 'reject', 'merge']));

    let detail = await act(page, 'accept');
    expect(detail.state).toBe('accepted');
    detail = await act(page, 'dispatch', async (form) => {
      await chooseOption(
        form.getByTestId('unit-picker-department'),
        `${office.name}（${office.regionName}）`,
        {
          type: '城市管理',
        },
      );
    });
    expect(detail.state).toBe('dispatched');
    expect(detail.unit).toEqual({ kind: 'department', id: office.id, name: office.name });
    expect(await page.getByTestId('case-unit').textContent()).toBe(office.name);
    expect(await page.getByTestId('case-clocks').textContent()).toContain('签收时限');
  });

  it('the handler finds it in the unit inbox and returns it with a reason', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'handler');
    const inbox = apiResponse(page, '/api/v1/cases');
    await page.goto('/cases');
    const listed = await inbox;
    expect(new URL(listed.url()).searchParams.get('view')).toBe('inbox');
    await page.locator(`[data-testid="case-link"][data-case-id="${walk.id}"]`).click();
    await page.getByTestId('case-page').waitFor();
    expect(await offeredActions(page)).toEqual(expect.arrayContaining(['sign', 'return']));
    const detail = await act(page, 'return', async (form) => {
      await chooseRadio(form, '非本单位职责');
      await form.getByTestId('case-action-text').fill('楼道管理属物业，非本办职责');
    });
    expect(detail.state).toBe('returned');
  });

  it('the dispatcher refuses the return', async () => {
    const { page } = await openCase('dispatcher');
    const detail = await act(page, 'refuse_return', text('楼道堆物影响消防通道，属城市管理职责'));
    expect(detail.state).toBe('dispatched');
  });

  it('the handler signs, records the first contact and asks for an extension', async () => {
    const { page } = await openCase('handler');
    expect((await act(page, 'sign')).state).toBe('in_progress');
    await act(page, 'first_contact', text('已电话联系张阿姨，约定明日上门查看'));
    const detail = await act(page, 'request_extension', async (form) => {
      await form.getByRole('spinbutton').fill('3');
      await form.getByTestId('case-action-text').fill('需协调物业和消防部门共同清运');
    });
    expect(detail.extensionPending).toBe(true);
    expect(await page.getByTestId('case-extensions').textContent()).toContain('待审批');
  });

  it('the dispatcher approves the extension, moving the handling deadline', async () => {
    const { page } = await openCase('dispatcher');
    const before = Number(await page.getByTestId('case-page').getAttribute('data-version'));
    const detail = await act(page, 'approve_extension');
    expect(detail.version).toBe(before + 1);
    expect(detail.extensionPending).toBe(false);
    expect(await page.getByTestId('case-extensions').textContent()).toContain('已批准');
  });

  it('the handler replies', async () => {
    const { page } = await openCase('handler');
    expect((await act(page, 'reply', text('已会同物业清理楼道杂物'))).state).toBe('replied');
  });

  it('worker1 approves the reply and records an unsatisfied follow-up: reopened, and nobody may close it', async () => {
    const session = await openCase('worker1');
    const { page } = session;
    expect((await act(page, 'approve_reply')).state).toBe('follow_up');
    const detail = await act(page, 'rate', async (form) => {
      await chooseRadio(form, '不满意');
      await form.getByTestId('case-action-note').fill('杂物仍未清理干净');
    });
    expect(detail.state).toBe('reopened');
    expect(detail.reopenCount).toBe(1);
    expect(await state(page)).toBe('reopened');
    expect(await page.getByTestId('case-reopened').textContent()).toContain('1');
    const actions = await offeredActions(page);
    for (const close of ['rate', 'close_override', 'close_unreachable', 'cancel'])
      expect(actions).not.toContain(close);

    // Even sent by hand, a satisfied rating of the reopened case is refused and changes nothing.
    const path = `/api/v1/cases/${walk.id}/rate`;
    session.allowApiError(409, path);
    const status = await page.evaluate(
      async ({ path, version }) =>
        (
          await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
            body: JSON.stringify({ rating: 'satisfied' }),
          })
        ).status,
      { path, version: detail.version },
    );
    expect(status).toBe(409);
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const after = caseDetailSchema.parse(await (await worker1.get(`/api/v1/cases/${walk.id}`)).json());
    expect(after.state).toBe('reopened');
    expect(after.version).toBe(detail.version);
  });

  it('the dispatcher may not close it either, and re-handles it (复号)', async () => {
    const session = await openCase('dispatcher');
    const { page } = session;
    const actions = await offeredActions(page);
    expect(actions).toContain('rehandle');
    expect(actions).not.toContain('close_override');
    const version = Number(await page.getByTestId('case-page').getAttribute('data-version'));
    const path = `/api/v1/cases/${walk.id}/close-override`;
    session.allowApiError(403, path);
    const status = await page.evaluate(
      async ({ path, version }) =>
        (
          await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
            body: JSON.stringify({ reason: '强行结案' }),
          })
        ).status,
      { path, version },
    );
    expect(status).toBe(403);
    const detail = await act(page, 'rehandle');
    expect(detail.state).toBe('in_progress');
    expect(detail.unit?.name).toBe(walk.office);
  });

  it('the handler replies again', async () => {
    const { page } = await openCase('handler');
    expect((await act(page, 'reply', text('已全部清运完毕并加装监控'))).state).toBe('replied');
  });

  it('worker1 approves and records a satisfied follow-up on a phone: closed, with every step on the timeline', async () => {
    const { page } = await openCase('worker1', PHONE);
    await act(page, 'approve_reply');
    const detail = await act(page, 'rate', async (form) => {
      await chooseRadio(form, '满意');
    });
    expect(detail.state).toBe('closed');
    // An ended case is only ever reclassified (its figures by category stay right).
    expect(await offeredActions(page)).toEqual(['classify']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const worker = await displayName('worker1');
    const dispatcher = await displayName('dispatcher');
    const handler = await displayName('handler');
    const timeline = await page
      .getByTestId('case-event')
      .evaluateAll((events) =>
        events.map((e) => [e.getAttribute('data-action'), e.getAttribute('data-actor')]),
      );
    expect(timeline).toEqual([
      ['submit', worker],
      ['accept', dispatcher],
      ['dispatch', dispatcher],
      ['return', handler],
      ['refuse_return', dispatcher],
      ['sign', handler],
      ['first_contact', handler],
      ['request_extension', handler],
      ['approve_extension', dispatcher],
      ['reply', handler],
      ['approve_reply', worker],
      ['rate', worker],
      ['rehandle', dispatcher],
      ['reply', handler],
      ['approve_reply', worker],
      ['rate', worker],
    ]);
    const lines = await page.getByTestId('case-timeline').textContent();
    expect(lines).toContain('退回原因：非本单位职责');
    expect(lines).toContain('评价：不满意');
    expect(lines).toContain('评价：满意');
    expect(lines).toContain(`承办单位：${walk.office}`);
    expect(lines).toContain('答复：已全部清运完毕并加装监控');
  });
});

describe("the dispatcher's workbench", () => {
  it('bulk-accepts selected cases with a result per case, and keeps a saved view', async () => {
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const [community] = await worker1.regions();
    if (!community) throw new Error('worker1 has no community');
    const [grid] = await worker1.regions(community.id);
    if (!grid) throw new Error('the community has no grid');
    const tag = `批量e2e${Date.now() % 100_000}`;
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const res = await worker1.post('/api/v1/cases', {
        channel: 'walk_in',
        kind: 'help',
        title: `${tag} 路灯不亮 ${n}`,
        description: '小区路灯不亮，晚上出行不便。',
        regionId: grid.id,
        reporter: { type: 'anonymous' },
      });
      expect(res.status).toBe(201);
      ids.push(createdCaseSchema.parse(await res.json()).id);
    }

    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'dispatcher');
    await page.goto('/cases');
    await page.getByTestId('case-table').waitFor();
    const search = page.getByPlaceholder('搜索编号或标题');
    const searched = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/cases' && new URL(r.url()).searchParams.get('q') === tag,
    );
    await search.fill(tag);
    await search.press('Enter');
    expect((await searched).status()).toBe(200);
    for (const id of ids) await page.locator(`[data-testid="case-link"][data-case-id="${id}"]`).waitFor();
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(2);
    // The date boxes say which end of the range they are.
    await page.getByPlaceholder('登记日期起').waitFor();
    await page.getByPlaceholder('登记日期止').waitFor();
    // On a 1366-px screen the whole row fits the card, the next deadline and the checkboxes included.
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect
      .poll(() =>
        page
          .getByTestId('case-table')
          .locator('.ant-table-content')
          .evaluate((el) => el.scrollWidth - el.clientWidth),
      )
      .toBeLessThanOrEqual(0);

    // Someone accepts the first case meanwhile: the page still shows the version before.
    const [first, second] = ids as [string, string];
    const accepted = await page.evaluate(
      async (id) =>
        (
          await fetch(`/api/v1/cases/${id}/accept`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'if-match': '"1"' },
            body: '{}',
          })
        ).status,
      first,
    );
    expect(accepted).toBe(200);

    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    expect(await page.getByTestId('case-bulk-bar').textContent()).toContain('已选 2 件');
    const bulk = apiResponse(page, '/api/v1/cases/bulk', 'POST');
    await page.getByTestId('case-bulk-accept').click();
    const answer = await bulk;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({
      action: 'accept',
      cases: expect.arrayContaining([
        { id: first, version: 1 },
        { id: second, version: 1 },
      ]),
    });
    await page.getByTestId('case-bulk-results').waitFor();
    const results = page.getByTestId('case-bulk-result');
    expect(await results.count()).toBe(2);
    expect(await page.locator('[data-testid="case-bulk-result"][data-ok="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid="case-bulk-result"][data-ok="false"]').textContent()).toContain(
      '失败',
    );
    const dispatcher = await ApiSession.signIn(origin, runAccounts(), 'dispatcher');
    for (const id of ids) {
      const detail = caseDetailSchema.parse(await (await dispatcher.get(`/api/v1/cases/${id}`)).json());
      expect(detail.state).toBe('accepted');
      expect(detail.events.filter((e) => e.action === 'accept')).toHaveLength(1);
    }

    // The search saved under a name comes back after a reload.
    const name = `视图${tag}`;
    await page.getByRole('button', { name: /保存当前筛选/ }).click();
    await page.getByPlaceholder('如：本周超期').fill(name);
    const saved = apiResponse(page, '/api/v1/case-views', 'POST');
    await page.getByPlaceholder('如：本周超期').press('Enter');
    expect((await saved).status()).toBe(201);
    // The filters live in the address: open the bare list again, so picking the view changes it.
    await page.goto('/cases');
    await page.getByTestId('case-table').waitFor();
    const picked = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/cases' && new URL(r.url()).searchParams.get('q') === tag,
    );
    await page.getByTestId('case-saved-views').locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: name }).click();
    expect((await picked).status()).toBe(200);
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(2);

    // Each list is a view of its own: the problems list (where a new case goes by default) keeps
    // the search, asks the server for that list only, and survives a reload through the address.
    const listed = (listType: string) =>
      page.waitForResponse((r) => {
        const url = new URL(r.url());
        return (
          url.pathname === '/api/v1/cases' &&
          url.searchParams.get('listType') === listType &&
          url.searchParams.get('q') === tag
        );
      });
    const problems = listed('problem');
    await page.getByTestId('case-list-problem').click();
    expect((await problems).status()).toBe(200);
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('listType')).toBe('problem');
    const needs = listed('need');
    await page.getByTestId('case-list-need').click();
    expect((await needs).status()).toBe(200);
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(0);
    const again = listed('need');
    await page.reload();
    expect((await again).status()).toBe(200);
    await page.getByTestId('case-table').waitFor();

    // A dispatcher takes calls at the desk: a case they record starts on the 12345 hotline.
    await page.goto('/cases/new');
    await page
      .getByTestId('case-form')
      .locator('.ant-select-content-has-value', { hasText: '12345 热线' })
      .waitFor();
  });
});
