import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/** One table's changes since the planner last sampled it. */
export interface TableChanges {
  table: string;
  /** Rows inserted, updated or deleted since the last ANALYZE. */
  changed: number;
  /** The planner's row estimate (0 before the first ANALYZE). */
  estimated: number;
}

/** The SQL behind keeping planner statistics fresh (statistics.ts). */
export function createStatisticsRepository(db: Kysely<DB>) {
  return {
    /**
     * Change counts of the application's tables. Counters reach the shared statistics only when a
     * backend flushes them (at most once a second, later when busy), so this backend's are flushed
     * first; on PGlite, the only backend, that makes them exact.
     */
    async changes(): Promise<TableChanges[]> {
      await sql`select pg_stat_force_next_flush()`.execute(db);
      const { rows } = await sql<{ table: string; changed: number; estimated: number }>`
        select s.relname as table, s.n_mod_since_analyze::int8 as changed,
          greatest(c.reltuples, 0)::int8 as estimated
        from pg_stat_user_tables s
        join pg_class c on c.oid = s.relid
        where s.schemaname = 'public'`.execute(db);
      return rows.map((r) => ({
        table: r.table,
        changed: Number(r.changed),
        estimated: Number(r.estimated),
      }));
    },

    async analyze(table?: string): Promise<void> {
      await (table ? sql`analyze ${sql.table(table)}` : sql`analyze`).execute(db);
    },
  };
}
