import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migration-list.ts';
import type { DB } from './schema.ts';

function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  return check(await migrator(db).migrateToLatest());
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
