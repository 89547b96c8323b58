import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { createAuditMac } from '../../src/server/crypto/audit-mac.ts';
import { resolveAuditKey } from '../../src/server/crypto/keys.ts';
import { createPiiCipher } from '../../src/server/crypto/pii.ts';
import { isConnectionFailure } from '../../src/server/db/db-errors.ts';
import { type Database, openPostgres } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { setAuditMac } from '../../src/server/modules/audit/audit-chain.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { fetchSender, type Send, signInWhenAdmitted } from '../support/auth.ts';
import { type StartedServer, startCli } from '../support/cli.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';
import { firstGridOfUser } from '../support/demo.ts';
import { startPostgresCluster } from '../support/postgres-cluster.ts';

const KEY = `${'C'.repeat(43)}=`;

/** Errors shaped as node-postgres and the pool raise them when the database goes away. */
const CONNECTION_FAILURES: Record<string, () => Error> = {
  refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  reset: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  terminated: () => new Error('Connection terminated unexpectedly'),
  adminShutdown: () =>
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
  starting: () => Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
  connectionException: () => Object.assign(new Error('connection failure'), { code: '08006' }),
  poolTimeout: () => new Error('timeout exceeded when trying to connect'),
  wrapped: () => new Error('could not record', { cause: new Error('Connection terminated unexpectedly') }),
};

