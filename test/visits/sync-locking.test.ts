import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitRepository } from '../../src/server/modules/visits/visits.repository.ts';
import type { SyncResult } from '../../src/shared/domain/visit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { gate, within } from '../support/gate.ts';
import { addHousehold } from '../support/households.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookie: string;
let district: string;
let grid: { id: string; path: string };
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  const worker = (await demoGrants(t)).find((g) => g.username === 'worker1');
  if (!worker?.path) throw new Error('the demo has no worker1 with a region');
  district = worker.district_code;
  grid = await firstGridBelow(t, worker.path);
  cookie = await demo.signIn('worker1');
});
afterAll(async () => t.close());

/** A batch visiting `households` in the order given, an hour apart from `hour` (CST). */
const batchOf = (households: string[], hour: number) => ({
  visits: households.map((householdId, i) => ({
    clientId: `sync-locking-${process.pid}-${serial++}`,
    visit: {
      form: 'routine',
      target: { type: 'household', householdId },
      startedAt: `2026-04-02T${String(hour + i).padStart(2, '0')}:00:00+08:00`,
      endedAt: `2026-04-02T${String(hour + i).padStart(2, '0')}:30:00+08:00`,
      notes: '入户走访，了解近况。',
    },
  })),
});

const lockTargets = (db: typeof t.database.db, household: string[]) =>
  createVisitRepository(db).lockTargets(district, { household, enterprise: [] });

describe(`a sync batch's locks (${testEngine()})`, () => {
  it('commits whole two devices’ batches over the same households sent in opposite orders', async () => {
    const shared = [await addHousehold(t, grid), await addHousehold(t, grid), await addHousehold(t, grid)];
    const [a, b] = await Promise.all([
      demo.send('POST', '/api/v1/visits/sync', batchOf(shared, 8), cookie),
      demo.send('POST', '/api/v1/visits/sync', batchOf([...shared].reverse(), 14), cookie),
    ]);
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect((res.json() as SyncResult).results.map((r) => r.status)).toEqual([201, 201, 201]);
    }
    const visits = await t.database.db
      .selectFrom('visit')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('household_id', 'in', shared)
      .executeTakeFirstOrThrow();
    expect(Number(visits.n)).toBe(6);
  });

  if (testEngine() === 'postgres') {
    it('takes the households in id order, whatever the batch’s order, and lets key-share locks through', async () => {
      const [low, high] = [await addHousehold(t, grid), await addHousehold(t, grid)].sort();
      const db = t.database.db;
      const held = gate();
      const release = gate();
      const first = db.transaction().execute(async (trx) => {
        await lockTargets(trx, [high as string]);
        held.open();
        await release.opened;
      });
      await held.opened;
      // Asked for the higher id first, the second batch still takes the lower one first and then
      // waits for the higher: it never holds the higher while waiting for the lower.
      const second = db.transaction().execute((trx) => lockTargets(trx, [high as string, low as string]));
      expect(await within(second, 300)).toBe('waiting');
      const lowTaken = await db
        .transaction()
        .execute((trx) =>
          sql`select id from household where district_code = ${district} and id = ${low} for update nowait`.execute(
            trx,
          ),
        )
        .then(
          () => 'free',
          (error: { code?: string }) => error.code,
        );
      // A visit's foreign key to a locked household (KEY SHARE) does not wait for the batch.
      const keyShare = await db
        .transaction()
        .execute((trx) =>
          sql`select id from household where district_code = ${district} and id = ${high} for key share nowait`.execute(
            trx,
          ),
        )
        .then(
          () => 'free',
          (error: { code?: string }) => error.code,
        );
      release.open();
      await Promise.all([first, second]);
      expect(lowTaken).toBe('55P03');
      expect(keyShare).toBe('free');
    });
  }
});
