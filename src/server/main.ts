import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { openDatabase } from './db/engine.ts';
import { migrateToLatest } from './db/migrate.ts';
import { scheduleAuditCheckpoints } from './jobs/audit-checkpoints.ts';
import { scheduleBackups } from './jobs/backup-schedule.ts';
import { startCaseJobs } from './jobs/job-queue.ts';
import { scheduleRetention } from './jobs/retention.ts';
import { scheduleStatistics } from './jobs/statistics.ts';
import { fillPhoneLastFour } from './modules/field-directory/fill-phone-last-four.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Stops accepting connections, finishes in-flight requests, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Runs after migrations and before listening (e.g. seeding the demo street). */
  beforeListen?: (ctx: ReturnType<typeof createContext>) => Promise<void>;
}

/**
 * Opens the database (taking the data-directory lock in embedded mode), migrates, builds the app
 * and listens. Every step that fails closes what the earlier steps opened.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const database = await openDatabase(config, { statementTimeout: true });
  let app: FastifyInstance | undefined;
  let stopBackups = async () => {};
  let stopRetention = async () => {};
  let stopCaseJobs = async () => {};
  let stopStatistics = async () => {};
  let stopCheckpoints = async () => {};
  try {
    await migrateToLatest(database.db);
    const ctx = createContext(config, database);
    await fillPhoneLastFour(database.db, ctx.cipher);
    await options.beforeListen?.(ctx);
    app = await buildApp(ctx, { serveWeb: true });
    if (database.engine === 'pglite') {
      stopBackups = scheduleBackups(config, database, app.log);
      // PGlite has no autovacuum: without fresh statistics its plans degrade as data arrives.
      const statistics = scheduleStatistics(database, app.log);
      stopStatistics = statistics.stop;
      ctx.nudgeStatistics = () => void statistics.runNow();
    }
    stopRetention = scheduleRetention(config, database.db, app.log);
    stopCheckpoints = scheduleAuditCheckpoints(config, database.db, app.log).stop;
    const address = await app.listen({ port: config.port, host: config.host });
    // The job queue starts once the server answers: no request needs it (its jobs work on the
    // tables requests write), and its start (pg-boss's schema check, queues, workers) was a sixth
    // of an embedded start. A queue that cannot start still fails the start as a whole.
    stopCaseJobs = await startCaseJobs({ database, config, cipher: ctx.cipher, log: app.log });
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      url: address,
      close() {
        closing ??= (async () => {
          await stopBackups();
          await stopStatistics();
          await stopRetention();
          await stopCaseJobs();
          await running.close();
          // After the last request: the final checkpoint covers every acknowledged audit row.
          await stopCheckpoints();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await stopBackups();
    await stopStatistics();
    await stopRetention();
    await stopCaseJobs();
    await app?.close().catch(() => {});
    await stopCheckpoints();
    await database.close();
    throw error;
  }
}

/**
 * SIGTERM/SIGINT: graceful shutdown within the configured grace period, then a forced exit so a
 * stuck request cannot keep a deployment from restarting. A second signal exits at once.
 */
export function closeOnSignals(server: RunningServer, graceMs: number, log: (msg: string) => void): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    log(`${signal} received: finishing in-flight requests and closing the database`);
    const force = setTimeout(() => {
      log(`shutdown took longer than ${graceMs} ms: exiting`);
      process.exit(1);
    }, graceMs);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
