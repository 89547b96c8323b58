import { describe, expect, inject, it } from 'vitest';
import { type CaseDetail, caseDetailSchema, createdCaseSchema } from '../../src/shared/domain/case.ts';
import { departmentListSchema } from '../../src/shared/domain/department.ts';
import { casesZh } from '../../src/shared/i18n/features/cases.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { offeredActions, openCasePage } from './support/case-page.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/**
 * The case page offers each role exactly the actions the server lists for it, in several states;
 * and the dispatcher's queue gives the title room on an ordinary desktop screen.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const ROLES = ['dispatcher', 'handler', 'handler2', 'worker1', 'supervisor', 'leader'] as const;
/** With the first community's dispatcher, below the street that holds the cases here. */
type Username = (typeof ROLES)[number] | 'cdispatcher';

const api = (username: Username) => ApiSession.signIn(origin, runAccounts(), username);

async function read(username: Username, id: string): Promise<CaseDetail | null> {
  const res = await (await api(username)).get(`/api/v1/cases/${id}`);
  return res.status === 200 ? caseDetailSchema.parse(await res.json()) : null;
}

async function act(username: Username, id: string, action: string, body: object): Promise<void> {
  const current = (await read('dispatcher', id)) as CaseDetail;
  const res = await (await api(username)).post(`/api/v1/cases/${id}/${action.replaceAll('_', '-')}`, body, {
    'if-match': `"${current.version}"`,
  });
  if (res.status !== 200) throw new Error(`${action} by ${username}: ${res.status} ${await res.text()}`);
}

/** The street's urban office, the district's law enforcement bureau, another department, and a way to raise cases. */
async function caseWorld() {
  const worker1 = await api('worker1');
  const dispatcher = await api('dispatcher');
  const [community] = await worker1.regions();
  if (!community) throw new Error('worker1 has no community');
  const [grid] = await worker1.regions(community.id);
  if (!grid) throw new Error('the community has no grid');
  const street = (await dispatcher.me()).roles[0]?.scopeRegionId;
  const departments = departmentListSchema.parse(await (await dispatcher.get('/api/v1/departments')).json());
  const office = departments.items.find((d) => d.code.endsWith('-urban') && d.regionId === street);
  const bureau = departments.items.find((d) => d.code === 'law_enforcement');
  const other = departments.items.find((d) => d.active && d.id !== office?.id && d.id !== bureau?.id);
  if (!office || !bureau || !other) throw new Error('the demo departments are missing');

  const newCase = async (title: string) => {
    const res = await worker1.post('/api/v1/cases', {
      channel: 'hotline_12345', // taken in at the street, which may whistle
      kind: 'complaint',
      urgency: 'ordinary',
      title,
      description: `${title}：按钮与服务端提供的操作一致`,
      regionId: grid.id,
      reporter: { type: 'resident', name: '赵六', phone: '13900003333' },
    });
    if (res.status !== 201) throw new Error(`new case: ${res.status} ${await res.text()}`);
    return createdCaseSchema.parse(await res.json()).id;
  };
  return { office, bureau, other, newCase };
}

/** What the page should say for a reason, from the zh-CN catalogue (the browser's language). */
function expectedReason(u: CaseDetail['unavailableActions'][number]): RegExp | string {
  const zh = casesZh.cases;
  if (u.reason === 'wrong_state') return new RegExp((u.states ?? []).map((s) => zh.states[s]).join('.*'));
  if (u.reason === 'held_above') return zh.unavailable.reasons.held_above[u.level as 0 | 1 | 2];
  const { held_above: _byLevel, ...reasons } = zh.unavailable.reasons;
  const texts: Record<string, string> = { ...zh.guards, ...reasons };
  const text = texts[u.reason] ?? '';
  return text.replace('{{count}}', String(u.count)).replace('{{needed}}', String(u.needed));
}

