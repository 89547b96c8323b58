import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { audit, carryAuditHeads } from '../../src/server/modules/audit/audit.ts';
import { createTestDatabase } from '../support/db.ts';
import { QueryCounter } from '../support/query-counter.ts';

// A transaction appending several audit rows reads its chain head once (audit.repository.ts
// `heldHeads`); a savepoint hands its head back only when released; a head known wrongly fails
// the append instead of forking the chain.
const D = '330109';
let database: Database;
const counter = new QueryCounter();
beforeEach(async () => {
  database = await createTestDatabase();
  counter.statements = [];
});
afterEach(async () => database.close());

const db = () => database.db.withPlugin(counter);
const append = (trx: Kysely<DB>, i: number) =>
  audit(
    trx,
    { districtCode: D, username: `user${i}`, sourceIp: '127.0.0.1' },
    { action: 'retention.run', result: 'success', detail: { i } },
  );
const headReads = () =>
  counter.statements.filter(
    (s) => s.startsWith('{"kind":"SelectQueryNode"') && s.includes('"audit_chain_head"'),
  ).length;

async function rows() {
  const all = await database.db
    .selectFrom('audit_log')
    .select(['stripe', 'seq', 'detail'])
    .orderBy('seq')
    .execute();
  return all.map((r) => ({ stripe: Number(r.stripe), seq: Number(r.seq), i: (r.detail as { i: number }).i }));
}

describe('the chain head a transaction holds', () => {
  it('is read once for all the rows one transaction appends', async () => {
    await append(database.db, 0); // creates the district's heads
    counter.statements = [];
    await db()
      .transaction()
      .execute(async (trx) => {
        for (let i = 1; i <= 3; i++) await append(trx, i);
      });
    expect(headReads()).toBe(1);
    expect((await rows()).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });

  it('comes back from a released savepoint, not from one rolled back', async () => {
    await append(database.db, 0);
    counter.statements = [];
    const trx = await db().startTransaction().execute();
    await append(trx, 1);
    const kept = await trx.savepoint('a').execute();
    carryAuditHeads(trx, kept);
    await append(kept, 2);
    await kept.releaseSavepoint('a').execute();
    carryAuditHeads(kept, trx);
    const undone = await trx.savepoint('b').execute();
    carryAuditHeads(trx, undone);
    await append(undone, 3);
    await undone.rollbackToSavepoint('b').execute();
    await append(trx, 4);
    await trx.commit().execute();
    expect(headReads()).toBe(1);
    expect(await rows()).toEqual([
      { stripe: 0, seq: 1, i: 0 },
      { stripe: 0, seq: 2, i: 1 },
      { stripe: 0, seq: 3, i: 2 },
      { stripe: 0, seq: 4, i: 4 },
    ]);
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });

  it('fails the append when the head it knows was undone behind its back, and forks nothing', async () => {
    await append(database.db, 0);
    const trx = await database.db.startTransaction().execute();
    await append(trx, 1);
    await sql`savepoint behind`.execute(trx);
    await append(trx, 2);
    await sql`rollback to savepoint behind`.execute(trx); // the handle still knows seq 3
    await expect(append(trx, 3)).rejects.toThrow(/is no longer at 3/);
    await trx.rollback().execute();
    expect((await rows()).map((r) => r.seq)).toEqual([1]);
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });
});
