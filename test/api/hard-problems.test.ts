import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hardProblemSchema,
  proposalsSchema,
  topicRankingSchema,
} from '../../src/shared/domain/hard-problem.ts';
import { scorePointsPageSchema } from '../../src/shared/domain/scores.ts';
import { addDays, cstDay, cstMidnight, firstDayOf } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { caseIn } from './matrix/cases.recipes.ts';
import type { Fixture } from './matrix/recipe.ts';

/**
 * The hard-problem list and 每月一题 (issue 14 §7) on one database: cases of one complaint recur
 * in a grid of community A over weeks; the detector proposes them; the street leader puts them on
 * the list with community A as owner and a milestone already past; community A reports progress,
 * community B may not; a case is unlinked and gets its list type back; the item is done and
 * earns community A its points; the month's topic is picked from the ranking once.
 */
let t: TestApp;
let send: Awaited<ReturnType<typeof seedSmallDemo>>['send'];
const cookies: Record<string, string> = {};
let street: string;
let communityA: { id: string; path: string };
let cluster: string[];
let noise: string[];
let reopened: string;
let category: string;
let itemId: string;
let version: number;
const today = () => cstDay(new Date());

const call = async (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  who: string,
  body?: unknown,
) => {
  const res = await send(method, url, body, cookies[who]);
  return { status: res.status, body: res.json() as Record<string, unknown> };
};

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  const demo = await seedSmallDemo(t, 20);
  send = demo.send;
  const grants = await demoGrants(t);
  const grant = (u: string) => grants.find((g) => g.username === u) as (typeof grants)[number];
  street = grant('leader').region_id as string;
  communityA = { id: grant('worker1').region_id as string, path: grant('worker1').path as string };
  for (const u of ['leader', 'worker1', 'worker2', 'handler', 'supervisor'])
    cookies[u] = await demo.signIn(u);
  const categories = await t.database.db
    .selectFrom('case_category')
    .select('id')
    .where('active', '=', true)
    .where('parent_id', 'is not', null)
    .orderBy('path')
    .limit(2)
    .execute();
  category = categories[0]?.id as string;
  const other = categories[1]?.id as string;
  const grid = await firstGridBelow(t, communityA.path);
  const f: Fixture = {
    community: communityA,
    grid: { id: grid.id, path: grid.path },
    household: '',
    member: '',
    enterprise: '',
  };
  let n = 0;
  const ctx = { t, unique: () => 900 + n++, userId: () => '' };
  const at = (daysAgo: number) => new Date(cstMidnight(addDays(today(), -daysAgo)).getTime() + 3_600_000);
  // One complaint, worded differently, over five weeks in one grid and category.
  const texts = [
    '3幢电梯又故障了，困人',
    '电梯故障困人，停运两天',
    '电梯故障困人，没人管',
    '电梯又故障停运，困人',
  ];
  cluster = [];
  for (const [i, text] of texts.entries())
    cluster.push(
      await caseIn(f, ctx, i === 0 ? 'closed' : 'dispatched', {
        title: text,
        description: `${text}，希望尽快处理`,
        category_id: category,
        created_at: at(40 - i * 10),
      }),
    );
  // Unrelated complaints of the same grid and category, and one of another category.
  noise = [];
  for (const [i, text] of ['垃圾清运不及时', '占道经营扰民'].entries())
    noise.push(
      await caseIn(f, ctx, 'dispatched', {
        title: text,
        description: text,
        category_id: category,
        created_at: at(30 - i),
      }),
    );
  noise.push(
    await caseIn(f, ctx, 'dispatched', {
      title: '电梯故障',
      description: '电梯故障',
      category_id: other,
      created_at: at(20),
    }),
  );
  reopened = await caseIn(f, ctx, 'reopened', {
    title: '路灯不亮',
    description: '路灯不亮',
    category_id: other,
    reopen_count: 1,
    created_at: at(5),
  });
});
afterAll(async () => t.close());

