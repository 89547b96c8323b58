import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyBaseLogger } from 'fastify';
import { backupFileName, createBackup, pruneBackups } from '../backup/backup.ts';
import { createSnapshotBackup } from '../backup/snapshot-backup.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/engine.ts';
import { schedulePeriodic } from './periodic.ts';

/**
 * Scheduled backups for embedded mode: one disk and no replica (PGlite's commits are synced, see
 * db/pglite-durability.ts, but a lost or corrupted disk loses everything); a regular logical backup
 * bounds that loss. The first one runs
 * soon after start when the newest backup is older than the interval. It is taken from a copy of
 * the data directory (backup/snapshot-backup.ts), so requests are served while it runs.
 */
export function scheduleBackups(
  config: Config,
  database: Database,
  log: FastifyBaseLogger,
): () => Promise<void> {
  const { intervalHours, keep, dir } = config.backup;
  if (intervalHours <= 0) {
    log.warn('scheduled backups are off (MINQING_BACKUP_INTERVAL_HOURS=0)');
    return async () => {};
  }
  const intervalMs = intervalHours * 3_600_000;
  const newest = newestBackupTime(dir);
  const firstDelay =
    newest === undefined || Date.now() - newest >= intervalMs ? 60_000 : intervalMs - (Date.now() - newest);
  const job = schedulePeriodic({
    firstDelayMs: firstDelay,
    intervalMs,
    task: async () => {
      const file = path.join(dir, backupFileName());
      // On PGlite (one session) a backup from a copy of the data directory never holds requests.
      const { pglite } = database as Database & { pglite?: PGlite };
      const summary =
        pglite && config.database.kind === 'pglite'
          ? await createSnapshotBackup(pglite, config.database.dataDir, file)
          : await createBackup(database, file);
      const pruned = pruneBackups(dir, keep);
      log.info(
        { file: summary.file, bytes: summary.bytes, ms: summary.ms, pruned: pruned.length },
        'backup written',
      );
    },
    onError: (error) => log.error({ err: error }, 'scheduled backup failed'),
  });
  log.info({ dir, intervalHours, keep }, 'embedded mode: scheduled backups on');
  // Stopping waits for a backup in progress, so the database is never closed under it.
  return job.stop;
}

function newestBackupTime(dir: string): number | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const times = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ndjson.gz'))
    .map((f) => fs.statSync(path.join(dir, f)).mtimeMs);
  return times.length ? Math.max(...times) : undefined;
}
