import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Resolves when the database answers a trivial query; rejects when it does not (readiness). */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
