import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';

/**
 * The tenant-key rule and the portable SQL subset (docs/ARCHITECTURE.md) checked against the
 * migrated schema, so a migration that breaks them fails here rather than on a sharded cluster.
 */
const NON_TENANT_TABLES = new Set([
  'system_setting',
  'auth_throttle',
  // The national working calendar: the same holidays for every district.
  'calendar_day',
  'kysely_migration',
  'kysely_migration_lock',
]);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

async function constraints(kind: 'p' | 'u' | 'f') {
  const { rows } = await sql<{ table: string; name: string; columns: string[] }>`
    select c.relname as table, k.conname as name,
      array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as columns
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace s on s.oid = c.relnamespace
    where s.nspname = 'public' and k.contype = ${kind}`.execute(database.db);
  return rows.filter((r) => !NON_TENANT_TABLES.has(r.table));
}

describe(`portable schema (${testEngine()})`, () => {
  it('has business tables to check', async () => {
    const pks = await constraints('p');
    expect(pks.map((p) => p.table)).toEqual(
      expect.arrayContaining(['region', 'household', 'person', 'enterprise']),
    );
  });

  it('leads every business primary key with the tenant key district_code', async () => {
    const offenders = (await constraints('p')).filter((c) => c.columns[0] !== 'district_code');
    expect(offenders).toEqual([]);
  });

  it('puts district_code in every unique key and every foreign key of a business table', async () => {
    const unique = (await constraints('u')).filter((c) => !c.columns.includes('district_code'));
    const foreign = (await constraints('f')).filter((c) => !c.columns.includes('district_code'));
    expect(unique).toEqual([]);
    expect(foreign).toEqual([]);
    const { rows: indexes } = await sql<{ table: string; name: string; def: string }>`
      select tablename as table, indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and indexdef like 'CREATE UNIQUE%'`.execute(database.db);
    const uniqueIndexes = indexes.filter(
      (i) => !NON_TENANT_TABLES.has(i.table) && !i.def.includes('district_code'),
    );
    expect(uniqueIndexes).toEqual([]);
  });

  it('uses application-generated ids: no sequences, serials or identity columns', async () => {
    const { rows } = await sql<{ table: string; column: string }>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public'
        and (is_identity = 'YES' or column_default like 'nextval%')
        and table_name not like 'kysely_%'`.execute(database.db);
    expect(rows).toEqual([]);
  });

  it('has no triggers, rules, inheritance or exclusion/deferrable constraints', async () => {
    const { rows: triggers } = await sql<{ name: string }>`
      select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal`.execute(
      database.db,
    );
    const { rows: rules } = await sql<{ name: string }>`
      select rulename as name from pg_rules where schemaname = 'public'`.execute(database.db);
    const { rows: inherits } = await sql<{ n: number }>`
      select count(*)::int as n from pg_inherits i join pg_class c on c.oid = i.inhrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`.execute(database.db);
    const { rows: special } = await sql<{ name: string }>`
      select k.conname as name from pg_constraint k join pg_namespace n on n.oid = k.connamespace
      where n.nspname = 'public' and (k.contype = 'x' or k.condeferrable)`.execute(database.db);
    expect(triggers).toEqual([]);
    expect(rules).toEqual([]);
    expect(Number(inherits[0]?.n)).toBe(0);
    expect(special).toEqual([]);
  });

  it('stores every timestamp as timestamptz', async () => {
    const { rows } = await sql<{ table: string; column: string }>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public' and data_type = 'timestamp without time zone'`.execute(database.db);
    expect(rows).toEqual([]);
  });
});