describe('what the case page offers, per role', () => {
  it('shows every role exactly the actions the server offers it, for a case dispatched, summoned and replied', async () => {
    const { office, bureau, newCase } = await caseWorld();
    const stamp = Date.now() % 100_000;
    // Dispatched to the street's urban office.
    const dispatched = await newCase(`井盖松动 ${stamp}`);
    await act('dispatcher', dispatched, 'accept', {});
    await act('dispatcher', dispatched, 'dispatch', { unit: { departmentId: office.id } });
    // In progress at the office, with the district bureau summoned to lead (街乡吹哨).
    const summoned = await newCase(`占道经营 ${stamp}`);
    await act('dispatcher', summoned, 'accept', {});
    await act('dispatcher', summoned, 'dispatch', { unit: { departmentId: office.id } });
    await act('handler', summoned, 'sign', {});
    await act('dispatcher', summoned, 'whistle', { leadDepartmentId: bureau.id });
    // Replied by the office, waiting for the first responder.
    const replied = await newCase(`路灯不亮 ${stamp}`);
    await act('dispatcher', replied, 'accept', {});
    await act('dispatcher', replied, 'dispatch', { unit: { departmentId: office.id } });
    await act('handler', replied, 'sign', {});
    await act('handler', replied, 'reply', { reply: '已更换灯泡' });

    const seen: Partial<Record<Username, Record<string, string[] | null>>> = {};
    for (const username of ROLES) {
      const session = await sessions.open(DESKTOP);
      const { page } = session;
      await signIn(page, username);
      for (const id of [dispatched, summoned, replied]) {
        const server = await read(username, id);
        seen[username] = { ...seen[username], [id]: server?.actions ?? null };
        if (!server) continue;
        await page.goto(`/cases/${id}`);
        await page.locator(`[data-testid="case-page"][data-version="${server.version}"]`).waitFor();
        expect({ username, id, buttons: (await offeredActions(page)).sort() }).toEqual({
          username,
          id,
          buttons: [...server.actions].sort(),
        });
      }
      session.expectClean();
      await session.close();
    }
    // The summoned bureau reports in and does nothing else; the office is not offered reporting in.
    expect(seen.handler2?.[summoned]).toEqual(['complete_task']);
    expect(seen.handler?.[summoned]).not.toContain('complete_task');
    expect(seen.handler?.[summoned]).toEqual(expect.arrayContaining(['first_contact', 'request_extension']));
    expect(seen.handler?.[dispatched]).toEqual(expect.arrayContaining(['sign', 'return']));
    expect(seen.worker1?.[replied]).toEqual(expect.arrayContaining(['approve_reply', 'send_back']));
  }, 600_000);

  it('every case action not offered on the case page shows its reason', async () => {
    const { office, bureau, other, newCase } = await caseWorld();
    // In progress at the office, two departments summoned and neither reported in yet.
    const id = await newCase(`违规户外广告 ${Date.now() % 100_000}`);
    await act('dispatcher', id, 'accept', {});
    await act('dispatcher', id, 'dispatch', { unit: { departmentId: office.id } });
    await act('handler', id, 'sign', {});
    await act('dispatcher', id, 'whistle', { leadDepartmentId: bureau.id, assistDepartmentIds: [other.id] });

    for (const username of ['handler', 'dispatcher', 'cdispatcher'] as const) {
      const server = (await read(username, id)) as CaseDetail;
      expect(server.unavailableActions.length).toBeGreaterThan(0);
      const session = await openCasePage(sessions, username, id, DESKTOP);
      const { page } = session;
      await page.locator(`[data-testid="case-page"][data-version="${server.version}"]`).waitFor();
      // Actions that only wait for another state are folded away: open them to read each reason.
      const folded = page.getByTestId('case-unavailable-folded');
      if ((await folded.count()) > 0) await folded.locator('summary').click();
      const shown = await page
        .locator('[data-testid="case-unavailable"] [data-reason]')
        .evaluateAll((items) =>
          items.map(
            (i) =>
              `${i.getAttribute('data-testid')?.replace('case-unavailable-', '')}:${i.getAttribute('data-reason')}`,
          ),
        );
      expect(shown.sort()).toEqual(server.unavailableActions.map((u) => `${u.action}:${u.reason}`).sort());
      for (const u of server.unavailableActions) {
        const item = page.getByTestId(`case-unavailable-${u.action}`);
        const row = page.getByTestId('case-unavailable-row').filter({ has: item });
        const reason = (await row.getByTestId('case-unavailable-reason').textContent()) ?? '';
        const expected = expectedReason(u);
        if (typeof expected === 'string') expect(reason, u.action).toBe(expected);
        else expect(reason, u.action).toMatch(expected);
        // The disabled button is described by the line that says why.
        const describedBy = await item.getByRole('button').getAttribute('aria-describedby');
        expect(await page.locator(`[id="${describedBy}"]`).textContent(), u.action).toBe(reason);
      }
      if (username === 'cdispatcher') {
        // Below the street holding the case: told the street's dispatchers act, and offered nothing.
        expect(server.actions).toEqual([]);
        expect(server.unavailableActions).toContainEqual({
          action: 'whistle',
          reason: 'held_above',
          level: 1,
        });
        const held = page
          .getByTestId('case-unavailable-row')
          .filter({ has: page.getByTestId('case-unavailable-whistle') });
        expect(await held.textContent()).toContain('只有街道的调度员可以操作');
      }
      if (username === 'handler') {
        expect(server.unavailableActions).toContainEqual({ action: 'reply', reason: 'tasks_open', count: 2 });
        const reply = page
          .getByTestId('case-unavailable-row')
          .filter({ has: page.getByTestId('case-unavailable-reply') });
        expect(await reply.textContent()).toContain('2 个被召集部门尚未报到');
        // The tooltip on the disabled button says it too.
        await page.getByTestId('case-unavailable-reply').hover();
        await page.locator('.ant-tooltip', { hasText: '2 个被召集部门尚未报到' }).waitFor();
      }
      session.expectClean();
      await session.close();
    }
  }, 600_000);
});

describe("the dispatcher's queue on a desktop", () => {
  it('gives the title column room at 1440×900', async () => {
    const session = await sessions.open(DESKTOP);
    const { page } = session;
    await signIn(page, 'dispatcher');
    await page.goto('/cases');
    await page.locator('[data-testid="case-table"] [data-testid="case-link"]').first().waitFor();
    const header = page.locator('[data-testid="case-table"] thead th', { hasText: /^标题$/ });
    const width = (await header.boundingBox())?.width ?? 0;
    expect(width).toBeGreaterThan(160);
    // The first row's title is shown in that room, not cut down to an ellipsis.
    const row = page.locator('[data-testid="case-table"] tbody tr.ant-table-row').first();
    const cell = row.locator('td', { has: page.getByTestId('case-title-cell') });
    expect((await cell.boundingBox())?.width ?? 0).toBeGreaterThan(160);
    expect((await cell.textContent())?.trim().length ?? 0).toBeGreaterThan(0);
    // Neither the page nor the table scrolls sideways at this size.
    const table = page
      .locator('[data-testid="case-table"] .ant-table-content, [data-testid="case-table"] .ant-table-body')
      .first();
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }, 300_000);
});
