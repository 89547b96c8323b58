import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseList } from '../../src/shared/domain/case.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Method } from '../support/auth.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * The queue filters the figures link to (issue 12 §8): by kind, by list, by the level reached, by
 * whether it was solved on the spot, by channel. Each filter returns exactly the cases that match.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
/** In every title, so the queue can be narrowed to this suite's cases with `q`. */
const TAG = `筛选${Date.now().toString(36)}`;
const ids: Record<'need' | 'problem' | 'district' | 'onSpot', string> = {
  need: '',
  problem: '',
  district: '',
  onSpot: '',
};

async function send(user: string, method: Method, url: string, body?: unknown, headers = {}) {
  return demo.send(method, url, body, cookies[user], headers);
}

async function act(user: string, id: string, action: string, body: unknown = {}) {
  const current = await send(user, 'GET', `/api/v1/cases/${id}`);
  expect(current.status).toBe(200);
  const res = await send(user, 'POST', `/api/v1/cases/${id}/${action.replaceAll('_', '-')}`, body, {
    'if-match': current.headers.etag as string,
  });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text()}`);
  return res.json() as CaseDetail;
}

async function create(
  body: { channel: string; kind: string; listType: string; title: string },
  grid: string,
) {
  const res = await send('worker1', 'POST', '/api/v1/cases', {
    ...body,
    urgency: 'ordinary',
    title: `${TAG}${body.title}`,
    description: `${body.title}，居民多次反映。`,
    regionId: grid,
    reporter: { type: 'resident', name: '王五', phone: '13812340000' },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text()}`);
  return (res.json() as { id: string }).id;
}

/** The ids of this suite's cases the queue answers for these filters, and the total it reports. */
async function queue(filters: Record<string, string>) {
  const params = new URLSearchParams({ ...filters, q: TAG, limit: '100' });
  const res = await send('dispatcher', 'GET', `/api/v1/cases?${params}`);
  if (res.status !== 200) throw new Error(`${res.status} ${res.text()}`);
  const list = res.json() as CaseList;
  expect(list.total).toBe(list.items.length);
  return list.items.map((i) => i.id).sort();
}

const sorted = (...names: (keyof typeof ids)[]) => names.map((n) => ids[n]).sort();

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 10);
  for (const u of ['worker1', 'dispatcher']) cookies[u] = await demo.signIn(u);
  const grants = await demoGrants(t);
  const grid = (await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string)).id;
  // A visit's problem is taken in at the community, a hotline case at the street.
  ids.need = await create({ channel: 'visit', kind: 'help', listType: 'need', title: '独居老人助餐' }, grid);
  ids.problem = await create(
    { channel: 'hotline_12345', kind: 'complaint', listType: 'problem', title: '夜间施工扰民' },
    grid,
  );
  ids.district = await create(
    { channel: 'hotline_12345', kind: 'consultation', listType: 'hard_problem', title: '老旧小区加装电梯' },
    grid,
  );
  ids.onSpot = await create(
    { channel: 'visit', kind: 'help', listType: 'problem', title: '楼道灯不亮' },
    grid,
  );
  await act('dispatcher', ids.district, 'accept');
  const up = await act('dispatcher', ids.district, 'escalate', { reason: '需区级统筹协调' });
  expect(up.level).toBe(2);
  await act('dispatcher', ids.onSpot, 'accept');
  const solved = await act('dispatcher', ids.onSpot, 'resolve_on_spot', { reply: '已当场更换灯泡' });
  expect(solved.onSpot).toBe(true);
});
afterAll(async () => t.close());

