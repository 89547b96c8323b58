import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCountersIn, rebuildCaseFigures } from '../../src/server/modules/cases/case-figures.ts';
import { rebuildCoverageFigures } from '../../src/server/modules/coverage/coverage-figures.ts';
import { foldFigureDeltas } from '../../src/server/modules/figures/rollups.ts';
import { rebuildVisitFigures, visitCountersIn } from '../../src/server/modules/visits/visit-figures.ts';
import { figureBreakdownSchema, figuresReportSchema } from '../../src/shared/domain/figures.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import { caseFigures } from '../../src/shared/figures/case-figures.ts';
import { visitFigures } from '../../src/shared/figures/visit-figures.ts';
import { cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';
import { addHousehold } from '../support/households.ts';

/**
 * The figures kept beside the data (issue 12 §2), from a scenario sent through the HTTP API:
 * visits with problems (some solved on the spot), opinions, night visits, a leader along and a
 * forum, then an escalation. The kept counters equal what the scenario says, counted here
 * independently; a grid's scope holds only its own; a rebuild from the data equals what was kept.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
let grid1: { id: string; path: string };
let grid2: { id: string; path: string };
let district: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 20);
  const pathOf: Record<string, string> = {};
  for (const g of await demoGrants(t)) {
    userIds[g.username] = g.user_id;
    if (g.path) pathOf[g.username] = g.path;
  }
  grid1 = await firstGridBelow(t, pathOf.worker1 as string);
  grid2 = await firstGridBelow(t, pathOf.worker2 as string);
  district = grid1.path.split('.')[0] as string;
  for (const u of ['worker1', 'worker2', 'cdispatcher', 'dispatcher', 'leader'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

interface Planned {
  worker: 'worker1' | 'worker2';
  grid: { id: string; path: string };
  hour: string;
  form: string;
  leader: boolean;
  issues: { onSpot: boolean }[];
  opinions: number;
}

describe('figures kept beside the visits and cases', () => {
  it('equal the scenario counted by hand, per scope, and a rebuild', async () => {
    const plan: Planned[] = [];
    for (let i = 0; i < 12; i++) {
      plan.push({
        worker: i % 3 === 0 ? 'worker2' : 'worker1',
        grid: i % 3 === 0 ? grid2 : grid1,
        hour: i % 4 === 0 ? '20:30' : '10:00',
        form: i % 4 === 0 ? 'night_duty' : i % 2 ? 'routine' : 'scheduled',
        leader: i % 5 === 0,
        issues: Array.from({ length: i % 3 }, (_, k) => ({ onSpot: (i + k) % 2 === 0 })),
        opinions: i % 4,
      });
    }
    const created: CreatedVisit[] = [];
    for (const [i, p] of plan.entries()) {
      const household = await addHousehold(t, p.grid);
      const res = await demo.send(
        'POST',
        '/api/v1/visits',
        {
          form: p.form,
          target: { type: 'household', householdId: household },
          startedAt: `2026-03-${String(10 + (i % 5)).padStart(2, '0')}T${p.hour}:00+08:00`,
          endedAt: `2026-03-${String(10 + (i % 5)).padStart(2, '0')}T${p.hour.slice(0, 3)}50:00+08:00`,
          notes: '入户走访，了解近况。',
          companionIds: p.leader ? [userIds.leader] : [],
          issues: p.issues.map((issue, k) => ({
            title: `问题${i}-${k}`,
            description: '走访中发现的问题',
            kind: 'help',
            ...(issue.onSpot ? { resolvedOnSpot: true, resolution: '当场解决' } : {}),
          })),
          opinions: Array.from({ length: p.opinions }, (_, k) => ({ text: `意见${i}-${k}` })),
        },
        cookies[p.worker],
        { 'idempotency-key': uuidv7() },
      );
      expect(res.status, res.text()).toBe(201);
      created.push(res.json() as CreatedVisit);
    }
    // A forum in the first grid's community, 35 present, two opinions.
    const forum = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'forum',
        target: { type: 'forum', regionId: grid1.id, placeName: '社区议事厅', attendance: 35 },
        startedAt: '2026-03-12T15:00:00+08:00',
        endedAt: '2026-03-12T16:30:00+08:00',
        notes: '民情恳谈会',
        opinions: [{ text: '增设充电桩' }, { text: '改善停车' }],
      },
      cookies.worker1,
      { 'idempotency-key': uuidv7() },
    );
    expect(forum.status, forum.text()).toBe(201);

    const db = t.database.db;
    const read = async (paths: string[]) =>
      visitFigures(await visitCountersIn(db, district, paths, '2026-03-01', '2026-04-01'), {
        households: 0,
        householdsVisited: 0,
        enterprises: 0,
        enterprisesVisited: 0,
      });
    const sum = (ps: Planned[], f: (p: Planned) => number) => ps.reduce((a, p) => a + f(p), 0);
    const all = await read([district]);
    expect(all.visits).toBe(plan.length + 1);
    expect(all.householdVisits).toBe(plan.length);
    expect(all.forumAndCollectionVisits).toBe(1);
    expect(all.nightVisits).toBe(created.filter((c) => c.isNight).length);
    expect(all.nightVisits).toBe(plan.filter((p) => p.hour === '20:30').length);
    expect(all.byForm.night_duty).toBe(plan.filter((p) => p.form === 'night_duty').length);
    expect(all.byLeaderOrCadre).toBe(plan.filter((p) => p.leader).length);
    expect(all.problemsFound).toBe(sum(plan, (p) => p.issues.length));
    expect(all.solvedOnSpot).toBe(sum(plan, (p) => p.issues.filter((x) => x.onSpot).length));
    expect(all.opinionsCollected).toBe(sum(plan, (p) => p.opinions) + 2);
    expect(all.attendance).toBe(35);
    // A grid's scope holds its own visits only; outside the period, nothing.
    const second = await read([grid2.path]);
    const inSecond = plan.filter((p) => p.grid === grid2);
    expect([second.visits, second.problemsFound]).toEqual([
      inSecond.length,
      sum(inSecond, (p) => p.issues.length),
    ]);
    expect((await visitCountersIn(db, district, [district], '2026-04-01', '2026-05-01')).visits).toBe(0);

    // The figures API reads the same for the leader's street, with February before it.
    const street = (await demoGrants(t)).find((g) => g.username === 'leader')?.region_id as string;
    const api = await demo.send(
      'GET',
      `/api/v1/figures?regionId=${street}&period=month&at=2026-03-15`,
      undefined,
      cookies.leader,
    );
    expect(api.status, api.text()).toBe(200);
    const report = figuresReportSchema.parse(api.json());
    expect(report.current.period).toEqual({ kind: 'month', from: '2026-03-01', to: '2026-03-31' });
    expect(report.previous.period.from).toBe('2026-02-01');
    expect(report.current.visits).toMatchObject({
      visits: all.visits,
      nightVisits: all.nightVisits,
      problemsFound: all.problemsFound,
      opinionsCollected: all.opinionsCollected,
      // Each scenario visit went to a household of its own.
      householdsCovered: plan.length,
    });
    expect(report.current.visits.householdCoveragePercent).toBeGreaterThan(0);
    // The visits' problems became cases when recorded, today: this month's cohort.
    const today = await demo.send(
      'GET',
      `/api/v1/figures?regionId=${street}&period=month`,
      undefined,
      cookies.leader,
    );
    expect(figuresReportSchema.parse(today.json()).current.cases).toMatchObject({
      received: all.problemsFound,
      onSpot: all.solvedOnSpot,
    });
    expect(report.previous.visits.visits).toBe(0);
    // Another community's worker does not reach the first community's grid; a bad period is 422.
    expect(
      (
        await demo.send(
          'GET',
          `/api/v1/figures?regionId=${grid1.id}&period=month`,
          undefined,
          cookies.worker2,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await demo.send(
          'GET',
          `/api/v1/figures?regionId=${street}&period=fortnight`,
          undefined,
          cookies.leader,
        )
      ).status,
    ).toBe(422);

    // One open problem passes from the community to the street.
    const open = created.flatMap((c) => c.cases).find((c) => !c.onSpot);
    if (!open) throw new Error('the scenario has no open problem');
    for (const [user, action, body] of [
      ['cdispatcher', 'accept', {}],
      ['cdispatcher', 'escalate', { reason: '社区无法协调' }],
    ] as const) {
      const current = await demo.send('GET', `/api/v1/cases/${open.id}`, undefined, cookies[user]);
      const res = await demo.send('POST', `/api/v1/cases/${open.id}/${action}`, body, cookies[user], {
        'if-match': current.headers.etag as string,
      });
      expect(res.status, res.text()).toBe(200);
    }
    const cases = caseFigures(await caseCountersIn(db, district, [district], '2000-01-01', '2100-01-01'));
    expect(cases.received).toBe(all.problemsFound);
    expect(cases.onSpot).toBe(all.solvedOnSpot);
    expect(cases.closed).toBe(all.solvedOnSpot);
    expect(cases.passedToStreet).toBe(1);
    expect(cases.receivedByChannel.visit).toBe(all.problemsFound);

    // Part folded, a tail left: the kept figures equal a rebuild from the data, for both kinds.
    expect(await foldFigureDeltas(db, 3)).toBeGreaterThan(0);
    await expectRebuildEqualsKept(db, 'visit', district, rebuildVisitFigures);
    await expectRebuildEqualsKept(db, 'case', district, rebuildCaseFigures);

    // The same figures broken down (the dashboard's drill-down, trend and tables) add up to them.
    const breakdown = async (by: string, at = '2026-03-15') => {
      const res = await demo.send(
        'GET',
        `/api/v1/figures/breakdown?regionId=${street}&period=month&at=${at}&by=${by}`,
        undefined,
        cookies.leader,
      );
      expect(res.status, res.text()).toBe(200);
      return figureBreakdownSchema.parse(res.json()).rows;
    };
    const byPlace = await breakdown('place');
    const inFirst = plan.filter((p) => p.grid === grid1).length + 1; // and the forum
    expect(
      byPlace
        .map((r) => r.visits?.visits ?? 0)
        .filter((n) => n > 0)
        .sort((a, b) => a - b),
    ).toEqual([inSecond.length, inFirst].sort((a, b) => a - b));
    expect(byPlace.every((r) => r.regionId === r.key)).toBe(true);
    const byDay = await breakdown('day');
    expect(byDay.map((r) => r.day)).toHaveLength(31);
    expect(byDay.find((r) => r.day === '2026-03-10')?.visits?.visits).toBe(
      plan.filter((_, i) => i % 5 === 0).length,
    );
    // The cases were created today: this month's categories and units hold them all.
    const now = cstDay(new Date());
    const total = (rows: { cases: { received: number; passedToStreet: number } }[]) => [
      rows.reduce((a, r) => a + r.cases.received, 0),
      rows.reduce((a, r) => a + r.cases.passedToStreet, 0),
    ];
    expect(total(await breakdown('category', now))).toEqual([all.problemsFound, 1]);
    const byUnit = await breakdown('unit', now);
    expect(total(byUnit)).toEqual([all.problemsFound, 1]);
    // Every unit is named; the escalated case, held by the street's dispatchers, has none yet.
    expect(byUnit.filter((r) => r.key !== '' && r.name === '')).toEqual([]);
    expect(byUnit.find((r) => r.cases.passedToStreet === 1)?.key).toBe('');
    expect(
      (
        await demo.send(
          'GET',
          `/api/v1/figures/breakdown?regionId=${street}&by=colour`,
          undefined,
          cookies.leader,
        )
      ).status,
    ).toBe(422);

    // A grid moved to another community takes its history along, folded or not: one more visit
    // in it is left unfolded, then the grid moves; the per-place totals follow, and still agree
    // with the keyed rollup and a rebuild.
    const late = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: await addHousehold(t, grid1) },
        startedAt: '2026-03-20T10:00:00+08:00',
        endedAt: '2026-03-20T10:40:00+08:00',
        notes: '入户走访',
      },
      cookies.worker1,
      { 'idempotency-key': uuidv7() },
    );
    expect(late.status, late.text()).toBe(201);
    const regionPath = async (id: string) =>
      (await db.selectFrom('region').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const from = (await regionPath(grid1.id)).split('.').slice(0, -1).join('.');
    const streetPath = await regionPath(street);
    const target = await db
      .selectFrom('region')
      .select(['id', 'path'])
      .where('level', '=', 'community')
      .where('path', 'like', `${streetPath}.%`)
      .where('path', '<>', from)
      .where('path', '<>', grid2.path.split('.').slice(0, -1).join('.'))
      .orderBy('path')
      .executeTakeFirstOrThrow();
    const march = async (path: string) => (await read([path])).visits;
    const before = { from: await march(from), to: await march(target.path), street: await march(streetPath) };
    const moving = inFirst + 1;
    expect(before.from).toBeGreaterThanOrEqual(moving);
    const moved = await demo.send(
      'POST',
      `/api/v1/regions/${grid1.id}/move`,
      { parentId: target.id },
      await demo.signIn('sysadmin'),
    );
    expect(moved.status, moved.text()).toBe(200);
    const after = { from: await march(from), to: await march(target.path), street: await march(streetPath) };
    expect(after).toEqual({ from: before.from - moving, to: before.to + moving, street: before.street });
    expect(await march(await regionPath(grid1.id))).toBe(moving);
    await expectRebuildEqualsKept(db, 'visit', district, rebuildVisitFigures);
    await expectRebuildEqualsKept(db, 'case', district, rebuildCaseFigures);
    await expectRebuildEqualsKept(db, 'coverage', district, (db_, d) =>
      rebuildCoverageFigures(db_, d, { monthStartDay: 1 }),
    );
    expect(await march(target.path)).toBe(before.to + moving);
  });
});
