import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/engine.ts';
import { analyzeChangedTables } from '../db/statistics.ts';
import { type PeriodicJob, schedulePeriodic } from './periodic.ts';

/** How often embedded mode looks for tables whose statistics went stale. */
export const STATISTICS_INTERVAL_MS = 60_000;

/**
 * Embedded mode's stand-in for autovacuum's analyse step (PGlite has no autovacuum): every
 * interval, ANALYZE the tables that changed past the threshold (db/statistics.ts). Writes that come
 * in many small requests (the field app's sync, the API) are caught here; bulk imports and seeding
 * analyse as they finish. `runNow` lets a bulk write ask for a look at once without waiting for it;
 * `stop` waits for a run in progress.
 */
export function scheduleStatistics(
  database: Database,
  log: FastifyBaseLogger,
  intervalMs = STATISTICS_INTERVAL_MS,
): PeriodicJob {
  return schedulePeriodic({
    firstDelayMs: intervalMs,
    intervalMs,
    task: async () => {
      const analysed = await analyzeChangedTables(database.db);
      if (analysed.length > 0) log.debug({ tables: analysed }, 'statistics refreshed');
    },
    onError: (error) => log.warn({ err: error }, 'refreshing statistics failed'),
  });
}
