import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';

/**
 * Load shedding (src/server/http/shedding.ts, issue 16 §5): past capacity a request is refused at
 * once with 503 OVERLOADED and Retry-After instead of queueing; /readyz says so with a 503 while
 * it lasts, and once the load is gone requests are served again. The database is held open by a
 * transaction the test ends (a JS promise, so nothing depends on timing), on PostgreSQL with a pool
 * of one connection.
 */
const KEY = `${'A'.repeat(43)}=`;
const engine = testEngine();

const open: { app: FastifyInstance; database: Database }[] = [];
afterEach(async () => {
  for (const { app, database } of open.splice(0)) {
    await app.close();
    await database.close();
  }
});

/** A fresh database: on PostgreSQL behind a pool of one connection. */
const tinyDatabase = (poolWaitMs: number): Promise<Database> =>
  createTestDatabase({ max: 1, waitMs: poolWaitMs });

async function start(env: Record<string, string>, poolWaitMs = 60_000) {
  const database = await tinyDatabase(poolWaitMs);
  const app = await buildApp(
    createContext(loadConfig({ LOG_LEVEL: 'silent', MINQING_PII_KEY: KEY, ...env }), database),
  );
  await app.ready();
  open.push({ app, database });
  return { app, database };
}

/** Holds the database's one connection (PGlite's, or the pool's only one) until `release()`. */
function holdConnection(database: Database) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let begun = () => {};
  const holding = new Promise<void>((resolve) => {
    begun = resolve;
  });
  let finished = false;
  const held = database.db
    .transaction()
    .execute(async (trx) => {
      await sql`select 1`.execute(trx);
      begun();
      await released;
    })
    .finally(() => {
      finished = true;
    });
  return { holding, release, held, finished: () => finished };
}

/** A request that is not awaited yet, with whether it has been answered. */
function pending(app: FastifyInstance, url: string) {
  let answered = false;
  const response = app.inject({ method: 'GET', url }).finally(() => {
    answered = true;
  });
  return { response, answered: () => answered };
}

