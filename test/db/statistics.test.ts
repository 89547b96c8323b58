import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { ANALYZE_THRESHOLD, analyzeChangedTables } from '../../src/server/db/statistics.ts';
import { scheduleStatistics } from '../../src/server/jobs/statistics.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  // Start from analysed tables, as after a migration and seed.
  await analyzeChangedTables(database.db);
});
afterAll(async () => database.close());

let n = 0;
/**
 * The sample table is one that is a plain local table on every engine: on Citus the district
 * tables' and the reference tables' rows live in shards, whose statistics the workers keep.
 * Inserts rows on one connection and flushes that backend's counters before it is released: on
 * PostgreSQL every pooled backend flushes on its own schedule (PGlite has one backend).
 */
async function insertSettings(db: Kysely<DB>, count: number) {
  await db.connection().execute(async (c) => {
    await c
      .insertInto('auth_throttle')
      .values(
        Array.from({ length: count }, () => ({ key: `stats-${n++}`, failures: 0, window_start: new Date() })),
      )
      .execute();
    await sql`select pg_stat_force_next_flush()`.execute(c);
  });
}

const analysedAt = async (db: Kysely<DB>) =>
  (
    await sql<{ at: Date | null; changed: number }>`
      select coalesce(last_analyze, last_autoanalyze) as at, n_mod_since_analyze::int as changed
      from pg_stat_user_tables where relname = 'auth_throttle'`.execute(db)
  ).rows[0];

describe(`statistics stay fresh without autovacuum (${testEngine()})`, () => {
  it('analyses a table only once its changed rows pass the threshold', async () => {
    await insertSettings(database.db, 10);
    expect(await analyzeChangedTables(database.db)).not.toContain('auth_throttle');
    await insertSettings(database.db, ANALYZE_THRESHOLD);
    expect(await analyzeChangedTables(database.db)).toContain('auth_throttle');
    // Analysed: its counter starts again, so the next pass leaves it alone.
    expect((await analysedAt(database.db))?.changed).toBe(0);
    expect(await analyzeChangedTables(database.db)).not.toContain('auth_throttle');
  });

  it('the scheduled job analyses a table after enough changed rows, and stops cleanly', async () => {
    const before = (await analysedAt(database.db))?.at ?? null;
    const log = { debug() {}, warn() {} } as unknown as FastifyBaseLogger;
    const { stop } = scheduleStatistics(database, log, 25);
    try {
      await insertSettings(database.db, ANALYZE_THRESHOLD * 2);
      for (;;) {
        const now = await analysedAt(database.db);
        if (now?.at && (!before || now.at > before) && now.changed === 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await stop();
    }
    const after = await analysedAt(database.db);
    await insertSettings(database.db, ANALYZE_THRESHOLD * 2);
    await new Promise((r) => setTimeout(r, 100));
    // Stopped: nothing analyses the new rows any more.
    expect((await analysedAt(database.db))?.at).toEqual(after?.at);
  });

  it('a nudge (after a field sync) analyses at once, without waiting for the next tick', async () => {
    const log = { debug() {}, warn() {} } as unknown as FastifyBaseLogger;
    const job = scheduleStatistics(database, log, 3_600_000);
    try {
      const before = (await analysedAt(database.db))?.at ?? null;
      await insertSettings(database.db, ANALYZE_THRESHOLD * 2);
      await job.runNow();
      const after = await analysedAt(database.db);
      expect(after?.changed).toBe(0);
      expect(after?.at).not.toEqual(before);
    } finally {
      await job.stop();
    }
  });
});
