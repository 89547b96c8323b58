import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { readProvinceFigures } from '../../src/server/modules/dashboard/read-province-figures.ts';
import { createTestDatabase, onCitus, testEngine } from '../support/db.ts';

// A province's figures (issue 17 §3) come from the totals kept at each district's root and the
// unfolded deltas, added up per district and for the province; on Citus the two districts sit on
// different workers, so the one statement per kind reads across workers.

const FIRST = '330109';
const CANDIDATES = ['330110', '330102', '330105', '330106', '330108', '330111', '330112', '330113'];

describe(`a province's figures across districts (${onCitus() ? 'citus' : testEngine()})`, () => {
  let database: Database;
  let second: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    second = CANDIDATES[0] as string;
    if (onCitus()) {
      const nodes = await sql<{ code: string; node: string }>`
        select c.code, s.nodename || ':' || s.nodeport as node
        from unnest(${[FIRST, ...CANDIDATES]}::text[]) as c(code)
        join citus_shards s on s.table_name = 'case_figure_total'::regclass
          and s.shardid = get_shard_id_for_distribution_column('case_figure_total', c.code)`.execute(
        database.db,
      );
      const home = nodes.rows.find((r) => r.code === FIRST)?.node;
      second = nodes.rows.find((r) => r.node !== home)?.code as string;
      expect(second).toBeDefined();
    }
  });
  afterAll(async () => database?.close());

  it("adds up each district's root totals and unfolded deltas, and the province's", async () => {
    const { db } = database;
    const root = (code: string, name: string) => ({
      district_code: code,
      id: uuidv7(),
      parent_id: null,
      level: 'district' as const,
      code,
      name,
      kind: '区',
      path: code,
    });
    const a = root(FIRST, '萧山区');
    const b = root(second, '第二区');
    const street = {
      ...root(FIRST, '宁围街道'),
      parent_id: a.id,
      level: 'street' as const,
      code: `${FIRST}014`,
      path: `${FIRST}.${FIRST}014`,
    };
    await db.insertInto('region').values([a, b, street]).execute();
    const total = (district: string, regionId: string, day: string, counters: Record<string, number>) => ({
      district_code: district,
      region_id: regionId,
      day,
      counters: JSON.stringify(counters),
    });
    await db
      .insertInto('case_figure_total')
      .values([
        total(FIRST, a.id, '2026-11-03', { received: 3, closed: 2 }),
        total(FIRST, a.id, '2026-11-20', { received: 1 }),
        // A street's total is inside its district's: never counted again.
        total(FIRST, street.id, '2026-11-03', { received: 3, closed: 2 }),
        // Outside November.
        total(FIRST, a.id, '2026-10-31', { received: 100 }),
        total(second, b.id, '2026-11-05', { received: 5, closed: 5, rated: 4, satisfied: 4 }),
      ])
      .execute();
    await db
      .insertInto('case_figure_delta')
      .values({
        district_code: second,
        id: uuidv7(),
        day: '2026-11-06',
        region_id: b.id,
        category_key: '',
        unit_key: '',
        counters: JSON.stringify({ received: 1 }),
      })
      .execute();
    await db
      .insertInto('visit_figure_total')
      .values(total(FIRST, a.id, '2026-11-02', { visits: 7, night: 2 }))
      .execute();

    const figures = await readProvinceFigures(db, { period: 'month', at: '2026-11-15' }, new Date());
    expect(figures.period).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    const byCode = new Map(figures.districts.map((d) => [d.code, d]));
    expect(byCode.get(FIRST)?.name).toBe('萧山区');
    expect(byCode.get(FIRST)?.cases).toMatchObject({ received: 4, closed: 2 });
    expect(byCode.get(FIRST)?.visits).toMatchObject({ visits: 7, night: 2 });
    expect(byCode.get(second)?.cases).toMatchObject({ received: 6, closed: 5 });
    expect(byCode.get(second)?.cases.satisfactionRate).toMatchObject({
      numerator: 4,
      denominator: 4,
      value: 1,
    });
    expect(byCode.get(second)?.visits.visits).toBe(0);
    // The province's rates come from its summed counters.
    expect(figures.province.cases).toMatchObject({ received: 10, closed: 7 });
    expect(figures.province.cases.closureRate).toMatchObject({ numerator: 7, denominator: 10 });
    expect(figures.province.visits.visits).toBe(7);

    const october = await readProvinceFigures(db, { period: 'month', at: '2026-10-15' }, new Date());
    expect(october.province.cases.received).toBe(100);
  });
});
