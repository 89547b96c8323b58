import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Refreshes the planner's statistics after a bulk load. PGlite runs no autovacuum, so without this
 * its planner keeps the estimates of the empty tables and picks nested loops over thousands of
 * rows; on PostgreSQL it only does earlier what autovacuum would do later.
 */
export async function refreshStatistics(db: Kysely<DB>): Promise<void> {
  await sql`analyze`.execute(db);
}