describe('hard-problem list', () => {
  it('proposes the recurring cases and the reopened case, within the reader’s scope', async () => {
    const res = await call('GET', `/api/v1/hard-problems/proposals?regionId=${street}`, 'leader');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { proposals } = proposalsSchema.parse(res.body);
    const recurring = proposals.filter((p) => p.kind === 'recurring');
    expect(recurring).toHaveLength(1);
    expect(recurring[0]?.cases.map((c) => c.id).sort()).toEqual([...cluster].sort());
    expect(recurring[0]?.why.spanDays).toBe(30);
    expect(proposals.some((p) => p.kind === 'reopened' && p.cases[0]?.id === reopened)).toBe(true);
    for (const id of noise) expect(recurring[0]?.cases.some((c) => c.id === id)).toBe(false);
    // Community B reads none of A's cases; a department reads only its own.
    expect(
      (await call('GET', `/api/v1/hard-problems/proposals?regionId=${communityA.id}`, 'worker2')).status,
    ).toBe(404);
    const dept = await call('GET', `/api/v1/hard-problems/proposals?regionId=${street}`, 'handler');
    expect(proposalsSchema.parse(dept.body).proposals.filter((p) => p.kind === 'recurring')).toEqual([]);
  });

  it('puts a proposal on the list: its cases become hard problems through the case-change path', async () => {
    const body = {
      regionId: street,
      title: '某小区电梯反复故障',
      categoryId: category,
      proposalKey: 'recurring:x',
      caseIds: cluster,
      owner: { kind: 'region', id: communityA.id, person: '王社区书记' },
      plan: '协调物业与维保单位更换主板',
      targetDate: addDays(today(), 60),
      milestones: [
        { name: '排查', targetDate: addDays(today(), -3) },
        { name: '更换', targetDate: addDays(today(), 30) },
      ],
    };
    expect((await call('POST', '/api/v1/hard-problems', 'worker1', body)).status).toBe(403);
    const res = await call('POST', '/api/v1/hard-problems', 'leader', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const item = hardProblemSchema.parse(res.body);
    itemId = item.id;
    version = item.version;
    expect(item.caseList.map((c) => c.id).sort()).toEqual([...cluster].sort());
    expect(item.milestoneList.map((m) => m.missed)).toEqual([true, false]);
    expect(item.actions).toEqual({ edit: true, report: true });
    const rows = await t.database.db
      .selectFrom('case_record')
      .select(['id', 'list_type'])
      .where('id', 'in', cluster)
      .execute();
    expect(rows.every((r) => r.list_type === 'hard_problem')).toBe(true);
    const events = await t.database.db
      .selectFrom('case_event')
      .select(['case_id', 'action', 'detail'])
      .where('case_id', 'in', cluster)
      .where('action', '=', 'classify')
      .execute();
    expect(events).toHaveLength(cluster.length);
    expect(JSON.stringify(events[0]?.detail)).toContain(itemId);
    expect(await auditRowsOf(t, 'hard_problem.created', itemId)).toHaveLength(1);
    expect(
      (await auditRowsOf(t, 'case.classify')).filter((a) => cluster.includes(a.object_id ?? '')),
    ).toHaveLength(cluster.length);
    // A case stands on one item: another item may not take it; the detector proposes it no more.
    const again = await call('POST', '/api/v1/hard-problems', 'leader', { ...body, caseIds: [cluster[0]] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('HARD_PROBLEM_CASE_LINKED');
    const after = proposalsSchema.parse(
      (await call('GET', `/api/v1/hard-problems/proposals?regionId=${street}`, 'leader')).body,
    );
    expect(after.proposals.some((p) => p.cases.some((c) => cluster.includes(c.id)))).toBe(false);
  });

  it('takes progress from its owner only, and gives an unlinked case its list type back', async () => {
    expect(
      (await call('POST', `/api/v1/hard-problems/${itemId}/notes`, 'worker2', { text: '不相干' })).status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/v1/hard-problems/${itemId}/notes`, 'supervisor', { text: '督查' })).status,
    ).toBe(403);
    const note = await call('POST', `/api/v1/hard-problems/${itemId}/notes`, 'worker1', {
      text: '已联系维保单位',
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    const item = hardProblemSchema.parse(note.body);
    expect(item.state).toBe('in_progress');
    expect(item.notes.map((n) => [n.day, n.fromState, n.toState])).toEqual([
      [today(), 'open', 'in_progress'],
    ]);
    version = item.version;
    const removed = cluster[3] as string;
    const un = await call('DELETE', `/api/v1/hard-problems/${itemId}/cases/${removed}`, 'leader');
    expect(un.status, JSON.stringify(un.body)).toBe(200);
    expect(hardProblemSchema.parse(un.body).caseList).toHaveLength(3);
    const row = await t.database.db
      .selectFrom('case_record')
      .select('list_type')
      .where('id', '=', removed)
      .executeTakeFirstOrThrow();
    expect(row.list_type).toBe('problem');
    expect(await auditRowsOf(t, 'hard_problem.cases_unlinked', itemId)).toHaveLength(1);
    // Marks the first milestone done late: it stays missed.
    const current = hardProblemSchema.parse(
      (await call('GET', `/api/v1/hard-problems/${itemId}`, 'worker1')).body,
    );
    const patch = await call('PATCH', `/api/v1/hard-problems/${itemId}`, 'leader', {
      version: current.version,
      milestones: current.milestoneList.map((m, i) => ({
        id: m.id,
        name: m.name,
        targetDate: m.targetDate,
        doneOn: i === 0 ? today() : null,
      })),
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const patched = hardProblemSchema.parse(patch.body);
    expect(patched.milestoneList.map((m) => [m.doneOn, m.missed])).toEqual([
      [today(), true],
      [null, false],
    ]);
    version = patched.version;
    expect((await call('GET', `/api/v1/hard-problems/${itemId}`, 'worker2')).status).toBe(200);
  });

  it('finishes an item as done, which earns its owner the points; then it changes no more', async () => {
    const stale = await call('POST', `/api/v1/hard-problems/${itemId}/complete`, 'leader', {
      version: version - 1,
      outcome: 'done',
      result: '旧版本',
    });
    expect(stale.status).toBe(412);
    const done = await call('POST', `/api/v1/hard-problems/${itemId}/complete`, 'leader', {
      version,
      outcome: 'done',
      result: '电梯主板已更换，一个月无故障',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(hardProblemSchema.parse(done.body).state).toBe('done');
    expect(await auditRowsOf(t, 'hard_problem.finished', itemId)).toHaveLength(1);
    const late = await call('POST', `/api/v1/hard-problems/${itemId}/notes`, 'worker1', { text: '再报' });
    expect(late.body.code).toBe('HARD_PROBLEM_FINISHED');
    // Community A's points this month: the item done (+5) and, if its day after target fell in
    // this month, the milestone missed (−1) — each from the item.
    const points = await call(
      'GET',
      `/api/v1/scores/points?regionId=${street}&period=month&subject=${communityA.id}&limit=200`,
      'leader',
    );
    expect(points.status, JSON.stringify(points.body)).toBe(200);
    const mine = scorePointsPageSchema
      .parse(points.body)
      .items.filter((p) => p.source.kind === 'hard_problem_item' && p.source.id === itemId);
    const missedDay = addDays(addDays(today(), -3), 1);
    const monthStart = firstDayOf('month', today());
    expect(mine.map((p) => [p.item, p.cp]).sort()).toEqual(
      [['hard_problem_done', 500], ...(missedDay >= monthStart ? [['milestone_missed', -100]] : [])].sort(),
    );

    // Had it been finished before the first milestone's target, that milestone, though never done
    // in time, would have had nothing left to miss: neither the item nor the scores count it.
    await t.database.db
      .updateTable('hard_problem_item')
      .set({ finished_at: cstMidnight(addDays(today(), -5)) })
      .where('id', '=', itemId)
      .execute();
    const earlier = hardProblemSchema.parse(
      (await call('GET', `/api/v1/hard-problems/${itemId}`, 'leader')).body,
    );
    expect(earlier.milestoneList.map((m) => m.missed)).toEqual([false, false]);
    const thatMonth = await call(
      'GET',
      `/api/v1/scores/points?regionId=${street}&period=month&at=${missedDay}&subject=${communityA.id}&limit=200`,
      'leader',
    );
    expect(thatMonth.status, JSON.stringify(thatMonth.body)).toBe(200);
    const missed = scorePointsPageSchema
      .parse(thatMonth.body)
      .items.filter((p) => p.source.id === itemId && p.item === 'milestone_missed');
    expect(missed).toEqual([]);
  });

  it('picks the month’s topic from the ranking once per place and month', async () => {
    const ranking = await call(
      'GET',
      `/api/v1/hard-problems/topics/ranking?regionId=${street}&months=3`,
      'leader',
    );
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    expect(topicRankingSchema.parse(ranking.body).to).toBe(addDays(firstDayOf('month', today()), -1));
    const body = {
      regionId: street,
      month: today().slice(0, 7),
      categoryId: category,
      title: '电梯安全每月一题',
      owner: { kind: 'region', id: communityA.id, person: '李主任' },
      plan: '全街道电梯排查',
      targetDate: addDays(today(), 30),
    };
    expect(
      (await call('POST', '/api/v1/hard-problems/topics', 'leader', { ...body, regionId: communityA.id }))
        .status,
    ).toBe(422);
    const picked = await call('POST', '/api/v1/hard-problems/topics', 'leader', body);
    expect(picked.status, JSON.stringify(picked.body)).toBe(201);
    const topic = hardProblemSchema.parse(picked.body);
    expect([topic.kind, topic.topicMonth]).toEqual(['monthly_topic', body.month]);
    expect(await auditRowsOf(t, 'hard_problem.topic_picked', topic.id)).toHaveLength(1);
    const twice = await call('POST', '/api/v1/hard-problems/topics', 'leader', body);
    expect(twice.body.code).toBe('HARD_PROBLEM_TOPIC_TAKEN');
    const published = await call('POST', `/api/v1/hard-problems/${topic.id}/complete`, 'leader', {
      version: topic.version,
      outcome: 'done',
      result: '排查电梯120台，整改18台',
    });
    expect(hardProblemSchema.parse(published.body).result).toBe('排查电梯120台，整改18台');
    const list = await call(
      'GET',
      `/api/v1/hard-problems?regionId=${communityA.id}&kind=monthly_topic`,
      'worker1',
    );
    expect((list.body as unknown as { id: string }[]).map((i) => i.id)).toEqual([topic.id]);
  });
});
