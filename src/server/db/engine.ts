import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { AppError } from '../../shared/errors/app-error.ts';
import type { Config } from '../config.ts';
import { OVERLOAD_RETRY_AFTER_SECONDS } from './db-errors.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { DurableNodeFS, durableStartParams, syncNewDataDir } from './pglite-durability.ts';
import { ensurePgliteTemplate } from './pglite-template.ts';
import { PreparingClient } from './prepared-statements.ts';
import type { DB } from './schema.ts';

export type EngineKind = 'pglite' | 'postgres';

/** An open database: the query builder, which engine is behind it, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  engine: EngineKind;
  close(): Promise<void>;
  /** PostgreSQL's connection pool (absent on PGlite): its counts drive load shedding (http/shedding.ts). */
  pool?: pg.Pool;
  /** PostgreSQL: how long the oldest checkout still waiting for a connection has waited, ms (0: none). */
  checkoutWaitMs?: () => number;
}

// Both engines return the same JS types: int8 as number (counts stay far below 2^53),
// dates as 'YYYY-MM-DD' strings (a date has no time zone), timestamptz as Date.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
  [NUMERIC]: (v: string) => Number(v),
};

export interface OpenPgliteOptions {
  /** Directory to persist in; omitted means in memory (tests). */
  dataDir?: string;
  /** A dump (from dumpDataDir) to start from when the directory is new. */
  loadDataDir?: Blob;
  /** Take the single-owner lock on the directory (on for servers and CLI commands). */
  lock?: boolean;
}

export async function openPglite(options: OpenPgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  let lock: DataDirLock | undefined;
  const { dataDir } = options;
  if (dataDir && options.lock !== false) lock = acquireDataDirLock(dataDir);
  try {
    const isNew = !dataDir || !fs.existsSync(dataDir) || !fs.existsSync(`${dataDir}/PG_VERSION`);
    const loadDataDir = options.loadDataDir ?? (isNew ? await ensurePgliteTemplate() : undefined);
    // On disk, every acknowledged commit is synced (pglite-durability.ts); in memory (tests),
    // there is nothing to sync.
    const pglite = await PGlite.create({
      ...(dataDir ? { fs: new DurableNodeFS(dataDir), startParams: durableStartParams() } : {}),
      ...(loadDataDir && isNew ? { loadDataDir } : {}),
      parsers: pgliteParsers,
    });
    // The template's files were unpacked without a sync; the WAL synced from here on replays
    // onto them only if they are on disk too.
    if (dataDir && isNew) syncNewDataDir(dataDir);
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      pglite,
      engine: 'pglite',
      async close() {
        try {
          await db.destroy();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export interface OpenPostgresOptions {
  /** Server-side bound on every statement (`statement_timeout`), 0 for none. */
  statementTimeoutMs?: number;
  /**
   * The longest wait for a connection: for a free one when all are busy (past it the query fails
   * with AppError OVERLOADED) and for a new one to open (a connection failure, 503).
   */
  poolWaitMs?: number;
}

/** What pg-pool rejects a checkout with when it waited its whole time for a busy pool. */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

export function openPostgres(
  url: string,
  poolMax = 10,
  options: OpenPostgresOptions = {},
): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    // Each connection prepares the statements it runs (prepared-statements.ts).
    Client: PreparingClient,
    // One bound for both waits pg-pool has: a new connection opening (tens of ms even over TLS to
    // another host) and a checkout queued behind busy ones. A queued request that would wait longer
    // answers 503 OVERLOADED instead of queueing until the client gives up (issue 16 §5).
    connectionTimeoutMillis: options.poolWaitMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'minqing',
    // Sent in the startup packet, so every connection the pool opens carries it.
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client losing its connection (PostgreSQL restarting) must not crash the process;
  // the pool drops it and opens a new one on the next checkout.
  pool.on('error', () => {});
  // A checked-out client has no pool listener, and a client that emits 'error' with no listener
  // (ECONNRESET, "Connection terminated unexpectedly" when PostgreSQL stops under load) kills the
  // process. With this one the in-flight query rejects instead (and answers 503, see
  // db-errors.ts); the client is then no longer queryable, so the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  // Kysely checks connections out through this face of the pool, so a checkout that timed out in
  // the queue is told apart from a database that is away (both would otherwise read as the pool
  // "unable to connect"): the server is busy, not down.
  // It also keeps when each pending checkout began (pg-pool serves them first come, first served),
  // so load shedding sees how long the queue makes a request wait, not only how long it is.
  const waitingSince: number[] = [];
  const settled = (since: number) => {
    const i = waitingSince.indexOf(since);
    if (i >= 0) waitingSince.splice(i, 1);
  };
  const checkout: PostgresPool = {
    // pg-pool's own client class, which Kysely uses to cancel a query whose caller gave up.
    Client: (pool as Partial<PostgresPool>).Client,
    options: pool.options,
    end: () => pool.end(),
    connect: () => {
      const since = performance.now();
      waitingSince.push(since);
      return pool.connect().then(
        (client) => {
          settled(since);
          return client;
        },
        (error: unknown) => {
          settled(since);
          if (error instanceof Error && error.message === POOL_WAIT_TIMEOUT) {
            throw new AppError('OVERLOADED', 'All database connections stayed busy; try again shortly.', {
              cause: error,
              retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS,
            });
          }
          throw error;
        },
      );
    },
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: checkout }) });
  const checkoutWaitMs = () => {
    const oldest = waitingSince[0];
    return oldest === undefined ? 0 : performance.now() - oldest;
  };
  return { db, pool, checkoutWaitMs, engine: 'postgres', close: () => db.destroy() };
}

export interface OpenDatabaseOptions {
  /**
   * Bound every statement by `config.database.statementTimeoutMs` (the server). PostgreSQL cancels
   * a statement past it (57014, answered 503); PGlite cannot: its single-threaded WASM build has
   * no timer signal, so the setting would be accepted and never fire. There statistics are kept
   * fresh instead (jobs/statistics.ts), so queries do not degrade into minute-long plans.
   */
  statementTimeout?: boolean;
}

export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.database.kind === 'postgres') {
    return openPostgres(config.database.url, config.database.poolMax, {
      statementTimeoutMs: options.statementTimeout ? config.database.statementTimeoutMs : 0,
      poolWaitMs: config.database.poolWaitMs,
    });
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  // The lock guards the whole data directory (database, backups, secrets), not just pglite/.
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const database = await openPglite({ dataDir: config.database.dataDir, lock: false });
    return {
      ...database,
      async close() {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
