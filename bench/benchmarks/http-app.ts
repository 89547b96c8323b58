import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import type { Role } from '../../src/shared/auth/roles.ts';
import { fetchSender, signIn } from '../../test/support/auth.ts';
import type { BenchContext } from '../harness.ts';

/**
 * The real application listening on loopback over a benchmark database, driven with fetch
 * (keep-alive connections, as a browser or a client system would hold them). The rate limiter
 * stays registered but its ceiling is lifted: a benchmark measures the path, not the throttle.
 */
export interface HttpApp {
  app: FastifyInstance;
  url: string;
  /** Signs in (password + TOTP enrolment) and returns the session cookie. */
  signIn(username: string, password?: string): Promise<string>;
  request(
    method: 'GET' | 'POST',
    path: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; ms: number; body: string }>;
  close(): Promise<void>;
}

export async function listen(database: Database, piiKey?: string): Promise<HttpApp> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    MINQING_PII_KEY: piiKey ?? crypto.randomBytes(32).toString('base64'),
    MINQING_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
  });
  const app = await buildApp(createContext(config, database));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const send = fetchSender(url);
  const key = crypto.randomBytes(4).toString('hex');
  return {
    app,
    url,
    signIn: (username, password) => signIn(send, username, key, password),
    async request(method, path, options = {}) {
      const started = performance.now();
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const body = await res.text();
      return { status: res.status, ms: performance.now() - started, body };
    },
    close: () => app.close(),
  };
}

/** The SQL of the queries the application ran, with their parameters and durations. */
export interface QueryLog {
  /** Off while seeding: a logged bulk insert would keep its whole batch alive. */
  enabled: boolean;
  entries: { sql: string; parameters: readonly unknown[]; ms: number }[];
}

/**
 * A fresh, migrated database the way the server opens it (PostgreSQL: a pool of 10, the
 * default DATABASE_POOL_MAX), as a scratch database dropped afterwards; PGlite in `dir`. On
 * PostgreSQL `log`, when given, records each query so that slow ones can be explained.
 */
export async function withDatabase<T>(
  ctx: BenchContext,
  engine: 'pglite' | 'postgres',
  dir: string,
  use: (database: Database, raw: RawInsert) => Promise<T>,
  log?: QueryLog,
): Promise<T> {
  if (engine === 'pglite') {
    const database = await openPglite({ dataDir: dir, lock: false });
    try {
      await migrateToLatest(database.db);
      const raw: RawInsert = {
        query: async (text, values) => void (await database.pglite.query(text, values)),
        url: undefined,
      };
      return await use(database, raw);
    } finally {
      await database.close();
    }
  }
  if (!ctx.postgresAdminUrl) throw new Error('PostgreSQL needs an admin URL');
  const admin = new pg.Client({ connectionString: ctx.postgresAdminUrl });
  await admin.connect();
  const dbName = `minqing_bench_${crypto.randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${dbName}`);
  const url = new URL(ctx.postgresAdminUrl);
  url.pathname = `/${dbName}`;
  const opened = openPostgres(url.toString(), 10);
  const database: Database = log
    ? {
        ...opened,
        db: new Kysely<DB>({
          dialect: new PostgresDialect({ pool: opened.pool }),
          log(event) {
            if (log.enabled && event.level === 'query')
              log.entries.push({
                sql: event.query.sql,
                parameters: event.query.parameters,
                ms: event.queryDurationMillis,
              });
          },
        }),
      }
    : opened;
  // The raw baseline's own pool of 8, as bench/benchmarks/baseline.ts measures it.
  const rawPool = new pg.Pool({ connectionString: url.toString(), max: 8 });
  rawPool.on('error', () => {});
  try {
    await migrateToLatest(database.db);
    return await use(database, {
      query: async (text, values) => void (await rawPool.query(text, values)),
      url: url.toString(),
    });
  } finally {
    await rawPool.end();
    await database.db.destroy();
    await admin.query(`drop database ${dbName} with (force)`);
    await admin.end();
  }
}

/** The raw driver on the same database, with no application code. */
export interface RawInsert {
  query(text: string, values: unknown[]): Promise<void>;
  /** The database's URL (PostgreSQL), for a separate connection that explains queries. */
  url: string | undefined;
}

/**
 * The benchmark's accounts: each holds `role` over its place (null: the whole district), signs in
 * with the demo password and needs no password change.
 */
export async function createBenchUsers(
  db: Kysely<DB>,
  districtCode: string,
  role: Role,
  users: readonly (readonly [username: string, scopeRegionId: string | null])[],
): Promise<void> {
  for (const [username, scopeRegionId] of users) {
    await createUser(db, {
      districtCode,
      username,
      displayName: username,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      grants: [{ role, scopeRegionId }],
      actor: { districtCode, username: 'bench', sourceIp: null },
    });
  }
}
