import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The SQL behind logical backups. Rows travel as PostgreSQL's own JSON rendering
 * (row_to_json / json_populate_recordset), which round-trips every column type we use (bytea as
 * hex, arrays, timestamptz, jsonb) identically on PGlite and PostgreSQL, so a backup taken on one
 * engine restores on the other.
 */
export interface TableInfo {
  name: string;
  /** Columns that order the dump: the primary key, or an override for self-referencing tables. */
  orderBy: string[];
  /** Tables whose foreign keys this table references (other than itself). */
  dependsOn: string[];
}

/** Tables that point at themselves must be dumped parents-first; these columns sort them so. */
const ORDER_OVERRIDES: Record<string, string[]> = {
  region: ['district_code', 'path'],
  case_category: ['district_code', 'path'],
};

const TOOLING_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export function createBackupRepository(db: Kysely<DB>) {
  return {
    /**
     * On Citus, one connection per worker for the rest of the backup's transaction: each worker
     * then answers from one snapshot, where the executor would otherwise open more connections as
     * it goes, each with a later one. A district's rows all live on one worker, so each district
     * is a consistent snapshot in itself (Citus has no snapshot across workers). Off Citus, nothing.
     */
    async oneSnapshotPerWorker(): Promise<void> {
      await sql`select set_config('citus.max_adaptive_executor_pool_size', '1', true)
        from pg_extension where extname = 'citus'`.execute(db);
    },

    async tables(): Promise<TableInfo[]> {
      const { rows: tables } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
      const { rows: pks } = await sql<{ table_name: string; column_name: string; position: number }>`
        select tc.table_name, kcu.column_name, kcu.ordinal_position as position
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
        order by tc.table_name, kcu.ordinal_position`.execute(db);
      const { rows: fks } = await sql<{ child: string; parent: string }>`
        select distinct c.relname as child, p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`.execute(db);
      return tables
        .map((t) => t.name)
        .filter((name) => !TOOLING_TABLES.has(name))
        .map((name) => {
          const selfReferencing = fks.some((f) => f.child === name && f.parent === name);
          const override = ORDER_OVERRIDES[name];
          if (selfReferencing && !override) {
            throw new Error(
              `Table ${name} references itself: give it a parents-first order in ORDER_OVERRIDES.`,
            );
          }
          const pk = pks.filter((p) => p.table_name === name).map((p) => p.column_name);
          if (pk.length === 0) throw new Error(`Table ${name} has no primary key; backups need one.`);
          return {
            name,
            orderBy: override ?? pk,
            dependsOn: fks.filter((f) => f.child === name && f.parent !== name).map((f) => f.parent),
          };
        });
    },

    async appliedMigrations(): Promise<string[]> {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        db,
      );
      return rows.map((r) => r.name);
    },

    /** One page of a table as JSON texts, after the given key (keyset pagination). */
    async page(
      table: TableInfo,
      after: unknown[] | null,
      limit: number,
    ): Promise<{ json: string[]; lastKey: unknown[] | null }> {
      const cols = sql.join(table.orderBy.map((c) => sql.ref(`t.${c}`)));
      const where = after === null ? sql`true` : sql`(${cols}) > (${sql.join(after.map((v) => sql`${v}`))})`;
      const keyCols = sql.join(
        table.orderBy.map((c, i) => sql`${sql.ref(`t.${c}`)}::text as ${sql.ref(`k${i}`)}`),
      );
      const { rows } = await sql<Record<string, string>>`
        select row_to_json(t)::text as j, ${keyCols}
        from ${sql.table(table.name)} as t
        where ${where}
        order by ${cols}
        limit ${limit}`.execute(db);
      const last = rows.at(-1);
      return {
        json: rows.map((r) => r.j as string),
        lastKey: last ? table.orderBy.map((_, i) => last[`k${i}`]) : null,
      };
    },

    async insertJsonRows(table: string, rows: string[]): Promise<void> {
      if (rows.length === 0) return;
      await sql`insert into ${sql.table(table)}
        select * from json_populate_recordset(null::${sql.table(table)}, ${`[${rows.join(',')}]`}::json)`.execute(
        db,
      );
    },

    async count(table: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        db,
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}

/** Orders tables so that every table comes after the tables it references. */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  const visit = (t: TableInfo, trail: string[]) => {
    if (done.has(t.name)) return;
    if (trail.includes(t.name)) throw new Error(`Foreign-key cycle: ${[...trail, t.name].join(' → ')}`);
    for (const parent of t.dependsOn) {
      const p = byName.get(parent);
      if (p) visit(p, [...trail, t.name]);
    }
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}
