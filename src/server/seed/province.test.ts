import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../../test/support/db.ts';
import { createPiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import {
  type DistrictDivision,
  hangzhouTerritory,
  provinceTerritory,
  xiaoshanTerritory,
} from './divisions.ts';
import { generateDistrict } from './generate.ts';
import { createIdFactory } from './ids.ts';
import { provinceDefaultHouseholds, scalePlan } from './scales.ts';
import { SeedError, seed } from './seed.ts';

const cipher = createPiiCipher(Buffer.alloc(32, 7).toString('base64'));

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}`);
  return item;
}

const communityCount = (d: DistrictDivision) => d.streets.reduce((s, st) => s + st.communities.length, 0);

function households(
  index: number,
  seedValue: number,
  division: DistrictDivision,
  plan = scalePlan('province'),
) {
  const generated = generateDistrict(division, plan.sizes(index), seedValue, createIdFactory(seedValue, 0));
  const out: { code: string; address: string }[] = [];
  for (const batch of generated.batches()) {
    if (batch.kind === 'households')
      out.push(...batch.households.map((h) => ({ code: h.code, address: h.address })));
  }
  return { plan: generated.plan, households: out };
}

describe('the province territory', () => {
  it('puts real Xiaoshan first and synthetic Zhejiang districts after it, with valid, unique codes', async () => {
    const xiaoshan = at(await xiaoshanTerritory(), 0);
    for (const count of [1, 12, 90]) {
      const territory = await provinceTerritory(count);
      expect(territory).toHaveLength(count);
      expect(at(territory, 0)).toEqual(xiaoshan);
      const codes = territory.map((d) => d.code);
      expect(new Set(codes).size).toBe(count);
      for (const d of territory.slice(1)) {
        expect(d.code).toMatch(/^33(0[1-9]|1[01])9\d$/);
        expect(d.city.code).toBe(d.code.slice(0, 4));
        expect(d.city.name).toMatch(/市$/);
        expect(d.province).toEqual({ code: '33', name: '浙江省' });
        expect(d.synthetic).toBe(true);
        expect(d.name).toMatch(/^合成.+(区|市|县)$/);
        expect(d.streets.length).toBeGreaterThanOrEqual(1);
        for (const s of d.streets) {
          expect(s.code).toMatch(new RegExp(`^${d.code}\\d{3}$`));
          expect(s.name).toContain('合成街道');
          for (const c of s.communities) expect(c.code).toMatch(new RegExp(`^${s.code}\\d{3}$`));
        }
      }
      const allCodes = territory.flatMap((d) =>
        d.streets.flatMap((s) => [s.code, ...s.communities.map((c) => c.code)]),
      );
      expect(new Set(allCodes).size).toBe(allCodes.length);
      // Smaller districts get a prefix of Xiaoshan's streets, never more than a larger one.
      const streets = territory.map((d) => d.streets.length);
      expect(streets).toEqual([...streets].sort((a, b) => b - a));
    }
    const ninety = await provinceTerritory(90);
    expect(at(ninety, 89).streets).toHaveLength(1);
    expect(at(ninety, 1).streets.map((s) => s.code.slice(6))).toEqual(
      xiaoshan.streets.slice(0, at(ninety, 1).streets.length).map((s) => s.code.slice(6)),
    );
    expect(ninety.map((d) => d.name.slice(-1)).filter((k) => k === '县')).toHaveLength(33);
  });

  it('leaves the city scale as it was: Xiaoshan and nine real Hangzhou districts with its whole layout', async () => {
    const city = await hangzhouTerritory(10);
    expect(city.map((d) => d.code)).toEqual([
      '330109',
      '330102',
      '330105',
      '330106',
      '330108',
      '330110',
      '330111',
      '330112',
      '330113',
      '330114',
    ]);
    for (const d of city.slice(1)) {
      expect(d.synthetic).toBe(true);
      expect(d.city).toEqual({ code: '3301', name: '杭州市' });
      expect(d.streets).toHaveLength(27);
      expect(at(d.streets, 0).code).toBe(`${d.code}001`);
    }
  });

  it('refuses a count outside 1 to 90', async () => {
    await expect(provinceTerritory(0)).rejects.toThrow(RangeError);
    await expect(provinceTerritory(91)).rejects.toThrow(RangeError);
  });
});

describe('the province scale', () => {
  it('spreads the total over the districts, largest first, each with grids and enterprises', async () => {
    const plan = scalePlan('province', { districts: 12, households: 24_000 });
    const territory = await plan.territory();
    expect(territory).toHaveLength(12);
    const sizes = territory.map((_, i) => plan.sizes(i));
    expect(sizes.reduce((s, x) => s + x.households, 0)).toBe(24_000);
    const byHouseholds = sizes.map((s) => s.households);
    expect(byHouseholds).toEqual([...byHouseholds].sort((a, b) => b - a));
    // A province's skew: the largest several times the smallest.
    expect(at(byHouseholds, 0) / at(byHouseholds, 11)).toBeGreaterThan(6);
    for (const s of sizes) {
      expect(s.grids).toBeGreaterThanOrEqual(3);
      expect(s.enterprises).toBeGreaterThanOrEqual(20);
    }
    expect(() => plan.sizes(12)).toThrow(RangeError);
  });

  it('gives Xiaoshan its own size by default and grids per household as Xiaoshan', async () => {
    const plan = scalePlan('province');
    const territory = await plan.territory();
    expect(territory).toHaveLength(12);
    const sizes = territory.map((_, i) => plan.sizes(i));
    const total = sizes.reduce((s, x) => s + x.households, 0);
    expect(total).toBe(provinceDefaultHouseholds(12));
    expect(Math.abs(at(sizes, 0).households - 950_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(at(sizes, 0).grids - 2_048)).toBeLessThanOrEqual(1);
    for (const s of sizes) expect(s.grids / s.households).toBeCloseTo(2_048 / 950_000, 5);
    // Fewer streets for a smaller district keep its grids per community near Xiaoshan's.
    const perCommunity = territory.map((d, i) => at(sizes, i).grids / communityCount(d));
    for (const ratio of perCommunity) {
      expect(ratio).toBeGreaterThan(at(perCommunity, 0) / 2);
      expect(ratio).toBeLessThan(at(perCommunity, 0) * 2);
    }
  });

  it('generates the same smallest district for a seed, with a street and some grids', async () => {
    const plan = scalePlan('province', { districts: 90, households: 90_000 });
    const territory = await plan.territory();
    const smallest = at(territory, 89);
    const a = households(89, 7, smallest, plan);
    const b = households(89, 7, smallest, plan);
    const c = households(89, 8, smallest, plan);
    expect(b).toEqual(a);
    expect(c.households.map((h) => h.address)).not.toEqual(a.households.map((h) => h.address));
    expect(a.plan.streets.length).toBeGreaterThanOrEqual(1);
    expect(a.plan.grids.length).toBe(plan.sizes(89).grids);
    expect(a.plan.grids.length).toBeGreaterThanOrEqual(3);
    expect(a.households).toHaveLength(plan.sizes(89).households);
    expect(at(a.households, 0).address.startsWith(smallest.name)).toBe(true);
    // The same request gives the same sizes.
    const again = scalePlan('province', { districts: 90, households: 90_000 });
    expect(territory.map((_, i) => again.sizes(i))).toEqual(territory.map((_, i) => plan.sizes(i)));
  });

  it('refuses a number of districts that is not an integer from 1 to 90, or one given to another scale', () => {
    for (const districts of [0, 91, 2.5, -1, Number.NaN]) {
      expect(() => scalePlan('province', { districts })).toThrow(SeedError);
      expect(() => scalePlan('province', { districts })).toThrow(/integer from 1 to 90/);
    }
    expect(() => scalePlan('province', { districts: 3, households: -5 })).toThrow(SeedError);
    expect(() => scalePlan('city', { districts: 3 })).toThrow(/province scale only/);
    expect(scalePlan('province', { districts: 1 }).sizes(0).households).toBe(950_000);
  });
});

describe('seeding a province', () => {
  const open: Database[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  async function freshDatabase(): Promise<Database> {
    const database = await createTestDatabase();
    open.push(database);
    return database;
  }

  it('seeds a small province on PostgreSQL, largest district first; PGlite refuses it', async () => {
    const database = await freshDatabase();
    const run = seed(database, { scale: 'province', districts: 3, households: 600, seed: 5, cipher });
    if (testEngine() === 'pglite') {
      await expect(run).rejects.toBeInstanceOf(SeedError);
      await expect(run).rejects.toThrow(/province scale is for PostgreSQL/);
      expect(await database.db.selectFrom('region').select('id').execute()).toEqual([]);
      return;
    }
    const summary = await run;
    expect(summary.districts).toEqual(['330109', '330291', '330391']);
    expect(summary.counts.household).toBe(600);
    const { db } = database;
    const perDistrict = await db
      .selectFrom('household')
      .select(['district_code', db.fn.countAll<string>().as('n')])
      .groupBy('district_code')
      .execute();
    const plan = scalePlan('province', { districts: 3, households: 600 });
    expect(Object.fromEntries(perDistrict.map((r) => [r.district_code, Number(r.n)]))).toEqual({
      '330109': plan.sizes(0).households,
      '330291': plan.sizes(1).households,
      '330391': plan.sizes(2).households,
    });
    const districts = await db
      .selectFrom('region')
      .select(['code', 'name', 'kind'])
      .where('level', '=', 'district')
      .orderBy('code')
      .execute();
    expect(districts).toEqual([
      { code: '330109', name: '萧山区', kind: '区' },
      { code: '330291', name: '合成宁波91区', kind: '区' },
      { code: '330391', name: '合成温州91区', kind: '区' },
    ]);
    const grids = await db
      .selectFrom('region')
      .select(['district_code', db.fn.countAll<string>().as('n')])
      .where('level', '=', 'grid')
      .groupBy('district_code')
      .orderBy('district_code')
      .execute();
    expect(grids.map((r) => Number(r.n))).toEqual([0, 1, 2].map((i) => plan.sizes(i).grids));
  });

  it('tells a wrong number of districts on either engine before writing anything', async () => {
    const database = await freshDatabase();
    const run = seed(database, { scale: 'province', districts: 0, households: 600, cipher });
    await expect(run).rejects.toBeInstanceOf(SeedError);
    await expect(run).rejects.toThrow(/integer from 1 to 90/);
    expect(await database.db.selectFrom('region').select('id').execute()).toEqual([]);
  });
});
