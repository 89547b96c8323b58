import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { SeedError } from '../../src/server/seed/seed-error.ts';
import {
  currentQuarterStart,
  generateVisits,
  loadVisitSeedWorld,
  seedVisits,
  type VisitSeedWorld,
} from '../../src/server/seed/visits.ts';
import { VISIT_FORMS } from '../../src/shared/domain/visit.ts';
import { createTestDatabase } from '../support/db.ts';

const cipher = createPiiCipher(Buffer.alloc(32, 7).toString('base64'));
const UNTIL = new Date('2026-11-22T10:00:00+08:00');
const DAY_MS = 86_400_000;
const id = (prefix: string, n: number) =>
  `00000000-0000-7000-8000-${prefix}${String(n).padStart(12 - prefix.length, '0')}`;

/** Four grids, two visitors each but the last (one), 2,000 households, every tenth a key household. */
function world(): VisitSeedWorld {
  const grids = [0, 1, 2, 3].map((g) => ({
    id: id('1', g),
    path: `330109.330109001.330109001001.G0${g}`,
    visitors: g === 3 ? [id('2', 9)] : [id('2', 2 * g), id('2', 2 * g + 1)],
  }));
  const households = Array.from({ length: 2_000 }, (_, i) => ({
    id: id('3', i),
    grid: i % 4,
    isKey: i % 10 === 0,
  }));
  return { districtCode: '330109', grids, households };
}

function collect(options: Parameters<typeof generateVisits>[1], w = world()) {
  const generated = generateVisits(w, options);
  const visits = [];
  const visitors = [];
  for (const b of generated.batches()) {
    visits.push(...b.visits);
    visitors.push(...b.visitors);
  }
  return { visits, visitors, last: generated.lastVisits() };
}

