import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LeagueTable,
  leagueTableSchema,
  publishedLeagueListSchema,
  publishedLeagueSchema,
} from '../../src/shared/domain/league.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import {
  assessmentPeriodOfDay,
  previousAssessmentPeriod,
} from '../../src/shared/figures/assessment-periods.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

/**
 * 数据晾晒 league tables (issue 12 §5), on one database: visits and cases of two communities sent
 * through the API in this month and the last, the street's table checked against counts made
 * here, the ranking and its change, then publishing (frozen, audited, once), reading and
 * downloading it, and who may do what.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const place: Record<'a' | 'b', { id: string; path: string; grid: { id: string; path: string } }> =
  {} as never;
let street: string;
let leaderId: string;
const now = new Date();
const current = assessmentPeriodOfDay('month', cstDay(now));
const previous = previousAssessmentPeriod(current);
const lastMonthDay = addDays(previous.from, 2);

interface Planned {
  place: 'a' | 'b';
  when: 'previous' | 'current';
  by: 'worker1' | 'worker2' | 'leader';
  problems: { onSpot: boolean }[];
}

// Last month A did better (every problem solved on the spot); this month B does.
const PLAN: Planned[] = [
  { place: 'a', when: 'previous', by: 'worker1', problems: [{ onSpot: true }] },
  { place: 'a', when: 'previous', by: 'worker1', problems: [] },
  { place: 'b', when: 'previous', by: 'worker2', problems: [] },
  { place: 'a', when: 'current', by: 'worker1', problems: [{ onSpot: false }] },
  { place: 'b', when: 'current', by: 'worker2', problems: [{ onSpot: true }, { onSpot: true }] },
  { place: 'b', when: 'current', by: 'worker2', problems: [] },
  { place: 'b', when: 'current', by: 'leader', problems: [] },
];

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  const grantOf = (username: string) => {
    const g = grants.find((x) => x.username === username);
    if (!g?.region_id || !g.path) throw new Error(`no regional grant for ${username}`);
    return g;
  };
  for (const [key, username] of [
    ['a', 'worker1'],
    ['b', 'worker2'],
  ] as const) {
    const g = grantOf(username);
    place[key] = {
      id: g.region_id as string,
      path: g.path as string,
      grid: await firstGridBelow(t, g.path as string),
    };
  }
  street = grantOf('leader').region_id as string;
  leaderId = grantOf('leader').user_id;
  for (const u of ['worker1', 'worker2', 'leader', 'dispatcher', 'handler'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const get = (url: string, who: string) => demo.send('GET', url, undefined, cookies[who]);

function startOf(p: Planned, i: number): Date {
  if (p.when === 'previous') return new Date(`${addDays(previous.from, 2)}T${10 + i}:00:00+08:00`);
  // Within this month and before now, even in its first hour.
  return new Date(Math.max(current.start.getTime(), now.getTime() - (90 - i) * 60_000));
}

async function record(p: Planned, i: number): Promise<CreatedVisit> {
  const household = await addHousehold(t, place[p.place].grid);
  const start = startOf(p, i);
  const res = await demo.send(
    'POST',
    '/api/v1/visits',
    {
      form: 'routine',
      target: { type: 'household', householdId: household },
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + 60_000).toISOString(),
      notes: '入户走访',
      issues: p.problems.map((x, k) => ({
        title: `问题${i}-${k}`,
        description: '走访中发现的问题',
        kind: 'help',
        ...(x.onSpot ? { resolvedOnSpot: true, resolution: '当场解决' } : {}),
      })),
    },
    cookies[p.by],
    { 'idempotency-key': uuidv7() },
  );
  expect(res.status, res.text()).toBe(201);
  return res.json() as CreatedVisit;
}

/** Households and active grid workers of a place, counted here from the tables. */
async function countsOf(path: string) {
  const db = t.database.db;
  const households = await db
    .selectFrom('household')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('region_path', '=', path), eb('region_path', 'like', `${path}.%`)]))
    .executeTakeFirstOrThrow();
  const workers = await db
    .selectFrom('role_grant as g')
    .innerJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
    )
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
    )
    .select('g.user_id')
    .distinct()
    .where('g.role', '=', 'grid_worker')
    .where('u.active', '=', true)
    .where((eb) => eb.or([eb('r.path', '=', path), eb('r.path', 'like', `${path}.%`)]))
    .execute();
  return { households: Number(households.n), workers: workers.length };
}