function expectOverloaded(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ code: 'OVERLOADED', status: 503 });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe(`load shedding (${engine})`, () => {
  it("admits only so many residents' requests at once, and still serves staff's", async () => {
    const outside = '/api/v1/public/examples?regionId=0190a0a0-0000-7000-8000-000000000000';
    const { app, database } = await start({
      MINQING_DB_QUEUE_MAX: '100',
      MINQING_DB_QUEUE_DELAY_MS: '0',
      MINQING_SHED_OUTSIDE_IN_FLIGHT: '1',
    });
    const hold = holdConnection(database);
    await hold.holding;
    const first = pending(app, outside);
    await vi.waitFor(() => expect(app.loadStatus().outsideInFlight).toBe(1), { timeout: 10_000 });
    expectOverloaded(await app.inject({ method: 'GET', url: outside }));
    // Spelt with percent-escapes, which the router decodes, it is the same route and refused alike.
    for (const spelt of [outside.replace('/api/', '/%61pi/'), outside.replace('/public/', '/%70ublic/')])
      expectOverloaded(await app.inject({ method: 'GET', url: spelt }));
    // Staff's request is admitted beside it and waits for the database like the first.
    const staff = pending(app, '/api/v1/meta');
    await vi.waitFor(() => expect(app.loadStatus().inFlight).toBe(2), { timeout: 10_000 });
    expect(first.answered()).toBe(false);
    expect(app.loadStatus()).toMatchObject({ outsideInFlight: 1, outsideInFlightMax: 1 });
    hold.release();
    // An unknown place: answered by the route (404), not refused.
    expect((await first.response).statusCode).toBe(404);
    expect((await staff.response).statusCode).toBe(200);
    await vi.waitFor(() => expect(app.loadStatus().outsideInFlight).toBe(0), { timeout: 10_000 });
    expect((await app.inject({ method: 'GET', url: outside })).statusCode).toBe(404);
  });

  it('refuses at once past the database queue bound, reports it on /readyz, and serves again once the load is gone', async () => {
    const { app, database } = await start({ MINQING_DB_QUEUE_MAX: '0' });
    const hold = holdConnection(database);
    await hold.holding;

    // Requests that reach the database wait behind the held connection until the queue is full:
    // on PostgreSQL the first waiting checkout fills it, on PGlite the requests in flight beyond
    // the one connection.
    const waiting: ReturnType<typeof pending>[] = [];
    while (!app.loadStatus().shedding && waiting.length < 5) {
      waiting.push(pending(app, '/api/v1/meta'));
      const parked = waiting.length;
      await vi.waitFor(
        () => {
          expect(app.loadStatus().inFlight).toBe(parked);
          if (database.pool) expect(database.pool.waitingCount).toBe(parked);
        },
        { timeout: 10_000 },
      );
    }
    expect(app.loadStatus()).toMatchObject({ shedding: true, reason: 'database', queueMax: 0 });

    const refused = await app.inject({ method: 'GET', url: '/api/v1/meta' });
    expectOverloaded(refused);
    // Answered while the held connection and the admitted requests were all still waiting.
    expect(hold.finished()).toBe(false);
    expect(waiting.some((w) => w.answered())).toBe(false);

    // The probes are never shed: /readyz answers at once with 503 and why; /healthz stays 200.
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    const body = ready.json();
    expect(body).toMatchObject({
      status: 'overloaded',
      engine,
      load: { shedding: true, reason: 'database' },
    });
    expect(body.load.saturation).toBeGreaterThan(1);
    if (engine === 'postgres')
      expect(body.load.pool).toMatchObject({ max: 1, total: 1, idle: 0, waiting: 1 });
    else expect(body.load).toMatchObject({ pool: null, inFlight: waiting.length });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(hold.finished()).toBe(false);

    // The load goes away: the admitted requests are served, and so is the next one.
    hold.release();
    await hold.held;
    for (const w of waiting) expect((await w.response).statusCode).toBe(200);
    await vi.waitFor(() => expect(app.loadStatus().inFlight).toBe(0), { timeout: 10_000 });
    const again = await app.inject({ method: 'GET', url: '/readyz' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'ready', load: { shedding: false, reason: null } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode).toBe(200);
  });

  it('refuses at once while the event loop lags past its bound, and serves again when it catches up', async () => {
    const { app } = await start({ MINQING_SHED_EVENT_LOOP_DELAY_MS: '20' });
    // Busy work that keeps every turn of the loop ~50 ms late (a CPU-bound process).
    const blocker = setInterval(() => {
      const until = performance.now() + 50;
      while (performance.now() < until);
    }, 1);
    try {
      await vi.waitFor(() => expect(app.loadStatus().reason).toBe('event-loop'), { timeout: 10_000 });
      expectOverloaded(await app.inject({ method: 'GET', url: '/api/v1/meta' }));
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        status: 'overloaded',
        load: { shedding: true, reason: 'event-loop' },
      });
      expect(ready.json().load.eventLoopDelayMs).toBeGreaterThan(20);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      clearInterval(blocker);
    }
    await vi.waitFor(() => expect(app.loadStatus().shedding).toBe(false), { timeout: 10_000 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  if (engine === 'postgres') {
    it('refuses at once while the oldest waiting checkout has waited past MINQING_DB_QUEUE_DELAY_MS', async () => {
      // The count bound is out of the way: one waiting request sheds by how long it has waited.
      const { app, database } = await start({ MINQING_DB_QUEUE_MAX: '100', MINQING_DB_QUEUE_DELAY_MS: '50' });
      const hold = holdConnection(database);
      await hold.holding;
      const first = pending(app, '/api/v1/meta');
      await vi.waitFor(() => expect(database.pool?.waitingCount).toBe(1), { timeout: 10_000 });
      await vi.waitFor(() => expect(app.loadStatus()).toMatchObject({ shedding: true, reason: 'database' }), {
        timeout: 10_000,
      });
      // Residents' routes are turned away by the queue's delay; staff's work waits for its ceiling.
      expectOverloaded(await app.inject({ method: 'GET', url: '/api/v1/public/examples' }));
      const staff = pending(app, '/api/v1/meta');
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().load.queueDelayMs).toBeGreaterThan(50);
      expect(ready.json().load.saturation).toBeLessThanOrEqual(1);
      expect(first.answered()).toBe(false);
      expect(hold.finished()).toBe(false);

      expect(staff.answered()).toBe(false);
      hold.release();
      expect((await first.response).statusCode).toBe(200);
      expect((await staff.response).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({
        status: 'ready',
        load: { queueDelayMs: 0 },
      });
    });

    it('answers 503 OVERLOADED when a connection stays busy past MINQING_DB_POOL_WAIT_MS, before it frees', async () => {
      // The queue bound is out of the way: this is the wait bound of a request already admitted.
      const { app, database } = await start({ MINQING_DB_QUEUE_MAX: '100' }, 300);
      // The pool's one connection is opened first: the same bound covers opening it, which a
      // loaded machine may not do within it on the first try.
      await vi.waitFor(() => sql`select 1`.execute(database.db), { timeout: 30_000, interval: 100 });
      let slept = false;
      const sleeping = sql`select pg_sleep(3)`.execute(database.db).finally(() => {
        slept = true;
      });
      await vi.waitFor(() => expect(database.pool?.idleCount).toBe(0), { timeout: 10_000 });
      const res = await app.inject({ method: 'GET', url: '/api/v1/meta' });
      expectOverloaded(res);
      expect(slept).toBe(false);
      await sleeping;
      expect((await app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode).toBe(200);
    });
  }
});
