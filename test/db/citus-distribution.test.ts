import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { createTestDatabase, onCitus, testEngine } from '../support/db.ts';

/**
 * The distribution migration (20261206T2200_citus_distribution): on Citus every district table is
 * distributed on `district_code` in one co-location group and the shared tables are reference
 * tables; on PGlite and plain PostgreSQL it changes nothing.
 */
describe(`tables across a Citus cluster (${onCitus() ? 'citus' : testEngine()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  const districtTables = async () =>
    (
      await sql<{ name: string }>`
        select c.relname as name from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'district_code'
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(database.db)
    ).rows.map((r) => r.name);

  it('records the migration as applied', async () => {
    const applied = await sql<{ name: string }>`
      select name from kysely_migration where name = '20261206T2200_citus_distribution'`.execute(database.db);
    expect(applied.rows).toHaveLength(1);
    expect((await districtTables()).length).toBeGreaterThan(80);
  });

  if (onCitus()) {
    it('distributes every district table on district_code in one co-location group', async () => {
      const dist = await sql<{ name: string; method: string; column: string | null; colocation: number }>`
        select logicalrelid::regclass::text as name, partmethod as method,
          column_to_column_name(logicalrelid, partkey) as column, colocationid as colocation
        from pg_dist_partition`.execute(database.db);
      const byName = new Map(dist.rows.map((r) => [r.name, r]));
      const tables = await districtTables();
      for (const table of tables) {
        expect(byName.get(table), table).toMatchObject({ method: 'h', column: 'district_code' });
      }
      expect(new Set(tables.map((t) => byName.get(t)?.colocation)).size).toBe(1);
      for (const table of ['calendar_day', 'system_setting']) {
        expect(byName.get(table), table).toMatchObject({ method: 'n' });
      }
      // The migrations' bookkeeping and the job queue stay on the coordinator.
      expect(byName.has('kysely_migration')).toBe(false);
    });

    it("keeps one district's rows of every table on one worker", async () => {
      const placements = await sql<{ table: string; node: string }>`
        select s.logicalrelid::regclass::text as table, p.nodename || ':' || p.nodeport as node
        from pg_dist_shard s join pg_dist_placement pl using (shardid)
        join pg_dist_node p on p.groupid = pl.groupid
        where s.shardid in (
          select get_shard_id_for_distribution_column(t, '330110'::text)
          from unnest(array['case_record', 'case_event', 'audit_log', 'visit', 'household']::regclass[]) t)`.execute(
        database.db,
      );
      expect(placements.rows).toHaveLength(5);
      expect(new Set(placements.rows.map((r) => r.node)).size).toBe(1);
      const workers = await sql<{ n: number }>`
        select count(*)::int as n from pg_dist_node where groupid <> 0 and isactive`.execute(database.db);
      expect(workers.rows[0]?.n).toBe(2);
    });
  } else {
    it('leaves the tables as they are without Citus', async () => {
      const citus = await sql`select 1 from pg_extension where extname = 'citus'`.execute(database.db);
      expect(citus.rows).toHaveLength(0);
    });
  }
});
