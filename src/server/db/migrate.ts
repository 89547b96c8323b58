import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migration-list.ts';
import { appliedMigrations } from './migration-state.repository.ts';
import type { DB } from './schema.ts';

function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Applies the migrations a database lacks. One already at the latest (every start of the server
 * and of most commands) is told by one read of the applied names and left alone; anything else —
 * a new database, a pending migration, an applied one this code does not know — goes through
 * Kysely's migrator, which takes its lock, applies in order and refuses what it cannot explain.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  if (await upToDate(db)) return { results: [] };
  return check(await migrator(db).migrateToLatest());
}

async function upToDate(db: Kysely<DB>): Promise<boolean> {
  const applied = await appliedMigrations(db);
  const known = migrationNames();
  return applied !== null && applied.length === known.length && applied.every((name) => name in migrations);
}

/** Migrates up to and including `name` (restores load a backup at its own schema level). */
export async function migrateTo(db: Kysely<DB>, name: string): Promise<MigrationResultSet> {
  return check(await migrator(db).migrateTo(name));
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: result.error });
  }
  return result;
}

export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}
