import type { Kysely } from 'kysely';
import { withRetry } from './retry.ts';
import type { DB } from './schema.ts';
import { createStatisticsRepository, type TableChanges } from './statistics.repository.ts';

/**
 * Refreshes the planner's statistics after a bulk load. PGlite runs no autovacuum, so without this
 * its planner keeps the estimates of the empty tables and picks nested loops over thousands of
 * rows; on PostgreSQL it only does earlier what autovacuum would do later. On Citus the ANALYZE
 * reaches every worker and can meet another distributed statement in a deadlock that Citus
 * breaks by cancelling one of them: outside a transaction it is simply run again.
 */
export async function refreshStatistics(db: Kysely<DB>): Promise<void> {
  const analyze = () => createStatisticsRepository(db).analyze();
  await (db.isTransaction ? analyze() : withRetry(analyze));
}

/** Autovacuum's own defaults (autovacuum_analyze_threshold and _scale_factor). */
export const ANALYZE_THRESHOLD = 50;
export const ANALYZE_SCALE = 0.1;

/** Whether a table changed enough since its last ANALYZE for its estimates to mislead the planner. */
export function needsAnalyze(t: TableChanges): boolean {
  return t.changed > ANALYZE_THRESHOLD + ANALYZE_SCALE * t.estimated;
}

/**
 * What autovacuum's analyse step does on PostgreSQL, for PGlite, which has none: ANALYZE each
 * table whose rows changed past the threshold since its last ANALYZE. After ~1,000 visits synced
 * into a fresh directory the street's coverage query otherwise ran 52–96 s on the empty tables'
 * estimates, holding every other request behind it. Cheap when nothing changed (one catalogue
 * query). Returns the tables analysed.
 */
export async function analyzeChangedTables(db: Kysely<DB>): Promise<string[]> {
  const repo = createStatisticsRepository(db);
  const stale = (await repo.changes()).filter(needsAnalyze).map((t) => t.table);
  for (const table of stale) await repo.analyze(table);
  return stale;
}
