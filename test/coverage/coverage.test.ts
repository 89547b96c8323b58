import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let leader: string;
let worker1: string;
const ids: Record<string, string> = {};
const scopes: Record<string, { id: string; path: string }> = {};
let grid: { id: string; path: string; district_code: string };

/** A visit straight into the diary (as the visit writes leave it), with last_visit_at kept. */
async function visit(householdId: string, startedAt: string, visitors: string[], night = false) {
  const db = t.database.db;
  const id = uuidv7();
  const at = new Date(startedAt);
  await db
    .insertInto('visit')
    .values({
      district_code: grid.district_code,
      id,
      form: 'routine',
      target_type: 'household',
      household_id: householdId,
      region_id: grid.id,
      region_path: grid.path,
      started_at: at,
      ended_at: new Date(at.getTime() + 1_800_000),
      is_night: night,
      notes: '测试走访',
      recorded_by: visitors[0] as string,
    })
    .execute();
  await db
    .insertInto('visit_visitor')
    .values(
      visitors.map((u) => ({ district_code: grid.district_code, visit_id: id, user_id: u, started_at: at })),
    )
    .execute();
  const h = await db
    .selectFrom('household')
    .select('last_visit_at')
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  if (!h.last_visit_at || h.last_visit_at < at)
    await db.updateTable('household').set({ last_visit_at: at }).where('id', '=', householdId).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 30);
  for (const g of await demoGrants(t)) {
    ids[g.username] = g.user_id;
    if (g.region_id && g.path) scopes[g.username] = { id: g.region_id, path: g.path };
  }
  leader = await demo.signIn('leader');
  worker1 = await demo.signIn('worker1');
  grid = await firstGridBelow(t, (scopes.worker1 as { path: string }).path);
});
afterAll(async () => t.close());

describe('coverage across a quarter boundary', () => {
  it('counts 23:59:59 CST on the quarter’s last day in that quarter and 00:00 in the next', async () => {
    const h1 = await addHousehold(t, grid);
    const h2 = await addHousehold(t, grid);
    await visit(h1, '2026-03-31T23:59:59+08:00', [ids.worker1 as string]);
    await visit(h2, '2026-04-01T00:00:00+08:00', [ids.worker1 as string, ids.worker2 as string], true);
    const q = async (at: string) =>
      (
        await demo.send(
          'GET',
          `/api/v1/coverage?regionId=${scopes.worker1?.id}&period=quarter&at=${at}`,
          undefined,
          leader,
        )
      ).json() as {
        period: { from: string };
        total: {
          households: { inScope: number; visited: number; percent: number };
          visits: number;
          nightVisits: number;
        };
        units: { regionId: string }[];
      };
    const q1 = await q('2026-02-01');
    const q2 = await q('2026-05-01');
    expect(q1.period.from).toBe('2026-01-01');
    expect(q1.total.households.visited).toBe(1);
    expect(q2.total.households.visited).toBe(1);
    expect(q1.total.visits).toBe(1);
    expect(q2.total).toMatchObject({ visits: 1, nightVisits: 1 });
    expect(q1.total.households.percent).toBe(Math.floor(100 / q1.total.households.inScope));
    expect(q1.units.length).toBeGreaterThan(0);

    // A past quarter whose household was visited again later still counts (read from the diary).
    await visit(h1, '2026-05-02T10:00:00+08:00', [ids.worker1 as string]);
    expect((await q('2026-02-01')).total.households.visited).toBe(1);
    expect((await q('2026-05-01')).total.households.visited).toBe(2);

    // Unvisited in Q2: pages of 3 cover everyone not visited, key households first, without repeats.
    const seen: { id: string; isKey: boolean }[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const url = `/api/v1/coverage/unvisited?regionId=${scopes.worker1?.id}&target=household&period=quarter&at=2026-05-01&limit=3${after ? `&after=${after}` : ''}`;
      const page = (await demo.send('GET', url, undefined, leader)).json() as {
        items: { id: string; isKey: boolean }[];
        next: string | null;
        total: number;
      };
      seen.push(...page.items);
      after = page.next;
      total = page.total;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen.map((s) => s.id)).not.toContain(h1);
    expect(seen.map((s) => s.id)).not.toContain(h2);
    const firstPlain = seen.findIndex((s) => !s.isKey);
    expect(seen.slice(firstPlain).some((s) => s.isKey)).toBe(false);
    expect(total).toBe(q2.total.households.inScope - 2);
  });

  it('measures each worker against the street’s quota, a joint visit counting for each visitor', async () => {
    const street = scopes.leader as { id: string };
    await demo.send(
      'POST',
      '/api/v1/visit-rules',
      {
        regionId: street.id,
        kind: 'quota',
        params: { role: 'grid_worker', target: 'household', count: 2, period: 'quarter' },
      },
      leader,
    );
    const res = await demo.send(
      'GET',
      `/api/v1/coverage/quota?regionId=${street.id}&at=2026-05-01`,
      undefined,
      leader,
    );
    expect(res.status).toBe(200);
    const items = (
      res.json() as { items: { userId: string; lines: { done: number; percent: number; met: boolean }[] }[] }
    ).items;
    const of = (u: string) => items.find((i) => i.userId === ids[u])?.lines[0];
    // worker1: 00:00 Apr 1 (joint) and May 2; worker2: the joint visit only.
    expect(of('worker1')).toMatchObject({ done: 2, percent: 100, met: true });
    expect(of('worker2')).toMatchObject({ done: 1, percent: 50, met: false });
  });

  it('lists a worker’s next visit day, never-visited and key households first', async () => {
    const street = scopes.leader as { id: string };
    await demo.send(
      'POST',
      '/api/v1/visit-rules',
      { regionId: street.id, kind: 'visit_days', params: { weekdays: [2] } },
      leader,
    );
    const visited = await addHousehold(t, grid);
    const plain = await addHousehold(t, grid);
    const key = await addHousehold(t, grid, { tags: ['低保'], isKey: true });
    await visit(visited, '2026-01-05T10:00:00+08:00', [ids.leader as string]);
    for (const h of [visited, plain, key])
      await demo.send(
        'POST',
        '/api/v1/visit-assignments',
        { userId: ids.worker1, subjectType: 'household', subjectId: h },
        leader,
      );
    const mine = (
      await demo.send('GET', '/api/v1/visit-days/next?from=2026-05-13', undefined, worker1)
    ).json() as {
      day: string;
      items: { id: string; source: string }[];
    };
    expect(mine.day).toBe('2026-05-19');
    const order = mine.items.map((i) => i.id).filter((id) => [visited, plain, key].includes(id));
    expect(order).toEqual([key, plain, visited]);
    expect(mine.items.find((i) => i.id === key)?.source).toBe('assigned');
    // Another community's worker is out of worker1's reach.
    expect(
      (await demo.send('GET', `/api/v1/visit-days/next?userId=${ids.worker2}`, undefined, worker1)).status,
    ).toBe(404);
  });
});

