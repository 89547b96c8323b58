import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors/app-error.ts';
import type { Config } from '../config.ts';
import { OVERLOAD_RETRY_AFTER_SECONDS } from '../db/db-errors.ts';
import type { Database } from '../db/engine.ts';
import { routedPath } from './request-path.ts';

/**
 * Load shedding (issue 16 §5; docs/specs/performance.md): past capacity a request is refused at
 * once with 503 OVERLOADED and Retry-After instead of queueing until its client gives up, so the
 * requests that are admitted keep their speed and a load balancer sees /readyz fail and moves
 * traffic elsewhere. Three bounds, cheapest first:
 *
 * - at the start of a request, the database's queue: on PostgreSQL how long its oldest waiting
 *   checkout has waited (MINQING_DB_QUEUE_DELAY_MS: a burst that drains at once is let through, a
 *   standing queue is not, whatever the pool's size and the statements' speed; residents' and
 *   other systems' requests only, see `fromOutside`) and how many wait
 *   (MINQING_DB_QUEUE_MAX, a ceiling); on PGlite (one connection, in this process) the API
 *   requests in flight beyond the one being served, past MINQING_DB_QUEUE_MAX. Refused requests
 *   never touch the database;
 * - at the start of a request, the event loop's mean delay over the last half second
 *   (MINQING_SHED_EVENT_LOOP_DELAY_MS, @fastify/under-pressure): the process itself has more work
 *   than CPU;
 * - during a request, the wait for a pooled connection (MINQING_DB_POOL_WAIT_MS, db/engine.ts): a
 *   request admitted just before the pool jammed (long statements holding every connection).
 *
 * Only the API (/api/, /open311/) is shed: the probes must answer (a fast /readyz 503 is what moves
 * traffic), and static files need no database.
 */

/** Waiting checkouts allowed per pooled PostgreSQL connection when MINQING_DB_QUEUE_MAX is unset. */
export const POOL_QUEUE_PER_CONNECTION = 4;
/**
 * API requests allowed to wait for PGlite's one connection when MINQING_DB_QUEUE_MAX is unset: a
 * few people's pages at once (each asks for several things), where a street's queries take ms.
 */
export const PGLITE_QUEUE_MAX = 32;
/**
 * Residents' and Open311 requests in progress at once, per pooled PostgreSQL connection, when
 * MINQING_SHED_OUTSIDE_IN_FLIGHT is unset (PGlite: OUTSIDE_PGLITE). Past capacity, what the
 * process admits from outside queues in its one thread, not for a connection, where the database
 * bounds cannot see it: a bulkhead keeps the admitted ones fast (p99 ≤ 100 ms at 500 offered/s)
 * and leaves the rest of the process to staff. One per connection, not two: at 500 reports/s on
 * a 10-connection pool the admitted reports' p99 went 224 → 85 ms and more were answered (400 →
 * 467 of 1,000), as the admitted no longer queue behind each other for connections.
 */
export const OUTSIDE_PER_CONNECTION = 1;
export const OUTSIDE_PGLITE = 8;
/** The event loop's delay is a mean over this window; a shed decided on it lasts at least as long. */
const EVENT_LOOP_WINDOW_MS = 500;

export interface LoadStatus {
  /** New API requests are being refused (503 OVERLOADED), and /readyz answers 503. */
  shedding: boolean;
  /** Why: the database's queue is too long or too slow, or the event loop lags. */
  reason: 'database' | 'event-loop' | null;
  /**
   * Demand on the database over what it may take before shedding: connections in use plus
   * waiting checkouts over pool size plus `queueMax` (PGlite: API requests in flight over 1 plus
   * `queueMax`). Above 1 the count bound sheds (the queue's delay may shed before).
   */
  saturation: number;
  /** API requests admitted and not yet answered, in this process. */
  inFlight: number;
  /** Of them, residents' and Open311 requests (see `fromOutside`), and their bound (0: none). */
  outsideInFlight: number;
  outsideInFlightMax: number;
  queueMax: number;
  /** PostgreSQL: how long the oldest waiting checkout has waited, ms (null on PGlite). */
  queueDelayMs: number | null;
  /** The queue delay that sheds, ms (0: none). */
  queueDelayLimitMs: number;
  /** Mean event-loop delay over the last window, ms (the whole window when no turn came in it). */
  eventLoopDelayMs: number;
  /** The delay that sheds, ms (0: the event loop is not a bound). */
  eventLoopDelayLimitMs: number;
  /** PostgreSQL's pool (null on PGlite). */
  pool: { max: number; total: number; idle: number; waiting: number } | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's load as load shedding sees it (/readyz reports it). */
    loadStatus(): LoadStatus;
  }
}

