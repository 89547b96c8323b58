import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorker, clusterStatus, moveDistrict, rebalance } from '../../src/server/db/cluster.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Send } from '../support/auth.ts';
import { startCitusNode } from '../support/citus-cluster.ts';
import { onCitus, testEngine } from '../support/db.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import type { PostgresCluster } from '../support/postgres-cluster.ts';

// Operating a province (issue 17 §4): a third worker joins a running cluster and the shards are
// rebalanced, then the district under load is moved, all while clients keep filing cases. Every
// case the server acknowledged is there afterwards exactly once, with its event and audit row,
// and the audit chains verify. Off Citus, `minqing cluster` refuses with a clear error.

const DISTRICT = '330109';

describe(`adding a worker and rebalancing under write load (${onCitus() ? 'citus' : testEngine()})`, () => {
  let t: TestApp;
  let send: Send;
  let cookie: string;
  let gridId: string;
  let third: PostgresCluster | undefined;

  beforeAll(async () => {
    // The clients are one address filing as fast as they can: past the per-address limit.
    t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: String(1_000_000_000) });
    const demo = await seedSmallDemo(t, 20);
    send = demo.send;
    cookie = await demo.signIn('worker1');
    const worker = (await demoGrants(t)).find((g) => g.username === 'worker1');
    gridId = (await firstGridBelow(t, worker?.path as string)).id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    third?.stop();
  });

  if (!onCitus()) {
    it('refuses cluster operations on a database that is not a Citus coordinator', async () => {
      await expect(clusterStatus(t.database.db)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/not a Citus coordinator/),
      });
      await expect(rebalance(t.database.db)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(moveDistrict(t.database.db, DISTRICT, '127.0.0.1:5432')).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });
    return;
  }

  /**
   * Clients filing cases until `stop()`: each retries a refused or failed request with the same
   * idempotency key, as the web app's outbox does, so a case is acknowledged once or not at all.
   */
  function writeLoad(clients: number) {
    let stopping = false;
    const acknowledged: { id: string; at: number }[] = [];
    const refusals: Record<string, number> = {};
    let n = 0;
    const client = async (c: number) => {
      while (!stopping) {
        const key = `rebalance-${c}-${n++}`;
        for (let attempt = 1; ; attempt++) {
          const res = await send(
            'POST',
            '/api/v1/cases',
            {
              channel: 'visit',
              kind: 'help',
              urgency: 'ordinary',
              title: `楼道灯不亮 ${key}`,
              description: '楼道灯坏了一个月。',
              regionId: gridId,
              reporter: { type: 'resident', name: '张三' },
            },
            cookie,
            { 'idempotency-key': key },
          );
          if (res.status === 201 || res.status === 200) {
            acknowledged.push({ id: (res.json() as { id: string }).id, at: performance.now() });
            break;
          }
          refusals[res.status] = (refusals[res.status] ?? 0) + 1;
          if (attempt === 50) throw new Error(`${key} refused 50 times: ${res.status} ${res.text()}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    let failure: unknown;
    const running = Promise.all(
      Array.from({ length: clients }, (_, c) =>
        client(c).catch((error: unknown) => {
          failure ??= error;
          stopping = true;
        }),
      ),
    );
    return {
      acknowledged,
      refusals,
      /** Waits until `count` cases are acknowledged in all; throws when a client gave up. */
      async reach(count: number) {
        const deadline = performance.now() + 60_000;
        while (acknowledged.length < count) {
          if (failure) throw failure;
          if (performance.now() > deadline)
            throw new Error(`only ${acknowledged.length} of ${count} acknowledged`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      async stop() {
        stopping = true;
        await running;
        if (failure) throw failure;
      },
    };
  }

  const placement = async () =>
    (
      await sql<{ node: string }>`
        select nodename || ':' || nodeport as node from citus_shards
        where table_name = 'case_record'::regclass
          and shardid = get_shard_id_for_distribution_column('case_record', ${DISTRICT}::text)`.execute(
        t.database.db,
      )
    ).rows[0]?.node;

  it('finds every acknowledged case exactly once after a worker joins and the shards move', async () => {
    const { db } = t.database;
    third = await startCitusNode();
    const added = await addWorker(db, third.url('postgres'));
    expect(added).toMatchObject({ role: 'worker', active: true, shardGroups: 0 });
    await expect(addWorker(db, third.url('postgres'))).rejects.toMatchObject({ code: 'CONFLICT' });

    const load = writeLoad(4);
    const started = performance.now();
    try {
      // Let the clients get going before anything moves.
      await load.reach(10);
      const job = await rebalance(db, { pollMs: 200 });
      expect(job).not.toBeNull();
      const nodes = await clusterStatus(db);
      const workers = nodes.filter((n) => n.role === 'worker');
      expect(workers).toHaveLength(3);
      expect(workers.every((n) => n.active)).toBe(true);
      expect(workers.reduce((s, n) => s + n.shardGroups, 0)).toBe(4);
      expect(workers.find((n) => n.port === third?.port)?.shardGroups).toBeGreaterThan(0);

      // The district under load moves too, whichever group the rebalancer picked.
      const before = (await placement()) as string;
      const target = workers.map((n) => `${n.host}:${n.port}`).find((node) => node !== before) as string;
      const moving = performance.now();
      const moved = await moveDistrict(db, DISTRICT, target);
      expect(moved).toEqual({ from: before, to: target, moved: true });
      expect(await placement()).toBe(target);
      // Cases were acknowledged while the district's rows were being copied.
      expect(load.acknowledged.filter((a) => a.at > moving).length).toBeGreaterThan(0);
      // And a few more on the district's new worker.
      await load.reach(load.acknowledged.length + 10);
    } finally {
      await load.stop();
    }
    const during = load.acknowledged.filter((a) => a.at > started).length;
    expect(during).toBeGreaterThan(20);

    const ids = load.acknowledged.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await db
      .selectFrom('case_record')
      .select(({ fn }) => ['id', fn.countAll<string>().as('n')])
      .where('district_code', '=', DISTRICT)
      .where('id', 'in', ids)
      .groupBy('id')
      .execute();
    expect(stored).toHaveLength(ids.length);
    expect(stored.every((r) => Number(r.n) === 1)).toBe(true);
    const events = await db
      .selectFrom('case_event')
      .select(({ fn }) => ['case_id', fn.countAll<string>().as('n')])
      .where('district_code', '=', DISTRICT)
      .where('case_id', 'in', ids)
      .groupBy('case_id')
      .execute();
    expect(events).toHaveLength(ids.length);
    const audited = await db
      .selectFrom('audit_log')
      .select('object_id')
      .where('district_code', '=', DISTRICT)
      .where('object_id', 'in', ids)
      .execute();
    expect(new Set(audited.map((r) => r.object_id))).toEqual(new Set(ids));
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
    // A refusal is a clear 503 (the database busy), never a server error.
    expect(Object.keys(load.refusals).filter((s) => s !== '503')).toEqual([]);
  }, 300_000);
});