describe('queue filters for the figures', () => {
  it('sees all four cases without a filter', async () => {
    expect(await queue({})).toEqual(sorted('need', 'problem', 'district', 'onSpot'));
  });

  it('filters by kind', async () => {
    expect(await queue({ kind: 'help' })).toEqual(sorted('need', 'onSpot'));
    expect(await queue({ kind: 'complaint' })).toEqual(sorted('problem'));
    expect(await queue({ kind: 'dispute' })).toEqual([]);
  });

  it('filters by list, each list a view of its own', async () => {
    expect(await queue({ listType: 'need' })).toEqual(sorted('need'));
    expect(await queue({ listType: 'problem' })).toEqual(sorted('problem', 'onSpot'));
    expect(await queue({ listType: 'hard_problem' })).toEqual(sorted('district'));
  });

  it('filters by the level reached', async () => {
    expect(await queue({ level: 'community' })).toEqual(sorted('need', 'onSpot'));
    expect(await queue({ level: 'street' })).toEqual(sorted('problem'));
    expect(await queue({ level: 'district' })).toEqual(sorted('district'));
  });

  it('filters by solved on the spot', async () => {
    expect(await queue({ onSpot: 'true' })).toEqual(sorted('onSpot'));
    expect(await queue({ onSpot: 'false' })).toEqual(sorted('need', 'problem', 'district'));
  });

  it('filters by channel, and combines filters', async () => {
    expect(await queue({ channel: 'hotline_12345' })).toEqual(sorted('problem', 'district'));
    expect(await queue({ channel: 'visit' })).toEqual(sorted('need', 'onSpot'));
    expect(await queue({ listType: 'problem', onSpot: 'false' })).toEqual(sorted('problem'));
    expect(await queue({ channel: 'visit', level: 'community', kind: 'help', onSpot: 'true' })).toEqual(
      sorted('onSpot'),
    );
    expect(await queue({ channel: 'visit', level: 'district' })).toEqual([]);
  });

  it('filters by due soon: not overdue, next deadline within eight hours', async () => {
    const hour = 3_600_000;
    const due = async (id: string, inHours: number) =>
      t.database.db
        .updateTable('case_record')
        .set({ next_due_at: new Date(Date.now() + inHours * hour), overdue: false })
        .where('id', '=', id)
        .execute();
    await due(ids.need, 2);
    await due(ids.problem, 20);
    // Past its deadline, not yet flagged by the clock job: late, not "due soon".
    await due(ids.district, -1);
    expect(await queue({ dueSoon: 'true' })).toEqual(sorted('need'));
    expect(await queue({ dueSoon: 'true', kind: 'complaint' })).toEqual([]);
  });

  it.each([
    ['dueSoon', 'false'],
    ['kind', 'nope'],
    ['listType', 'hard'],
    ['level', '2'],
    ['level', 'grid'],
    ['onSpot', 'yes'],
    ['channel', 'fax'],
  ])('refuses %s=%s with 422', async (key, value) => {
    const res = await send('dispatcher', 'GET', `/api/v1/cases?${new URLSearchParams({ [key]: value })}`);
    expect(res.status).toBe(422);
    expect((res.json() as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('saves the new filters in a view and refuses bad ones', async () => {
    const filters = { listType: 'hard_problem', level: 'district', kind: 'consultation', onSpot: 'false' };
    const saved = await send('dispatcher', 'POST', '/api/v1/case-views', { name: `${TAG}攻坚`, filters });
    expect(saved.status).toBe(201);
    const views = (await send('dispatcher', 'GET', '/api/v1/case-views')).json() as {
      items: { name: string; filters: Record<string, unknown> }[];
    };
    expect(views.items.find((v) => v.name === `${TAG}攻坚`)?.filters).toMatchObject(filters);
    // The saved filters, sent back as the queue's query, find the escalated hard problem.
    expect(await queue(filters)).toEqual(sorted('district'));
    const bad = await send('dispatcher', 'POST', '/api/v1/case-views', {
      name: `${TAG}坏`,
      filters: { level: 'province' },
    });
    expect(bad.status).toBe(422);
    expect((bad.json() as { code: string }).code).toBe('VALIDATION_FAILED');
  });
});