describe('generated visits', () => {
  it('are the same for the same seed whatever the batch size, and different for another seed', () => {
    const a = collect({ count: 5_000, until: UNTIL, batchSize: 300 });
    const b = collect({ count: 5_000, until: UNTIL, batchSize: 4_000 });
    const c = collect({ count: 5_000, until: UNTIL, seed: 7 });
    expect(a.visits).toEqual(b.visits);
    expect(a.visitors).toEqual(b.visitors);
    expect(a.last).toEqual(b.last);
    expect(c.visits.map((v) => v.id)).not.toEqual(a.visits.map((v) => v.id));
  });

  it('fill the period in time order, about the count asked, on the grid of each household', () => {
    const w = world();
    const { visits, visitors } = collect({ count: 20_000, until: UNTIL }, w);
    expect(visits.length).toBeGreaterThan(19_000);
    expect(visits.length).toBeLessThan(21_000);
    const started = visits.map((v) => Date.parse(v.started_at as string));
    expect(started).toEqual([...started].sort((x, y) => x - y));
    expect(Math.min(...started)).toBeGreaterThanOrEqual(UNTIL.getTime() - 730 * DAY_MS);
    expect(Math.max(...started)).toBeLessThan(UNTIL.getTime());
    expect(new Set(visits.map((v) => v.id)).size).toBe(visits.length);
    const householdGrid = new Map(w.households.map((h) => [h.id, w.grids[h.grid]]));
    for (const v of visits) {
      const grid = householdGrid.get(v.household_id as string);
      expect(v.region_id).toBe(grid?.id);
      expect(v.region_path).toBe(grid?.path);
      expect(grid?.visitors).toContain(v.recorded_by);
      expect(Date.parse(v.ended_at as string)).toBeGreaterThanOrEqual(Date.parse(v.started_at as string));
      expect(VISIT_FORMS).toContain(v.form);
      // Night: from 18:00 to 07:00 China time.
      const hour = new Date(Date.parse(v.started_at as string) + 8 * 3_600_000).getUTCHours();
      expect(v.is_night).toBe(hour >= 18 || hour < 7);
      expect(v.far).toBe(v.distance_m !== null && v.distance_m > 300);
    }
    // The recorder is always a visitor; some visits have a companion from the same grid.
    const byVisit = Map.groupBy(visitors, (r) => r.visit_id);
    expect(byVisit.size).toBe(visits.length);
    for (const v of visits) {
      const who = (byVisit.get(v.id as string) ?? []).map((r) => r.user_id);
      expect(who[0]).toBe(v.recorded_by);
      expect(new Set(who).size).toBe(who.length);
      expect(who.every((u) => householdGrid.get(v.household_id as string)?.visitors.includes(u))).toBe(true);
    }
    expect(visitors.length).toBeGreaterThan(visits.length * 1.05);
  });

  it('leave about a tenth to a fifth of the households unvisited this quarter, with a heavy tail', () => {
    const w = world();
    const { visits, last } = collect({ count: 20_000, until: UNTIL }, w);
    const quarterStart = currentQuarterStart(UNTIL).getTime();
    expect(new Date(quarterStart).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    const latest = new Map<string, number>();
    for (const v of visits) {
      const at = Date.parse(v.started_at as string);
      latest.set(v.household_id as string, Math.max(latest.get(v.household_id as string) ?? 0, at));
    }
    // The last visits reported are each household's latest visit.
    expect(last.ids.length).toBe(latest.size);
    last.ids.forEach((h, i) => {
      expect(Date.parse(last.at[i] as string)).toBe(latest.get(h));
    });
    const unvisited = w.households.filter((h) => (latest.get(h.id) ?? 0) < quarterStart).length;
    expect(last.unvisitedThisQuarter).toBe(unvisited);
    expect(unvisited / w.households.length).toBeGreaterThan(0.08);
    expect(unvisited / w.households.length).toBeLessThan(0.2);
    // Zipf-like: the busiest 1% of households get far more than 1% of the visits.
    const perHousehold = [...Map.groupBy(visits, (v) => v.household_id).values()]
      .map((vs) => vs.length)
      .sort((a, b) => b - a);
    const top = perHousehold.slice(0, w.households.length / 100).reduce((s, n) => s + n, 0);
    expect(top / visits.length).toBeGreaterThan(0.04);
    // Key households are visited more often than the others.
    const mean = (key: boolean) => {
      const hs = w.households.filter((h) => h.isKey === key);
      const n = visits.filter((v) => hs.some((h) => h.id === v.household_id)).length;
      return n / hs.length;
    };
    expect(mean(true)).toBeGreaterThan(mean(false) * 1.5);
  });

  it('refuse a grid nobody may visit and a count without households', () => {
    const w = world();
    const noVisitors = { ...w, grids: w.grids.map((g, i) => (i === 1 ? { ...g, visitors: [] } : g)) };
    expect(() => generateVisits(noVisitors, { count: 10, until: UNTIL })).toThrow(SeedError);
    expect(() => generateVisits({ ...w, households: [] }, { count: 10, until: UNTIL })).toThrow(SeedError);
  });
});

const open: Database[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

describe('seedVisits', () => {
  it('fills a seeded district with visits, visitors and last visits that agree, once', async () => {
    const database = await createTestDatabase();
    open.push(database);
    const demo = await seed(database, { scale: 'demo', households: 300, cipher });
    const district = demo.districts[0] as string;
    const { db } = database;
    const indexNames = async () =>
      (
        await sql<{ name: string }>`select indexname as name from pg_indexes
          where tablename in ('visit', 'visit_visitor') order by indexname`.execute(db)
      ).rows.map((r) => r.name);
    const before = await indexNames();

    const summary = await seedVisits(database, district, {
      count: 3_000,
      until: UNTIL,
      batchSize: 500,
      rebuildIndexes: true,
    });
    expect(summary.households).toBe(300);
    expect(summary.rebuiltIndexes.length).toBeGreaterThan(0);
    expect(await indexNames()).toEqual(before);

    const count = async (table: 'visit' | 'visit_visitor') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('visit')).toBe(summary.visits);
    expect(await count('visit_visitor')).toBe(summary.visitors);
    expect(summary.visits).toBeGreaterThan(2_700);

    // last_visit_at is each household's latest visit, and null for a household never visited.
    const disagreeing = await sql<{ n: string }>`
      select count(*) as n from household h
      where h.district_code = ${district}
        and h.last_visit_at is distinct from (
          select max(v.started_at) from visit v
          where v.district_code = h.district_code and v.household_id = h.id)`.execute(db);
    expect(Number(disagreeing.rows[0]?.n)).toBe(0);
    const quarterStart = currentQuarterStart(UNTIL).toISOString();
    const unvisited = await sql<{ n: string }>`
      select count(*) as n from household
      where district_code = ${district} and (last_visit_at is null or last_visit_at < ${quarterStart}::timestamptz)`.execute(
      db,
    );
    expect(Number(unvisited.rows[0]?.n)).toBe(summary.unvisitedThisQuarter);

    // Every visitor holds a visiting role whose grant reaches the visit's grid.
    const world = await loadVisitSeedWorld(db, district);
    const allowed = new Map(world.grids.map((g) => [g.id, new Set(g.visitors)]));
    const rows = await db
      .selectFrom('visit_visitor as vv')
      .innerJoin('visit as v', (j) =>
        j.onRef('v.district_code', '=', 'vv.district_code').onRef('v.id', '=', 'vv.visit_id'),
      )
      .select(['v.region_id', 'vv.user_id'])
      .execute();
    expect(rows.every((r) => allowed.get(r.region_id)?.has(r.user_id))).toBe(true);
    const visiting = new Set(
      (
        await db
          .selectFrom('role_grant')
          .select('user_id')
          .where('role', 'in', ['grid_worker', 'leader', 'cadre', 'liaison'])
          .execute()
      ).map((g) => g.user_id),
    );
    expect(rows.every((r) => visiting.has(r.user_id))).toBe(true);

    await expect(seedVisits(database, district, { count: 10, until: UNTIL })).rejects.toBeInstanceOf(
      SeedError,
    );
  });
});
