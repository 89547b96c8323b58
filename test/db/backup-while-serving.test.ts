import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from '../../src/server/backup/backup.ts';
import { createSnapshotBackup } from '../../src/server/backup/snapshot-backup.ts';
import { createPiiCipher, generatePiiKey } from '../../src/server/crypto/pii.ts';
import { openPglite } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { seedVisits } from '../../src/server/seed/visits.ts';
import { createTestDatabase } from '../support/db.ts';

type Pglite = Awaited<ReturnType<typeof openPglite>>;

let i = 0;

/**
 * Runs `backup` while a client keeps asking the database (a read, then a write, as requests do)
 * one request after another, and reports how long each waited and how many finished before the
 * backup did.
 */
async function requestsDuring(database: Pglite, backup: () => Promise<unknown>) {
  let done = false;
  const waits: number[] = [];
  let answeredDuring = 0;
  const client = (async () => {
    while (!done) {
      const t = performance.now();
      await sql`select count(*) from app_user`.execute(database.db);
      await database.db
        .insertInto('system_setting')
        .values({ key: `during-backup-${i++}`, value: '1' })
        .execute();
      waits.push(performance.now() - t);
      if (!done) answeredDuring++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const started = performance.now();
  await backup();
  const backupMs = performance.now() - started;
  done = true;
  await client;
  return { backupMs, waits, answeredDuring, longest: Math.max(...waits) };
}

describe('a scheduled embedded backup does not stall the server', () => {
  it('answers requests while the backup runs, and the backup is a consistent, restorable snapshot', async () => {
    // The restore target (its set-up also keys this process's audit rows, which seeding writes).
    const target = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bak-serving-'));
    const dataDir = path.join(dir, 'pglite');
    const database = await openPglite({ dataDir, lock: false });
    try {
      await migrateToLatest(database.db);
      const territory = await seed(database, {
        scale: 'demo',
        households: 400,
        cipher: createPiiCipher(generatePiiKey()),
      });
      await seedVisits(database, territory.districts[0] as string, {
        count: 3000,
        until: new Date(),
        days: 90,
      });

      // The old way, one REPEATABLE READ transaction on PGlite's one session: nothing is answered
      // until it ends. This is what the new one is measured against.
      const held = await requestsDuring(database, () =>
        createBackup(database, path.join(dir, 'held.ndjson.gz')),
      );
      expect(held.answeredDuring).toBeLessThanOrEqual(1);

      const settingsBefore = await database.db.selectFrom('system_setting').select('key').execute();
      const file = path.join(dir, 'backups', 'snap.ndjson.gz');
      let summary: Awaited<ReturnType<typeof createSnapshotBackup>> | undefined;
      const run = await requestsDuring(database, async () => {
        summary = await createSnapshotBackup(database.pglite, dataDir, file);
      });
      // Requests kept being answered while it ran, none waiting more than a fraction of it.
      expect(run.answeredDuring).toBeGreaterThanOrEqual(5);
      expect(run.longest).toBeLessThan(run.backupMs / 2);
      // Only the backup file is left behind, not the copied directory.
      expect(fs.readdirSync(path.dirname(file))).toEqual(['snap.ndjson.gz']);

      // A snapshot: it holds every row written before it began and restores into a fresh database.
      const settingsAfter = await database.db.selectFrom('system_setting').select('key').execute();
      const inBackup = summary?.counts.system_setting ?? -1;
      expect(inBackup).toBeGreaterThanOrEqual(settingsBefore.length);
      expect(inBackup).toBeLessThanOrEqual(settingsAfter.length);
      expect(summary?.counts.visit).toBe(
        Number((await sql<{ n: number }>`select count(*) as n from visit`.execute(database.db)).rows[0]?.n),
      );
      const restored = await restoreBackup(target, file);
      const nonEmpty = Object.entries(summary?.counts ?? {}).filter(([, n]) => n > 0);
      expect(restored.counts).toEqual(Object.fromEntries(nonEmpty));
    } finally {
      await database.close();
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
