import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import type { CaseDetail, CaseList } from '../../src/shared/domain/case.ts';
import type { HomeCounts } from '../../src/shared/domain/home.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Method } from '../support/auth.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * The home pages' own counts (issue 12 §3): the dispatcher's queue by state and clock, and a
 * handling unit's whistle reports due and replies sent back, each checked against cases made
 * through the API and against the case list the home page links the count to.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const USERS = ['dispatcher', 'handler', 'handler2', 'worker1', 'leader'] as const;
type User = (typeof USERS)[number];
const HOUR = 3_600_000;
let before: Record<User, HomeCounts>;
const cases = { submitted: '', toSign: '', sentBack: '', whistled: '' };

async function send(user: User, method: Method, url: string, body?: unknown, headers = {}) {
  return demo.send(method, url, body, cookies[user], headers);
}

async function act(user: User, id: string, action: string, body: unknown = {}) {
  const current = await send(user, 'GET', `/api/v1/cases/${id}`);
  expect(current.status).toBe(200);
  const res = await send(user, 'POST', `/api/v1/cases/${id}/${action.replaceAll('_', '-')}`, body, {
    'if-match': current.headers.etag as string,
  });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text()}`);
  return res.json() as CaseDetail;
}

async function counts(user: User): Promise<HomeCounts> {
  const res = await send(user, 'GET', '/api/v1/home/counts');
  if (res.status !== 200) throw new Error(`${res.status} ${res.text()}`);
  return res.json() as HomeCounts;
}

async function listTotal(user: User, query: string) {
  const res = await send(user, 'GET', `/api/v1/cases?limit=1&${query}`);
  if (res.status !== 200) throw new Error(`${res.status} ${res.text()}`);
  return (res.json() as CaseList).total;
}

const stateCount = (c: HomeCounts, state: string) => c.queue?.byState.find((s) => s.state === state)?.count;

/** Sets a case's next deadline as the clocks would, so "due soon" does not hang on the hour the suite runs. */
async function dueIn(id: string, ms: number | null, overdue = false) {
  await t.database.db
    .updateTable('case_record')
    .set({ next_due_at: ms === null ? null : new Date(Date.now() + ms), overdue })
    .where('id', '=', id)
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 10);
  for (const u of USERS) cookies[u] = await demo.signIn(u);
  before = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u, await counts(u)]))) as Record<
    User,
    HomeCounts
  >;
  const grants = await demoGrants(t);
  const grid = (await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string)).id;
  const departmentOf = async (username: string) =>
    (
      await t.database.db
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
        .select('g.scope_department_id')
        .where('u.username', '=', username)
        .executeTakeFirstOrThrow()
    ).scope_department_id as string;
  const urban = await departmentOf('handler');
  const enforcement = await departmentOf('handler2');
  const create = async (title: string, channel = 'visit') => {
    const res = await send('worker1', 'POST', '/api/v1/cases', {
      channel,
      kind: 'help',
      listType: 'problem',
      urgency: 'ordinary',
      title,
      description: `${title}，居民反映。`,
      regionId: grid,
      reporter: { type: 'resident', name: '王五', phone: '13812340000' },
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.text()}`);
    return (res.json() as { id: string }).id;
  };
  cases.submitted = await create('路灯不亮');
  cases.toSign = await create('井盖松动');
  cases.sentBack = await create('垃圾清运不及时');
  // Whistles need the street: a hotline case arrives there.
  cases.whistled = await create('占道经营', 'hotline_12345');
  for (const id of [cases.toSign, cases.sentBack, cases.whistled]) await act('dispatcher', id, 'accept');
  await act('dispatcher', cases.toSign, 'dispatch', { unit: { departmentId: urban } });
  await act('dispatcher', cases.sentBack, 'dispatch', { unit: { departmentId: urban } });
  await act('handler', cases.sentBack, 'sign');
  await act('handler', cases.sentBack, 'reply', { reply: '已清运' });
  // The worker who took it in owns the feedback (首问负责) and sends the reply back.
  await act('worker1', cases.sentBack, 'send_back', { reason: '答复未说明清运时间' });
  await act('dispatcher', cases.whistled, 'dispatch', { unit: { departmentId: enforcement } });
  await act('handler2', cases.whistled, 'sign');
  await act('dispatcher', cases.whistled, 'whistle', { leadDepartmentId: urban });
  await t.database.db
    .updateTable('case_task')
    .set({ report_due_at: new Date(Date.now() - HOUR) })
    .where('case_id', '=', cases.whistled)
    .execute();
  // One of each clock: due soon, not yet near, past its deadline but not yet marked, marked overdue.
  await dueIn(cases.submitted, HOUR);
  await dueIn(cases.toSign, 10 * HOUR);
  await dueIn(cases.sentBack, -HOUR);
  await dueIn(cases.whistled, null, true);
});
afterAll(async () => t.close());

describe('home counts', () => {
  it("counts the dispatcher's queue by state and clock, as the lists it links to count them", async () => {
    const now = await counts('dispatcher');
    const was = before.dispatcher;
    expect(now.todo).toBeNull();
    expect((stateCount(now, 'submitted') ?? 0) - (stateCount(was, 'submitted') ?? 0)).toBe(1);
    expect((stateCount(now, 'dispatched') ?? 0) - (stateCount(was, 'dispatched') ?? 0)).toBe(1);
    expect((stateCount(now, 'in_progress') ?? 0) - (stateCount(was, 'in_progress') ?? 0)).toBe(2);
    expect((now.queue?.overdue ?? 0) - (was.queue?.overdue ?? 0)).toBe(1);
    expect((now.queue?.dueSoon ?? 0) - (was.queue?.dueSoon ?? 0)).toBe(1);
    for (const { state, count } of now.queue?.byState ?? []) {
      expect(count, state).toBe(await listTotal('dispatcher', `view=queue&state=${state}`));
    }
    expect(now.queue?.overdue).toBe(await listTotal('dispatcher', 'view=queue&overdue=true'));
  });

  it("counts a handling unit's whistle reports due and replies sent back, only its own", async () => {
    const handler = await counts('handler');
    expect(handler.queue).toBeNull();
    expect(handler.todo).toEqual({
      reportsDue: (before.handler.todo?.reportsDue ?? 0) + 1,
      reportsLate: (before.handler.todo?.reportsLate ?? 0) + 1,
      sentBack: (before.handler.todo?.sentBack ?? 0) + 1,
    });
    // Its inbox: the case to sign; in progress, the sent-back case and the one it is summoned to.
    expect(await listTotal('handler', 'view=inbox&state=dispatched')).toBe(1);
    expect(await listTotal('handler', 'view=inbox&state=in_progress')).toBe(2);
    // The handling unit of the whistled case owes no report; nothing was sent back to it.
    expect((await counts('handler2')).todo).toEqual(before.handler2.todo);
    // A reply sent back and replied again is no longer owed.
    await act('handler', cases.sentBack, 'reply', { reply: '已清运，每日上午清运一次' });
    expect((await counts('handler')).todo?.sentBack).toBe(before.handler.todo?.sentBack ?? 0);
  });

  it('leaves out the parts a role does not work on', async () => {
    const leader = await counts('leader');
    expect(leader).toEqual({ queue: null, todo: null });
    const worker = await counts('worker1');
    expect(worker.queue).toBeNull();
    expect(worker.todo).toEqual(before.worker1.todo);
  });
});
