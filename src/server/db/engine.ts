import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { ensurePgliteTemplate } from './pglite-template.ts';
import type { DB } from './schema.ts';

export type EngineKind = 'pglite' | 'postgres';

/** An open database: the query builder, which engine is behind it, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  engine: EngineKind;
  close(): Promise<void>;
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
    const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : undefined, {
      ...(loadDataDir && isNew ? { loadDataDir } : {}),
      parsers: pgliteParsers,
    });
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
}

export function openPostgres(
  url: string,
  poolMax = 10,
  options: OpenPostgresOptions = {},
): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 10_000,
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, engine: 'postgres', close: () => db.destroy() };
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
