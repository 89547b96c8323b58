import { type Kysely, sql } from 'kysely';

/**
 * The names of the migrations a database has applied (Kysely's `kysely_migration` table), or
 * null when it has none yet. Read directly: Kysely's migrator looks for its tables through the
 * introspector, which reads every table's columns (0.6 s of an embedded start on PGlite).
 */
export async function appliedMigrations<T>(db: Kysely<T>): Promise<string[] | null> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(
    db,
  );
  if (!rows[0]?.t) return null;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return applied.rows.map((r) => r.name);
}