const rowOf = (table: LeagueTable, id: string) => {
  const row = table.rows.find((r) => r.key === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
};

let publishedId: string;
let publishedTable: LeagueTable;

describe('league tables', () => {
  it("ranks the street's communities on the scenario's figures, with the change since last month", async () => {
    const created: CreatedVisit[] = [];
    for (const [i, p] of PLAN.entries()) created.push(await record(p, i));

    const res = await get(`/api/v1/league?regionId=${street}&period=month`, 'leader');
    expect(res.status, res.text()).toBe(200);
    const table = leagueTableSchema.parse(res.json());
    expect(table.period).toEqual({ kind: 'month', from: current.from, to: current.to });
    expect(table.previousPeriod.from).toBe(previous.from);

    for (const key of ['a', 'b'] as const) {
      const mine = PLAN.filter((p) => p.place === key && p.when === 'current');
      const problems = mine.flatMap((p) => p.problems);
      const { households, workers } = await countsOf(place[key].path);
      const row = rowOf(table, place[key].id);
      expect(row.figures.visits).toBe(mine.length);
      expect(row.figures.workers).toBe(workers);
      expect(row.figures.visitsPerWorker).toBeCloseTo(mine.length / workers);
      expect(row.figures.coveragePercent).toBe(Math.floor((mine.length * 100) / households));
      expect(row.figures.problemsFound).toBe(problems.length);
      expect(row.figures.onSpotShare?.numerator).toBe(problems.filter((x) => x.onSpot).length);
      // Every problem became a case today, last month's too: this month's case cohort.
      const cases = PLAN.filter((p) => p.place === key).flatMap((p) => p.problems);
      expect(row.figures.closureRate).toMatchObject({
        numerator: cases.filter((x) => x.onSpot).length,
        denominator: cases.length,
      });
      expect(row.figures.overdue).toBe(0);
    }
    // B leads this month, A last month: B moved up one, A down one.
    const [a, b] = [rowOf(table, place.a.id), rowOf(table, place.b.id)];
    expect([b.rank, a.rank]).toEqual([1, 2]);
    expect([b.previousRank, a.previousRank]).toEqual([2, 1]);
    expect([b.rankChange, a.rankChange]).toEqual([1, -1]);
    // The other communities have no visits or cases: behind both, ties sharing a rank (1, 1, 3).
    const rest = table.rows.filter((r) => r.key !== place.a.id && r.key !== place.b.id);
    expect(rest.length).toBeGreaterThan(1);
    expect(rest.every((r) => r.rank >= 3)).toBe(true);
    for (const r of rest) expect(r.rank).toBe(table.rows.findIndex((x) => x.score === r.score) + 1);

    // The cadres' table holds the leader with the visits they went on: one they recorded, and one
    // a grid worker recorded with them along. The units' table has no visit columns.
    const along = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: await addHousehold(t, place.a.grid) },
        startedAt: startOf(PLAN[3] as Planned, 30).toISOString(),
        endedAt: new Date(startOf(PLAN[3] as Planned, 30).getTime() + 60_000).toISOString(),
        notes: '陪同入户走访',
        companionIds: [leaderId],
      },
      cookies.worker1,
      { 'idempotency-key': uuidv7() },
    );
    expect(along.status, along.text()).toBe(201);
    const cadres = leagueTableSchema.parse(
      (await get(`/api/v1/league?regionId=${street}&period=month&subjects=cadres`, 'leader')).json(),
    );
    expect(cadres.rows.map((r) => [r.key, r.figures.visits])).toEqual([[`u:${leaderId}`, 2]]);
    const units = leagueTableSchema.parse(
      (await get(`/api/v1/league?regionId=${street}&period=quarter&subjects=units`, 'leader')).json(),
    );
    expect(units.rows.every((r) => r.figures.visits === null && r.figures.closureRate !== null)).toBe(true);
  });

  it('publishes a frozen, audited table once, seen by the places below and downloadable', async () => {
    // This month has days to come: its table would be frozen short, so it waits for the month's end.
    const early = await demo.send(
      'POST',
      '/api/v1/league-tables',
      { regionId: street, period: 'month', subjects: 'places' },
      cookies.leader,
    );
    expect([early.status, (early.json() as { code: string }).code]).toEqual([409, 'SCORE_PERIOD_NOT_ENDED']);
    const body = { regionId: street, period: 'month', at: lastMonthDay, subjects: 'places' };
    const live = leagueTableSchema.parse(
      (await get(`/api/v1/league?regionId=${street}&at=${lastMonthDay}`, 'leader')).json(),
    );
    expect(live.period.to).toBe(previous.to);
    const res = await demo.send('POST', '/api/v1/league-tables', body, cookies.leader);
    expect(res.status, res.text()).toBe(201);
    const published = publishedLeagueSchema.parse(res.json());
    publishedId = published.id;
    publishedTable = published.table;
    expect(published.table.rows).toEqual(live.rows);
    const audits = await auditRowsOf(t, 'league.published', published.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actor_id).toBe(leaderId);

    // Twice: 409 with its code; a dispatcher may not publish.
    const again = await demo.send('POST', '/api/v1/league-tables', body, cookies.leader);
    expect([again.status, (again.json() as { code: string }).code]).toEqual([
      409,
      'LEAGUE_TABLE_ALREADY_PUBLISHED',
    ]);
    expect((await demo.send('POST', '/api/v1/league-tables', body, cookies.dispatcher)).status).toBe(403);

    // A community's worker sees its street's table; a department's handler too (its street node).
    for (const who of ['worker1', 'handler']) {
      const list = publishedLeagueListSchema.parse((await get('/api/v1/league-tables', who)).json());
      expect(list.items.map((i) => i.id)).toContain(published.id);
    }
    const read = await get(`/api/v1/league-tables/${published.id}`, 'worker2');
    expect(read.status).toBe(200);
    expect(publishedLeagueSchema.parse(read.json()).table).toEqual(published.table);

    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/league-tables/${published.id}/export`,
      headers: { cookie: cookies.worker1 as string },
    });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const first = published.table.rows[0];
    expect(sheet?.getRow(2).getCell(1).value).toBe(first?.rank);
    expect(sheet?.getRow(2).getCell(2).value).toBe(first?.name);
    expect(sheet?.rowCount).toBe(published.table.rows.length + 1);
    expect(await auditRowsOf(t, 'export.league_table', published.id)).toHaveLength(1);
  });

  it('keeps a published table as it was when later work lands in its month; the live table moves', async () => {
    // A visit of last month synced only now: last month's live table counts it, the published one not.
    const before = rowOf(publishedTable, place.a.id).figures.visits ?? 0;
    await record({ place: 'a', when: 'previous', by: 'worker1', problems: [] }, PLAN.length);
    const live = leagueTableSchema.parse(
      (await get(`/api/v1/league?regionId=${street}&at=${lastMonthDay}`, 'leader')).json(),
    );
    expect(rowOf(live, place.a.id).figures.visits).toBe(before + 1);
    const frozen = publishedLeagueSchema.parse(
      (await get(`/api/v1/league-tables/${publishedId}`, 'leader')).json(),
    );
    expect(frozen.table).toEqual(publishedTable);
  });

  it('answers 404 for a place outside the scope and 422 for a period it does not rank', async () => {
    expect((await get(`/api/v1/league?regionId=${place.b.id}`, 'worker1')).status).toBe(404);
    const notMine = await demo.send(
      'POST',
      '/api/v1/league-tables',
      { regionId: uuidv7(), period: 'month', subjects: 'places' },
      cookies.leader,
    );
    expect(notMine.status).toBe(404);
    expect((await get(`/api/v1/league?regionId=${street}&period=week`, 'leader')).status).toBe(422);
    expect((await get(`/api/v1/league-tables/${uuidv7()}`, 'worker1')).status).toBe(404);
  });
});
