import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { runTransaction } from '../../src/server/db/retry.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { audit } from '../../src/server/modules/audit/audit.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.close());

async function write(n: number, district = '330109') {
  // Concurrent writers must queue on the chain head, never fork the chain.
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      runTransaction(database.db, (trx) =>
        audit(
          trx,
          { districtCode: district, username: `user${i}`, sourceIp: '127.0.0.1' },
          {
            action: 'test.event',
            result: 'success',
            detail: { i, nested: { b: 2, a: 1 } },
          },
        ),
      ),
    ),
  );
}

describe(`audit hash chain (${testEngine()})`, () => {
  it('verifies an intact log written by concurrent transactions, per district', async () => {
    await write(20);
    await write(5, '330110');
    const result = await verifyAuditChains(database.db);
    expect(result).toEqual({ rows: 25, breaks: [] });
    const seqs = await database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('district_code', '=', '330109')
      .orderBy('seq')
      .execute();
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('detects a row edited by hand', async () => {
    await write(10);
    await sql`update audit_log set result = 'failure' where seq = 4 and district_code = '330109'`.execute(
      database.db,
    );
    const { breaks } = await verifyAuditChains(database.db);
    expect(breaks).toEqual([
      { districtCode: '330109', seq: 4, problem: 'row content does not match its hash' },
    ]);
  });

  it('detects a row deleted from the middle and from the end', async () => {
    await write(10);
    await sql`delete from audit_log where seq = 5 and district_code = '330109'`.execute(database.db);
    expect((await verifyAuditChains(database.db)).breaks.map((b) => b.seq)).toContain(5);
    await sql`delete from audit_log where seq = 10 and district_code = '330109'`.execute(database.db);
    expect(
      (await verifyAuditChains(database.db)).breaks.some((b) => b.problem.startsWith('chain head')),
    ).toBe(true);
  });

  it('detects a forged row recomputed without its predecessor', async () => {
    await write(3);
    await sql`update audit_log set prev_hash = hash where seq = 2 and district_code = '330109'`.execute(
      database.db,
    );
    const { breaks } = await verifyAuditChains(database.db);
    expect(breaks.some((b) => b.seq === 2 && b.problem.includes('link'))).toBe(true);
  });
});
