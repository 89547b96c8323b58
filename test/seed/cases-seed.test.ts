import { afterEach, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { nextCaseNumber } from '../../src/server/modules/cases/case-numbers.ts';
import {
  type CaseSeedWorld,
  generateCases,
  loadCaseSeedWorld,
  seedCases,
} from '../../src/server/seed/cases.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { SeedError } from '../../src/server/seed/seed-error.ts';
import { CASE_STATES, TERMINAL_STATES } from '../../src/shared/cases/workflow.ts';
import { createTestDatabase } from '../support/db.ts';

const cipher = createPiiCipher(Buffer.alloc(32, 7).toString('base64'));
const UNTIL = new Date('2026-11-01T00:00:00+08:00');
const DAY_MS = 86_400_000;

/** A small made-up district: two streets, two communities each, three grids per community. */
function world(): CaseSeedWorld {
  const streets = ['s1', 's2'].map((code, i) => ({
    id: `00000000-0000-7000-8000-00000000000${i + 1}`,
    code: `3301090${i + 1}`,
    path: `330109.3301090${i + 1}`,
    name: `街道${code}`,
  }));
  const communities = streets.flatMap((s, i) =>
    [1, 2].map((c) => ({
      id: `00000000-0000-7000-8000-0000000001${i}${c}`,
      path: `${s.path}.${s.code}00${c}`,
      name: `社区${i}${c}`,
    })),
  );
  const grids = communities.flatMap((c, i) =>
    [1, 2, 3].map((g) => ({
      id: `00000000-0000-7000-8000-000000000${String(200 + i * 10 + g)}`,
      path: `${c.path}.G0${g}`,
      name: `${c.name}第${g}网格`,
    })),
  );
  const dept = (n: number) => `00000000-0000-7000-8000-0000000003${String(n).padStart(2, '0')}`;
  return {
    districtCode: '330109',
    grids,
    communities,
    streets,
    categories: [
      { id: dept(90), code: 'urban_sanitation', departmentId: dept(1) },
      { id: dept(91), code: 'env_noise', departmentId: dept(2) },
      { id: dept(92), code: 'other_misc', departmentId: null },
    ],
    districtDepartments: [dept(1), dept(2)],
    streetOffices: new Map(streets.map((s, i) => [s.path, new Map([['urban', dept(10 + i)]])])),
    users: [{ id: dept(50), name: '受理员' }],
  };
}

function collect(options: Parameters<typeof generateCases>[1]) {
  const generated = generateCases(world(), options);
  const cases = [];
  const events = [];
  for (const b of generated.batches()) {
    cases.push(...b.cases);
    events.push(...b.events);
  }
  return { cases, events, nextSeqByYear: generated.nextSeqByYear };
}

describe('generated cases', () => {
  it('are the same for the same seed and different for another', () => {
    const a = collect({ count: 2_000, until: UNTIL, cipher, events: 'all', batchSize: 300 });
    const b = collect({ count: 2_000, until: UNTIL, cipher, events: 'all', batchSize: 700 });
    const c = collect({ count: 2_000, until: UNTIL, cipher, events: 'all', seed: 7 });
    // Phones are encrypted with a random nonce; their keyed hash is what repeats.
    const plain = (rows: typeof a.cases) => rows.map(({ reporter_phone_enc: _enc, ...rest }) => rest);
    expect(plain(a.cases)).toEqual(plain(b.cases));
    expect(a.cases.filter((r) => r.reporter_phone_enc !== null)).toHaveLength(
      a.cases.filter((r) => r.reporter_phone_hash !== null).length,
    );
    expect(a.events).toEqual(b.events);
    expect(c.cases.map((r) => r.id)).not.toEqual(a.cases.map((r) => r.id));
  });

  it('spread over the period in order, with unique ids and numbers, about a tenth open', () => {
    const { cases, events, nextSeqByYear } = collect({ count: 20_000, until: UNTIL });
    expect(cases).toHaveLength(20_000);
    const created = cases.map((c) => Date.parse(c.created_at as string));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(UNTIL.getTime() - 3 * 365 * DAY_MS - DAY_MS);
    expect(Math.min(...created)).toBeLessThan(UNTIL.getTime() - 3 * 365 * DAY_MS + 7 * DAY_MS);
    expect(Math.max(...created)).toBeLessThan(UNTIL.getTime());
    expect(created).toEqual([...created].sort((x, y) => x - y));
    expect(new Set(cases.map((c) => c.id)).size).toBe(20_000);
    expect(new Set(cases.map((c) => c.number)).size).toBe(20_000);
    // Ids sort as creation order (UUIDv7 from the creation time).
    expect(cases.map((c) => c.id)).toEqual(cases.map((c) => c.id).sort());
    const open = cases.filter((c) => !TERMINAL_STATES.has(c.state as never));
    expect(open.length / cases.length).toBeGreaterThan(0.08);
    expect(open.length / cases.length).toBeLessThan(0.12);
    // Open cases are mostly young: the median open case is younger than the median case.
    const age = (c: (typeof cases)[number]) => UNTIL.getTime() - Date.parse(c.created_at as string);
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    expect(median(open.map(age))).toBeLessThan(median(cases.map(age)) / 3);
    for (const s of ['submitted', 'in_progress', 'follow_up', 'closed', 'rejected'] as const) {
      expect(cases.some((c) => c.state === s)).toBe(true);
    }
    expect(cases.every((c) => (CASE_STATES as readonly string[]).includes(c.state as string))).toBe(true);
    // One submit event per case when only submits are asked for.
    expect(events).toHaveLength(20_000);
    expect(events.every((e) => e.action === 'submit' && e.seq === 1)).toBe(true);
    // Counters continue after the last number of each year.
    const last = cases.at(-1)?.number as string;
    const [, year, seq] = last.split('-');
    expect(nextSeqByYear.get(Number(year))).toBe(Number(seq) + 1);
  });

  it('give each case a timeline that ends in its state, with units for dispatched cases', () => {
    const { cases, events } = collect({ count: 5_000, until: UNTIL, events: 'all' });
    const byCase = Map.groupBy(events, (e) => e.case_id as string);
    const ids = new Set(cases.map((c) => c.id));
    for (const c of cases) {
      const timeline = byCase.get(c.id as string) ?? [];
      expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
      expect(timeline.at(-1)?.to_state).toBe(c.state);
      expect(c.version).toBe(timeline.length);
      if (timeline.some((e) => e.action === 'dispatch')) {
        expect(c.unit_department_id !== null || c.unit_region_id !== null).toBe(true);
      }
      if (c.state === 'merged') expect(ids.has(c.merged_into_id as string)).toBe(true);
      if (TERMINAL_STATES.has(c.state as never)) expect(c.closed_at).not.toBeNull();
      else expect(c.closed_at).toBeNull();
    }
  });
});

const open: Database[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

describe('seedCases', () => {
  it('fills a seeded district with cases and events that the database accepts, once', async () => {
    const database = await createTestDatabase();
    open.push(database);
    const demo = await seed(database, { scale: 'demo', households: 50, cipher });
    const district = demo.districts[0] as string;
    const summary = await seedCases(database, district, {
      count: 3_000,
      until: UNTIL,
      events: 'all',
      cipher,
      batchSize: 1_000,
    });
    const { db } = database;
    const count = async (table: 'case_record' | 'case_event') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('case_record')).toBe(3_000);
    expect(await count('case_event')).toBe(summary.events);
    expect(summary.events).toBeGreaterThan(3_000 * 3);
    expect(Object.values(summary.byState).reduce((s, n) => s + n, 0)).toBe(3_000);

    // Every case lies on a grid of the district, and categories come from its taxonomy.
    const world = await loadCaseSeedWorld(db, district);
    const grids = new Set(world.grids.map((g) => g.id));
    const rows = await db.selectFrom('case_record').select(['region_id', 'category_id', 'number']).execute();
    expect(rows.every((r) => grids.has(r.region_id))).toBe(true);
    const categories = new Set(world.categories.map((c) => c.id));
    expect(
      rows.filter((r) => r.category_id !== null).every((r) => categories.has(r.category_id as string)),
    ).toBe(true);

    // Intake after seeding takes numbers beyond the generated ones.
    const numbers = new Set(rows.map((r) => r.number));
    const fresh = await nextCaseNumber(db, district, new Date(UNTIL.getTime() - DAY_MS));
    expect(numbers.has(fresh)).toBe(false);
    const lastOfYear = [...numbers]
      .filter((n) => n.startsWith(fresh.slice(0, 12)))
      .sort()
      .at(-1) as string;
    expect(fresh > lastOfYear).toBe(true);

    await expect(seedCases(database, district, { count: 10, until: UNTIL })).rejects.toBeInstanceOf(
      SeedError,
    );
  });
});