/** What load shedding may refuse: the API, whose requests use the database. */
function sheddable(request: FastifyRequest): boolean {
  const path = routedPath(request);
  return path.startsWith('/api/') || path.startsWith('/open311/');
}

/**
 * Requests from outside (residents' public routes, other systems over Open311) are refused as soon
 * as the database's queue stands longer than its delay bound; staff's signed-in work only at the
 * queue's ceiling and the pool-wait bound. Past capacity the staff's cases go on being handled
 * while anonymous traffic is turned away first, and the web app (which does not retry a 503) shows
 * staff an error only when the database is really jammed.
 */
function fromOutside(request: FastifyRequest): boolean {
  const path = routedPath(request);
  return path.startsWith('/api/v1/public/') || path.startsWith('/open311/');
}

function overloaded(detail: string): AppError {
  return new AppError('OVERLOADED', detail, { retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS });
}

export async function installShedding(
  app: FastifyInstance,
  config: Config,
  database: Database,
): Promise<void> {
  const { pool } = database;
  const poolMax = pool?.options.max ?? 10;
  const queueMax =
    config.shedding.queueMax ?? (pool ? POOL_QUEUE_PER_CONNECTION * poolMax : PGLITE_QUEUE_MAX);
  const queueDelayLimitMs = pool ? config.shedding.queueDelayMs : 0;
  const delayLimitMs = config.shedding.eventLoopDelayMs;
  const queueDelay = () => database.checkoutWaitMs?.() ?? 0;
  let inFlight = 0;
  let outsideInFlight = 0;
  const outsideInFlightMax =
    config.shedding.outsideInFlight ?? (pool ? OUTSIDE_PER_CONNECTION * poolMax : OUTSIDE_PGLITE);

  const demand = (): { used: number; capacity: number } =>
    pool
      ? { used: pool.totalCount - pool.idleCount + pool.waitingCount, capacity: poolMax + queueMax }
      : { used: inFlight, capacity: 1 + queueMax };
  const databaseFull = (used: number, capacity: number, outside = true) =>
    used > capacity || (outside && queueDelayLimitMs > 0 && queueDelay() > queueDelayLimitMs);

  // Registered whatever the limit: its measure of the loop's delay is reported by /readyz even when
  // it does not shed (no maxEventLoopDelay, so it adds no hook).
  await app.register(underPressure, {
    sampleInterval: EVENT_LOOP_WINDOW_MS,
    ...(delayLimitMs > 0 ? { maxEventLoopDelay: delayLimitMs } : {}),
    retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
    pressureHandler: (request) => {
      if (!sheddable(request)) return;
      // Thrown, so the one error handler answers it as problem+json with Retry-After.
      throw overloaded('The server is busy; try again shortly.');
    },
  });

  app.decorate('loadStatus', (): LoadStatus => {
    const { used, capacity } = demand();
    const delay = app.memoryUsage().eventLoopDelay;
    const lagging = delayLimitMs > 0 && delay > delayLimitMs;
    const full = databaseFull(used, capacity);
    return {
      shedding: full || lagging,
      reason: full ? 'database' : lagging ? 'event-loop' : null,
      saturation: Math.round((used / capacity) * 100) / 100,
      inFlight,
      outsideInFlight,
      outsideInFlightMax,
      queueMax,
      queueDelayMs: pool ? Math.round(queueDelay() * 10) / 10 : null,
      queueDelayLimitMs,
      eventLoopDelayMs: Number.isFinite(delay) ? Math.round(delay * 10) / 10 : EVENT_LOOP_WINDOW_MS,
      eventLoopDelayLimitMs: delayLimitMs,
      pool: pool
        ? { max: poolMax, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
        : null,
    };
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!sheddable(request)) return;
    const { used, capacity } = demand();
    const outside = fromOutside(request);
    if (databaseFull(used, capacity, outside))
      throw overloaded('Too many requests are waiting for the database; try again shortly.');
    if (outside && outsideInFlightMax > 0 && outsideInFlight >= outsideInFlightMax)
      throw overloaded('Too many requests from outside are in progress; try again shortly.');
    inFlight++;
    if (outside) outsideInFlight++;
    // 'close' comes once whether the answer was sent or the client went away, so the counts
    // cannot leak and leave the process shedding for good.
    reply.raw.once('close', () => {
      inFlight--;
      if (outside) outsideInFlight--;
    });
  });
}