describe('coverage per child unit', () => {
  type Figures = {
    regionId: string;
    households: { inScope: number; visited: number };
    visits: number;
    leaderVisits: number;
    gridsWithoutTeam: number;
  };
  const report = async (regionId: string) =>
    (
      await demo.send(
        'GET',
        `/api/v1/coverage?regionId=${regionId}&period=quarter&at=2026-08-01`,
        undefined,
        leader,
      )
    ).json() as { total: Figures; units: Figures[] };
  const sum = (units: Figures[], figure: (u: Figures) => number) => units.reduce((n, u) => n + figure(u), 0);

  it('gives each unit the figures its own report gives, and the region also what lies on it', async () => {
    const community = scopes.worker1 as { id: string; path: string };
    const household = await addHousehold(t, grid);
    await visit(household, '2026-08-03T10:00:00+08:00', [ids.leader as string, ids.worker1 as string]);
    // A forum held at the community itself, in none of its grids.
    const at = new Date('2026-08-04T19:30:00+08:00');
    await t.database.db
      .insertInto('visit')
      .values({
        district_code: grid.district_code,
        id: uuidv7(),
        form: 'forum',
        target_type: 'forum',
        region_id: community.id,
        region_path: community.path,
        place_name: '社区议事厅',
        attendance: 12,
        started_at: at,
        ended_at: new Date(at.getTime() + 3_600_000),
        is_night: true,
        notes: '议事会',
        recorded_by: ids.worker1 as string,
      })
      .execute();

    const street = await report((scopes.leader as { id: string }).id);
    const alone = await report(community.id);
    expect(street.units.find((u) => u.regionId === community.id)).toEqual(alone.total);
    expect(alone.total).toMatchObject({ visits: 2, leaderVisits: 1, households: { visited: 1 } });
    expect(alone.units.find((u) => u.regionId === grid.id)).toEqual((await report(grid.id)).total);
    expect(alone.units.find((u) => u.regionId === grid.id)).toMatchObject({
      visits: 1,
      leaderVisits: 1,
      households: { visited: 1 },
    });
    // Households and grids all lie in some grid; the forum counts for the community alone.
    expect(sum(alone.units, (u) => u.households.inScope)).toBe(alone.total.households.inScope);
    expect(sum(alone.units, (u) => u.gridsWithoutTeam)).toBe(alone.total.gridsWithoutTeam);
    expect(sum(alone.units, (u) => u.visits)).toBe(alone.total.visits - 1);
    expect(sum(street.units, (u) => u.visits)).toBe(street.total.visits);
  });
});