describe(`database failures answer 503, not 500 (${testEngine()})`, () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp(createContext(loadConfig({ LOG_LEVEL: 'silent', MINQING_PII_KEY: KEY }), database));
    // Probe routes on the real app, so the real error handler answers.
    app.get('/__probe/fail/:kind', { config: { access: 'public' } }, async (request) => {
      const make = CONNECTION_FAILURES[(request.params as { kind: string }).kind];
      throw make ? make() : new Error('a bug');
    });
    app.get('/__probe/slow', { config: { access: 'public' } }, async () => {
      // A real statement_timeout cancellation on PostgreSQL. PGlite's WASM build has no timer
      // signal and cannot cancel (see engine.ts), so there the error is the one PostgreSQL raises.
      if (database.engine === 'pglite') {
        throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
      }
      await database.db.transaction().execute(async (trx) => {
        await sql`set local statement_timeout = 50`.execute(trx);
        await sql`select pg_sleep(30)`.execute(trx);
      });
      return {};
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('maps every connection-class failure to 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    for (const kind of Object.keys(CONNECTION_FAILURES)) {
      const res = await app.inject({ method: 'GET', url: `/__probe/fail/${kind}` });
      expect({ kind, status: res.statusCode }).toEqual({ kind, status: 503 });
      expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).not.toMatch(/ECONN|terminated|57P0|08006/);
    }
    // A plain bug stays a 500 without Retry-After: only the database being away is "try later".
    const bug = await app.inject({ method: 'GET', url: '/__probe/fail/bug' });
    expect(bug.statusCode).toBe(500);
    expect(bug.json()).toMatchObject({ code: 'INTERNAL' });
    expect(bug.headers['retry-after']).toBeUndefined();
  });

  it('answers a statement canceled by statement_timeout (57014) with 503 and a stable code', async () => {
    const res = await app.inject({ method: 'GET', url: '/__probe/slow' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The server is not held: the next request is served at once.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

/**
 * The fault test (docs/specs/trust.md §21): the real server process on its own PostgreSQL cluster, concurrent
 * case writers with Idempotency-Keys, `pg_ctl stop -m immediate` under them. PGlite runs in the
 * server's own process, so there is no database to stop under it; this test exists on PostgreSQL.
 */
if (testEngine() === 'postgres') {
  describe('a pooled connection cut while checked out', () => {
    it('rejects the transaction on it instead of crashing the process, and the pool replaces the connection', async () => {
      const database = await createTestDatabase();
      const killer = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await killer.connect();
      try {
        const failure = await database.db
          .transaction()
          .execute(async (trx) => {
            const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
            // The backend dies while this client is checked out and idle between statements: the
            // 'error' it emits has no pool listener (an unhandled 'error' event ends the process).
            await killer.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
            await new Promise((r) => setTimeout(r, 200));
            await sql`select 1`.execute(trx);
          })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(isConnectionFailure(failure)).toBe(true);
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        await killer.end();
        await database.close();
      }
    });
  });

  describe('PostgreSQL stopped immediately under concurrent writes', () => {
    it('keeps the process up, answers 503 while the database is away, serves again within 10 s of its return, and keeps every acknowledged write exactly once', async () => {
      const cluster = await startPostgresCluster({ fsync: true });
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-outage-'));
      let server: StartedServer | undefined;
      try {
        const admin = new pg.Client({ connectionString: cluster.url('postgres') });
        await admin.connect();
        await admin.query('create database minqing');
        await admin.end();
        const url = cluster.url('minqing');
        const setup = openPostgres(url, 2);
        let gridId: string;
        try {
          await migrateToLatest(setup.db);
          // Audit rows are keyed as the server will key them (its key derives from the PII key).
          setAuditMac(createAuditMac(resolveAuditKey(loadConfig({ MINQING_PII_KEY: KEY }))));
          await seed(setup, { scale: 'demo', households: 20, cipher: createPiiCipher(KEY) });
          gridId = (await firstGridOfUser(setup.db, 'worker1')).id;
        } finally {
          await setup.close();
        }

        server = await startCli([], {
          MINQING_DATA_DIR: dataDir,
          DATABASE_URL: url,
          PORT: '0',
          MINQING_PII_KEY: KEY,
        });
        const running = server;
        const send = fetchSender(running.url);
        const cookie = await signInWhenAdmitted(send, 'worker1', `outage-${process.pid}`);
        let exitCode: number | null | undefined;
        running.exited.then((code) => {
          exitCode = code;
        });

        const body = (key: string) => ({
          channel: 'visit',
          kind: 'help',
          urgency: 'ordinary',
          title: `停库测试 ${key}`,
          description: `数据库停止期间的写入 ${key}，应当恰好保存一次。`,
          regionId: gridId,
          reporter: { type: 'resident', name: '张三', phone: '13812345678' },
        });
        const acknowledged = new Map<string, string>();
        const unacknowledged = new Set<string>();
        const statuses: number[] = [];
        let stop = false;
        const create = (s: Send, key: string) =>
          s('POST', '/api/v1/cases', body(key), cookie, { 'idempotency-key': key });
        const writer = async (w: number) => {
          for (let i = 0; !stop; i++) {
            const key = `outage-${w}-${i}`;
            try {
              const res = await create(send, key);
              statuses.push(res.status);
              if (res.status === 201) acknowledged.set(key, (res.json() as { id: string }).id);
              else {
                unacknowledged.add(key);
                if (res.status !== 503) lastErrors.push(res.text().slice(0, 300));
              }
            } catch {
              unacknowledged.add(key); // the connection to the server failed: not acknowledged
            }
          }
        };
        const writers = Array.from({ length: 6 }, (_, w) => writer(w));
        const lastErrors: string[] = [];
        // Only catches a hang (with what the writers saw); no step depends on the machine's speed.
        const waitFor = async (what: string, check: () => boolean) => {
          const since = Date.now();
          while (!check()) {
            if (Date.now() - since > 180_000) {
              throw new Error(
                `${what}: not reached; answers ${JSON.stringify(statuses.slice(-20))} ${lastErrors.slice(-3).join(' | ')}`,
              );
            }
            await new Promise((r) => setTimeout(r, 20));
          }
        };
        await waitFor('30 writes acknowledged', () => acknowledged.size >= 30);

        cluster.stopImmediately();
        // While the database is away, the API answers 503 with Retry-After and readiness says so.
        const before = statuses.length;
        await waitFor('a 503 while the database is away', () => statuses.slice(before).includes(503));
        const down = await create(send, 'outage-probe-down');
        unacknowledged.add('outage-probe-down');
        expect(down.status).toBe(503);
        expect(down.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
        expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
        expect(exitCode).toBeUndefined();
        // Every answer while it was away was a success or a 503; never a 500.
        expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);

        cluster.restart();
        const returned = Date.now();
        let servedAfterMs: number | undefined;
        while (servedAfterMs === undefined && Date.now() - returned < 60_000) {
          const ready = await fetch(`${running.url}/readyz`).catch(() => undefined);
          if (ready?.status === 200) servedAfterMs = Date.now() - returned;
          else await new Promise((r) => setTimeout(r, 100));
        }
        expect(servedAfterMs).toBeLessThanOrEqual(10_000);
        const ackedAtReturn = acknowledged.size;
        await waitFor('writes acknowledged after the return', () => acknowledged.size >= ackedAtReturn + 10);
        stop = true;
        await Promise.all(writers);
        expect(exitCode).toBeUndefined();

        // Retry every unacknowledged write with its key: each lands (or replays) exactly once.
        for (const key of unacknowledged) {
          for (;;) {
            const res = await create(send, key);
            if (res.status === 201) {
              acknowledged.set(key, (res.json() as { id: string }).id);
              break;
            }
            // The first attempt's key is released once the database is back; until then it runs.
            expect({ key, status: res.status, body: res.text().slice(0, 200) }).toMatchObject({
              status: expect.toSatisfy((s: number) => s === 409 || s === 503),
            });
            await new Promise((r) => setTimeout(r, 500));
          }
        }

        const check = new pg.Client({ connectionString: url });
        await check.connect();
        try {
          const { rows } = await check.query<{ title: string; id: string }>(
            `select title, id from case_record where title like '停库测试 %'`,
          );
          const byKey = new Map<string, string[]>();
          for (const r of rows) {
            const key = r.title.slice('停库测试 '.length);
            byKey.set(key, [...(byKey.get(key) ?? []), r.id]);
          }
          const wrong = [...acknowledged].filter(([key, id]) => {
            const ids = byKey.get(key) ?? [];
            return ids.length !== 1 || ids[0] !== id;
          });
          expect(wrong).toEqual([]);
          // Nothing was created that no one asked for, and nothing twice.
          expect([...byKey.values()].filter((ids) => ids.length !== 1)).toEqual([]);
          expect([...byKey.keys()].filter((key) => !acknowledged.has(key))).toEqual([]);
        } finally {
          await check.end();
        }
        expect(exitCode).toBeUndefined();
      } finally {
        server?.child.kill('SIGTERM');
        await server?.exited;
        cluster.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
