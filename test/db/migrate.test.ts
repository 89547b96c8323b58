import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { migrateTo, migrateToLatest, migrationNames } from '../../src/server/db/migrate.ts';
import { appliedMigrations } from '../../src/server/db/migration-state.repository.ts';
import { testEngine, unmigratedDatabase } from '../support/db.ts';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe(`migrating to the latest (${testEngine()})`, () => {
  it('migrates a new database whole, then leaves one at the latest alone', async () => {
    database = await unmigratedDatabase();
    expect(await appliedMigrations(database.db)).toBeNull();
    const first = await migrateToLatest(database.db);
    expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual(
      migrationNames().map((name) => [name, 'Success']),
    );
    expect((await appliedMigrations(database.db))?.sort()).toEqual(migrationNames());
    // Already at the latest: nothing to apply, and told without the migrator's table lookups.
    expect(await migrateToLatest(database.db)).toEqual({ results: [] });
  });

  it('applies only what a database lacks, and refuses one applied by newer code', async () => {
    database = await unmigratedDatabase();
    const names = migrationNames();
    await migrateTo(database.db, names.at(-2) as string);
    const rest = await migrateToLatest(database.db);
    expect(rest.results?.map((r) => r.migrationName)).toEqual([names.at(-1)]);
    await sql`insert into kysely_migration (name, timestamp) values ('29991231T2359_from_the_future', '2999-12-31')`.execute(
      database.db,
    );
    await expect(migrateToLatest(database.db)).rejects.toThrow(/Migration/);
  });
});
