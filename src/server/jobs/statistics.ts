import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/engine.ts';
import { analyzeChangedTables } from '../db/statistics.ts';
import { schedulePeriodic } from './periodic.ts';

/** How often embedded mode looks for tables whose statistics went stale. */
export const STATISTICS_INTERVAL_MS = 60_000;

/**
 * Embedded mode's stand-in for autovacuum's analyse step (PGlite has no autovacuum): every
 * interval, ANALYZE the tables that changed past the threshold (db/statistics.ts). Writes that come
 * in many small requests (the field app's sync, the API) are caught here; bulk imports and seeding
 * analyse as they finish. Returns the stop function, which waits for a run in progress.
 */
export function scheduleStatistics(
  database: Database,
  log: FastifyBaseLogger,
  intervalMs = STATISTICS_INTERVAL_MS,
): () => Promise<void> {
  const job = schedulePeriodic({
    firstDelayMs: intervalMs,
    intervalMs,
    task: async () => {
      const analysed = await analyzeChangedTables(database.db);
      if (analysed.length > 0) log.debug({ tables: analysed }, 'statistics refreshed');
    },
    onError: (error) => log.warn({ err: error }, 'refreshing statistics failed'),
  });
  return job.stop;
}
