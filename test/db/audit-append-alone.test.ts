import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { GuardFailed, writeBatch } from '../../src/server/db/write-batch.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { audit } from '../../src/server/modules/audit/audit.ts';
import { createTestDatabase } from '../support/db.ts';
import { QueryCounter } from '../support/query-counter.ts';

// A change written outside a transaction is one statement (docs/adr/0004-one-statement-intake.md):
// its audit row moves a chain head it did not lock, guarded in the statement. A head another
// writer moved is read afresh and the append runs again, never forking the chain; a guard that
// returns no row fails the whole statement, and nothing of the change is written.
const D = '330109';
let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.close());

const key = (k: string) => ({
  district_code: D,
  owner: '00000000-0000-7000-8000-000000000001',
  key: k,
  request_hash: 'h',
  status: 'done' as const,
  response_status: 201,
  response_body: '{}',
  created_at: new Date(),
  expires_at: new Date(Date.now() + 86_400_000),
});

/** One change alone: an audit row with a held write (a key `held-i`), and a guard when asked. */
async function change(db: Kysely<DB>, i: number, guardKey?: string) {
  const batch = writeBatch();
  batch.add(db.insertInto('idempotency_key').values(key(`held-${i}`)));
  if (guardKey)
    batch.guard(
      db
        .insertInto('idempotency_key')
        .values(key(guardKey))
        .onConflict((oc) => oc.columns(['district_code', 'owner', 'key']).doNothing())
        .returning('key'),
    );
  await audit(
    db,
    { districtCode: D, username: `user${i}`, sourceIp: '127.0.0.1' },
    { action: 'retention.run', result: 'success', detail: { i } },
    batch,
  );
}

/**
 * Counts the audit appends sent, answered or failed (QueryCounter counts only those answered):
 * the statements whose CTEs include the audit row.
 */
class SentAppends implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    const node = args.node as {
      with?: { expressions: { name: { table: { table: { identifier: { name: string } } } } }[] };
    };
    if (node.with?.expressions.some((e) => e.name.table.table.identifier.name === 'audit_row')) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

/** Answers every other read of a chain head with one it is not (a head another writer moves). */
class StaleHeads implements KyselyPlugin {
  reads = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    const rows = args.result.rows as { seq?: unknown; hash?: unknown }[];
    const head = rows.length === 1 && 'seq' in (rows[0] ?? {}) && 'hash' in (rows[0] ?? {});
    if (!head || this.reads++ % 2 !== 0) return args.result;
    const row = rows[0] as { seq: number | string; hash: Uint8Array };
    return { ...args.result, rows: [{ ...row, seq: Number(row.seq) + 1, hash: new Uint8Array(32) }] };
  }
}

const keys = async () =>
  (await database.db.selectFrom('idempotency_key').select('key').orderBy('key').execute()).map((r) => r.key);
const auditRows = async () =>
  (await database.db.selectFrom('audit_log').select('detail').execute()).map(
    (r) => (r.detail as { i: number }).i,
  );

describe('a change written in one statement', () => {
  it('runs again on a head another writer moved, and the chain stays whole', async () => {
    // Two handles over one database stand for two server processes: each remembers the heads it
    // left, and neither knows what the other appended.
    const counter = new QueryCounter();
    const a = database.db;
    const b = database.db.withPlugin(counter);
    for (let i = 0; i < 6; i++) await change(i % 2 === 0 ? a : b, i);
    expect((await auditRows()).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await keys()).toEqual(['held-0', 'held-1', 'held-2', 'held-3', 'held-4', 'held-5']);
    const verified = await verifyAuditChains(database.db);
    expect(verified.breaks).toEqual([]);
    expect(verified.rows).toBe(6);
    // B met a head A had moved at least once: it read a head again after its first append.
    const headReads = counter.statements.filter(
      (s) => s.startsWith('{"kind":"SelectQueryNode"') && s.includes('"audit_chain_head"'),
    );
    expect(headReads.length).toBeGreaterThan(1);
  });

  it('gives up with 503 and Retry-After, writing nothing, when every head it takes keeps moving', async () => {
    await change(database.db, 0);
    // Every other read of a head answers one that is not stored, as if another writer moved it
    // meanwhile: each attempt chains on it and fails, and the next read finds the head elsewhere.
    const stale = new StaleHeads();
    await expect(change(database.db.withPlugin(stale), 1)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: expect.any(Number),
    });
    expect(stale.reads).toBeGreaterThan(8);
    expect(await auditRows()).toEqual([0]);
    expect(await keys()).toEqual(['held-0']);
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });

  it('keeps every change and a whole chain with more changes in flight than stripes', async () => {
    // 16 stripes: the 17th change at once waits for one to be released instead of sharing it
    // (two appends of one process on one head would meet each other's guard).
    const sent = new SentAppends();
    const db = database.db.withPlugin(sent);
    const changes = Array.from({ length: 40 }, (_, i) => i);
    await Promise.all(changes.map((i) => change(db, i)));
    // Each change was sent once: none met a head its own process had moved.
    expect(sent.count).toBe(40);
    expect((await auditRows()).sort((x, y) => x - y)).toEqual(changes);
    expect(await keys()).toHaveLength(40);
    const verified = await verifyAuditChains(database.db);
    expect(verified.breaks).toEqual([]);
    expect(verified.rows).toBe(40);
  });

  it('writes nothing of a change whose guard returns no row', async () => {
    await change(database.db, 0);
    await database.db.insertInto('idempotency_key').values(key('taken')).execute();
    const heads = () =>
      database.db.selectFrom('audit_chain_head').select(['stripe', 'seq']).orderBy('stripe').execute();
    const before = await heads();
    await expect(change(database.db, 1, 'taken')).rejects.toBeInstanceOf(GuardFailed);
    expect(await keys()).toEqual(['held-0', 'taken']);
    expect(await auditRows()).toEqual([0]);
    expect(await heads()).toEqual(before);
    // The next change on the same head goes through.
    await change(database.db, 2, 'free');
    expect(await keys()).toEqual(['free', 'held-0', 'held-2', 'taken']);
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });
});
