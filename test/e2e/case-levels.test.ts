import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { caseDetailSchema } from '../../src/shared/domain/case.ts';
import { departmentListSchema } from '../../src/shared/domain/department.ts';
import { createdVisitSchema } from '../../src/shared/domain/visit.ts';
import { chooseOption, chooseRadio } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { actOnCase, offeredActions, openCasePage } from './support/case-page.ts';
import { runAccounts } from './support/sign-in.ts';

/**
 * Levels as the practice has them (docs/specs/workflow.md "Levels"), in the browser: a problem a
 * grid worker raises on a visit (a forum in the grid, recorded through the API) is the community's;
 * the community dispatcher passes it to the street; the street summons two departments (吹哨),
 * which report in; the street passes it to the district; the district dispatcher dispatches it; it
 * is replied, rated and closed; and the case page shows each level it passed.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

const walk = { id: '', office: { id: '', name: '' }, bureau: { id: '', name: '' } };

const openCase = async (username: string, options?: Parameters<typeof sessions.open>[0]) =>
  (await openCasePage(sessions, username, walk.id, options)).page;

const levelsShown = (page: Page) =>
  page
    .getByTestId('case-levels')
    .locator('[data-testid^="case-level-"]')
    .evaluateAll((tags) => tags.map((t) => t.textContent));

const act = (page: Page, action: string, fill?: (form: Locator) => Promise<void>) =>
  actOnCase(page, walk.id, action, fill);

const reason = (text: string) => async (form: Locator) => {
  await form.getByTestId('case-action-text').fill(text);
};

/** Picks an option of an antd select inside the action form by typing part of its label. */
const choose = (select: Locator, label: string) => chooseOption(select, label, { type: label.slice(0, 4) });

