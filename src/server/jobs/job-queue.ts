import type { PGlite } from '@electric-sql/pglite';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { type Db, fromPglite, PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import type { PiiCipher } from '../crypto/pii.ts';
import type { Database } from '../db/engine.ts';
import { foldFigureDeltas } from '../modules/figures/rollups.ts';
import { smsGatewayFor } from '../modules/notifications/sms-gateway.ts';
import { sweepClocks } from './case-sweeper.ts';
import { type DeliveryDeps, deliverDue } from './outbox-delivery.ts';

export const SWEEP_QUEUE = 'case-sweep';
export const DELIVERY_QUEUE = 'outbox-delivery';
export const FIGURES_QUEUE = 'figures-fold';
/** How often the outbox is drained besides after every sweep. */
export const DELIVERY_INTERVAL_MS = 5_000;

export interface CaseJobsDeps {
  database: Database;
  config: Config;
  cipher: PiiCipher;
  log: FastifyBaseLogger;
}

/**
 * The jobs as plain functions: the sweep (then a delivery pass), a delivery pass alone, and a fold
 * of the kept figures' deltas into their rollups (modules/figures/rollups.ts).
 */
function caseJobs(deps: CaseJobsDeps) {
  const delivery: DeliveryDeps = {
    db: deps.database.db,
    settings: deps.config.cases,
    cipher: deps.cipher,
    sms: smsGatewayFor(deps.config.cases, deps.log),
    publicOrigin: deps.config.publicOrigins[0],
    log: deps.log,
  };
  const deliver = async () => {
    const totals = await deliverDue(delivery, new Date());
    if (totals.delivered + totals.retried + totals.failed > 0) deps.log.info(totals, 'outbox delivery pass');
  };
  const sweep = async () => {
    const totals = await sweepClocks(deps.database.db, deps.config, new Date(), deps.log);
    if (totals.overdue + totals.supervised + totals.progressDue + totals.errors > 0)
      deps.log.info(totals, 'clock sweep');
    await deliver();
  };
  const fold = async () => {
    const folded = await foldFigureDeltas(deps.database.db);
    if (folded > 0) deps.log.debug({ folded }, 'figures folded');
  };
  return { sweep, deliver, fold };
}

/** pg-boss's door into the application's database: the PGlite instance, or the server's pg pool. */
function queueDatabase(database: Database): Db {
  const { pglite, pool } = database as Database & { pglite?: PGlite; pool?: pg.Pool };
  if (database.engine === 'pglite' && pglite) return fromPglite(pglite);
  if (database.engine === 'postgres' && pool)
    return { executeSql: (text, values) => pool.query(text, values) };
  throw new Error(`No connection for the job queue on ${database.engine}.`);
}

/**
 * Starts the case loop's background work on pg-boss in the application's own database (PGlite
 * through pg-boss's adapter, or PostgreSQL through the server's pool; schema `pgboss`, outside
 * `public`, so backups and the portable-schema rules do not see it). Every
 * instance sends a job on its own interval into an `exclusive` queue (at most one queued or
 * active), so however many servers run, one sweep runs at a time; the sweep and the delivery are
 * safe to overlap anyway (row locks), and the due-at data makes a missed run harmless: the next
 * one catches up. Returns the stop function (waits for a running job).
 */
export async function startCaseJobs(deps: CaseJobsDeps): Promise<() => Promise<void>> {
  const { database, config, log } = deps;
  const jobs = caseJobs(deps);
  const boss = new PgBoss({ db: queueDatabase(database), backend: database.engine, schema: 'pgboss' });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const name of [SWEEP_QUEUE, DELIVERY_QUEUE, FIGURES_QUEUE]) {
    await boss.createQueue(name, { policy: 'exclusive', retryLimit: 0, expireInSeconds: 15 * 60 });
  }
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 2 }, async () => jobs.sweep());
  await boss.work(DELIVERY_QUEUE, { pollingIntervalSeconds: 2 }, async () => jobs.deliver());
  await boss.work(FIGURES_QUEUE, { pollingIntervalSeconds: 2 }, async () => jobs.fold());
  const send = (name: string) => () => {
    boss.send(name, null).catch((error) => log.error({ err: error, queue: name }, 'job not queued'));
  };
  // First sweep at once: whatever fell due while the server was down is caught up now.
  send(SWEEP_QUEUE)();
  const timers = [
    setInterval(send(SWEEP_QUEUE), config.cases.sweepIntervalSeconds * 1000),
    setInterval(send(DELIVERY_QUEUE), DELIVERY_INTERVAL_MS),
    // The same pace: reads add the unfolded tail, so folding keeps reads short, not correct.
    setInterval(send(FIGURES_QUEUE), DELIVERY_INTERVAL_MS),
  ];
  for (const t of timers) t.unref();
  log.info(
    { engine: database.engine, sweepIntervalSeconds: config.cases.sweepIntervalSeconds },
    'case jobs started (clock sweeper, outbox delivery, figures fold)',
  );
  return async () => {
    for (const t of timers) clearInterval(t);
    await boss.stop({ graceful: true, timeout: 10_000 });
  };
}