describe('a case passes community → street → district', () => {
  it('worker1 raises a problem on a visit: the case is taken in at the community', async () => {
    // The visit itself through the API (recording one in the field app is field.test.ts's part).
    const worker1Api = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const [community] = await worker1Api.regions();
    if (!community) throw new Error('worker1 has no community');
    const [grid] = await worker1Api.regions(community.id);
    if (!grid) throw new Error('the community has no grid');
    const marker = `e2e-levels-${Date.now() % 1_000_000}`;
    const res = await worker1Api.post(
      '/api/v1/visits',
      {
        form: 'forum',
        target: { type: 'forum', regionId: grid.id, placeName: '楼道议事点', attendance: 8 },
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        endedAt: new Date(Date.now() - 1_800_000).toISOString(),
        notes: `入户走访 ${marker}`,
        issues: [
          {
            title: `小区雨污管道破裂 ${marker}`,
            description: '雨污管道破裂外溢，涉及多个部门',
            kind: 'help',
          },
        ],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    if (res.status !== 201) throw new Error(`visit: ${res.status} ${await res.text()}`);
    const [created] = createdVisitSchema.parse(await res.json()).cases;
    if (!created) throw new Error('the visit raised no case');
    walk.id = created.id;

    // The worker sees it on the case page, taken in at the community.
    const page = await openCase('worker1', PHONE);
    expect(await levelsShown(page)).toEqual(['社区']);
    const c = caseDetailSchema.parse(await (await worker1Api.get(`/api/v1/cases/${walk.id}`)).json());
    expect([c.state, c.level, c.intakeLevel, c.channel]).toEqual(['submitted', 0, 0, 'visit']);

    const dispatcher = await ApiSession.signIn(origin, runAccounts(), 'dispatcher');
    const departments = departmentListSchema.parse(
      await (await dispatcher.get('/api/v1/departments')).json(),
    ).items;
    const street = (await dispatcher.me()).roles[0]?.scopeRegionId;
    const office = departments.find((d) => d.code.endsWith('-urban') && d.regionId === street);
    const bureau = departments.find((d) => d.code === 'law_enforcement');
    if (!office || !bureau) throw new Error('the demo departments are missing');
    walk.office = { id: office.id, name: office.name };
    walk.bureau = { id: bureau.id, name: bureau.name };
  });

  it('the community dispatcher accepts it and, unable to solve it, escalates it to the street', async () => {
    const page = await openCase('cdispatcher');
    expect(await levelsShown(page)).toEqual(['社区']);
    await act(page, 'accept');
    // Summoning departments is not the community's act.
    expect(await offeredActions(page)).not.toContain('whistle');
    const after = await act(page, 'escalate', reason('涉及城管、执法多个部门，社区无法协调'));
    expect(after).toMatchObject({ level: 1, state: 'accepted' });
    // Below the street now, the community dispatcher can only read it.
    await page.locator('[data-testid="case-page"][data-state="accepted"]').waitFor();
    expect(await offeredActions(page)).not.toContain('dispatch');
    expect(await levelsShown(page)).toEqual(['社区', '街道']);
  });

  it('the street whistles two departments (吹哨)', async () => {
    const page = await openCase('dispatcher');
    expect(await offeredActions(page)).toEqual(expect.arrayContaining(['whistle', 'escalate', 'dispatch']));
    const after = await act(page, 'whistle', async (form) => {
      await choose(form.getByTestId('case-action-lead'), walk.office.name);
      await choose(form.getByTestId('case-action-assist'), walk.bureau.name);
    });
    const byRole = [...after.tasks].sort((a, b) => Number(a.role !== 'lead') - Number(b.role !== 'lead'));
    expect(byRole.map((t) => [t.departmentName, t.role, t.doneAt])).toEqual([
      [walk.office.name, 'lead', null],
      [walk.bureau.name, 'assist', null],
    ]);
  });

  it('each summoned department reports in (报到)', async () => {
    for (const [username, name] of [
      ['handler', walk.office.name],
      ['handler2', walk.bureau.name],
    ] as const) {
      const page = await openCase(username);
      expect(await offeredActions(page)).toEqual(['complete_task']);
      if (username === 'handler') {
        // OK on an empty form: the form says what is missing and stays open, nothing is sent.
        await page.getByTestId('case-action-button-complete_task').click();
        await page.locator('#case-action-ok').click();
        await page
          .getByTestId('case-action-complete_task')
          .locator('.ant-form-item-explain-error')
          .first()
          .waitFor();
        await page.keyboard.press('Escape');
        await page.getByTestId('case-action-complete_task').waitFor({ state: 'detached' });
      }
      const after = await act(page, 'complete_task', async (form) => {
        await choose(form.getByTestId('case-action-task'), name);
        await form.getByTestId('case-action-text').fill(`${name}已到场会商处置方案`);
      });
      expect(after.tasks.find((t) => t.departmentName === name)?.doneAt).not.toBeNull();
    }
  });

  it('the street escalates it to the district', async () => {
    const page = await openCase('dispatcher');
    const after = await act(page, 'escalate', reason('管网改造需区级统筹资金'));
    expect(after).toMatchObject({ level: 2, state: 'accepted', openTasks: 0 });
    await page.locator('[data-testid="case-page"][data-state="accepted"]').waitFor();
    expect(await offeredActions(page)).not.toContain('dispatch');
  });

  it('the district dispatcher dispatches it to the law enforcement bureau', async () => {
    const page = await openCase('ddispatcher');
    expect(await levelsShown(page)).toEqual(['社区', '街道', '区级']);
    const after = await act(page, 'dispatch', async (form) => {
      await chooseOption(form.getByTestId('unit-picker-department'), walk.bureau.name, { type: '综合行政' });
    });
    expect(after.unit).toEqual({ kind: 'department', id: walk.bureau.id, name: walk.bureau.name });
  });

  it('the bureau signs and replies', async () => {
    const page = await openCase('handler2');
    expect((await act(page, 'sign')).state).toBe('in_progress');
    expect((await act(page, 'reply', reason('已完成管道更换并清理现场'))).state).toBe('replied');
  });

  it('worker1 approves the reply and the resident is satisfied: closed, every level on the case page', async () => {
    const page = await openCase('worker1', PHONE);
    expect((await act(page, 'approve_reply')).state).toBe('follow_up');
    const closed = await act(page, 'rate', async (form) => {
      await chooseRadio(form, '满意');
    });
    expect(closed.state).toBe('closed');
    expect(closed.levelsPassed.map((s) => s.level)).toEqual([0, 1, 2]);
    await page.locator('[data-testid="case-page"][data-state="closed"]').waitFor();
    expect(await levelsShown(page)).toEqual(['社区', '街道', '区级']);
    const timeline = await page
      .getByTestId('case-event')
      .evaluateAll((events) => events.map((e) => e.getAttribute('data-action')));
    expect(timeline).toEqual([
      'submit',
      'accept',
      'escalate',
      'whistle',
      'complete_task',
      'complete_task',
      'escalate',
      'dispatch',
      'sign',
      'reply',
      'approve_reply',
      'rate',
    ]);
    // Closed, the case can be proposed as an example from its page: the write-up opens.
    await page.getByTestId('propose-example').click();
    await page.waitForURL(/\/examples\/[0-9a-f-]{36}$/);
  });
});
