import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { runTransaction } from '../../src/server/db/retry.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { audit } from '../../src/server/modules/audit/audit.ts';
import {
  auditMac,
  chainHash,
  GENESIS_HASH,
  HASH_SHA256,
} from '../../src/server/modules/audit/audit-chain.ts';
import { writeAuditCheckpoints } from '../../src/server/modules/audit/write-checkpoints.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.close());

const writeOne = (i: number, district: string) =>
  runTransaction(database.db, (trx) =>
    audit(
      trx,
      { districtCode: district, username: `user${i}`, sourceIp: '127.0.0.1' },
      {
        action: 'retention.run',
        result: 'success',
        detail: { i, nested: { b: 2, a: 1 } },
      },
    ),
  );

/** One transaction after another: every row lands on stripe 0, the first free head. */
async function write(n: number, district = '330109') {
  for (let i = 0; i < n; i++) await writeOne(i, district);
}

/** All at once: writers spread over the stripes (on PostgreSQL) and queue within one, never fork it. */
async function writeConcurrently(n: number, district = '330109') {
  await Promise.all(Array.from({ length: n }, (_, i) => writeOne(i, district)));
}

describe(`audit hash chain (${testEngine()})`, () => {
  it('verifies an intact log written by concurrent transactions, per district and stripe', async () => {
    await writeConcurrently(20);
    await writeConcurrently(5, '330110');
    const result = await verifyAuditChains(database.db);
    expect(result).toMatchObject({ rows: 25, breaks: [] });
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['stripe', 'seq'])
      .where('district_code', '=', '330109')
      .orderBy('stripe')
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(20);
    // Each stripe is one gapless chain from row 1.
    const byStripe = Map.groupBy(rows, (r) => Number(r.stripe));
    for (const list of byStripe.values())
      expect(list.map((r) => Number(r.seq))).toEqual(list.map((_, i) => i + 1));
  });

  it('detects a row edited by hand', async () => {
    await write(10);
    await sql`update audit_log set result = 'failure' where seq = 4 and district_code = '330109'`.execute(
      database.db,
    );
    const { breaks } = await verifyAuditChains(database.db);
    expect(breaks).toEqual([
      { districtCode: '330109', stripe: 0, seq: 4, problem: 'row content does not match its hash' },
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

const silent = { info: () => {}, error: () => {} };

/**
 * What someone who can write to the database but lacks the audit key can do: rewrite rows from
 * `from` on with `edit`, recompute every later hash with the public plain SHA-256 rule and move
 * the chain head, so every link holds again. `downgrade` also marks the rows as plain-hash rows.
 */
async function rechainWithoutKey(
  db: Database['db'],
  district: string,
  from: number,
  edit: (row: Record<string, unknown>) => void,
  version: 'keep' | 'downgrade',
) {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('district_code', '=', district)
    .where('stripe', '=', 0)
    .orderBy('seq')
    .execute();
  let prev: Uint8Array = GENESIS_HASH;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (seq >= from) {
      if (seq === from) edit(row as unknown as Record<string, unknown>);
      // The attacker knows the algorithm and has no key: the SHA-256 rule is all there is.
      const hash = chainHash(auditMac(), HASH_SHA256, prev, { ...row, seq });
      await sql`update audit_log set result = ${row.result}, prev_hash = ${prev}, hash = ${hash},
        hash_version = ${version === 'downgrade' ? 1 : row.hash_version}
        where district_code = ${district} and stripe = 0 and seq = ${seq}`.execute(db);
      prev = hash;
    } else prev = row.hash;
  }
  await sql`update audit_chain_head set hash = ${prev} where district_code = ${district} and stripe = 0`.execute(
    db,
  );
}

/** Cuts stripe 0 back to `seq` rows and moves its chain head onto the new last row. */
async function truncateWithoutKey(db: Database['db'], district: string, seq: number) {
  await sql`delete from audit_log where district_code = ${district} and stripe = 0 and seq > ${seq}`.execute(
    db,
  );
  await sql`update audit_chain_head set seq = ${seq},
    hash = (select hash from audit_log where district_code = ${district} and stripe = 0 and seq = ${seq})
    where district_code = ${district} and stripe = 0`.execute(db);
}

describe(`audit log against a database writer without the key (${testEngine()})`, () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-checkpoints-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const verify = () => verifyAuditChains(database.db, { checkpointDir: dir });
  const checkpoint = () => writeAuditCheckpoints(database.db, auditMac(), dir, silent);

  it('verifies an untouched chain against its checkpoints, with nothing left unchecked', async () => {
    await write(6);
    expect(await checkpoint()).toEqual({ written: 1, refused: 0 });
    await write(3);
    await write(2, '330110');
    expect(await checkpoint()).toEqual({ written: 2, refused: 0 });
    // Nothing moved: no new line.
    expect(await checkpoint()).toEqual({ written: 0, refused: 0 });
    expect(await verify()).toEqual({ rows: 11, breaks: [], warnings: [] });
    const lines = fs.readFileSync(path.join(dir, '330109.log'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual([6, 9]);
  });

  it('detects a row edited with every later hash recomputed by the plain SHA-256 rule', async () => {
    await write(10);
    await rechainWithoutKey(
      database.db,
      '330109',
      4,
      (row) => Object.assign(row, { result: 'failure' }),
      'keep',
    );
    const { breaks } = await verifyAuditChains(database.db);
    // The links hold, but no recomputed hash is a valid MAC.
    expect(breaks.map((b) => [b.seq, b.problem])).toEqual(
      [4, 5, 6, 7, 8, 9, 10].map((seq) => [seq, 'row content does not match its hash']),
    );
  });

  it('detects the same edit passed off as plain-hash rows from before keyed hashes', async () => {
    await write(10);
    await checkpoint();
    await rechainWithoutKey(
      database.db,
      '330109',
      4,
      (row) => Object.assign(row, { result: 'failure' }),
      'downgrade',
    );
    // After a keyed row, plain rows are refused even without checkpoints.
    expect((await verifyAuditChains(database.db)).breaks.map((b) => b.problem)).toContain(
      'row downgraded to the plain, unkeyed hash',
    );
    // Rewriting the whole chain as plain rows removes every keyed row; the checkpoint still pins them.
    await rechainWithoutKey(database.db, '330109', 1, () => {}, 'downgrade');
    const { breaks } = await verify();
    expect(breaks.some((b) => b.problem === 'row downgraded to the plain, unkeyed hash')).toBe(true);
    expect(breaks.some((b) => b.seq === 10 && b.problem.includes('differs from the signed checkpoint'))).toBe(
      true,
    );
  });

  it('detects the log cut back and its head moved behind the last checkpoint', async () => {
    await write(10);
    await checkpoint();
    await write(5);
    await truncateWithoutKey(database.db, '330109', 8);
    // Every remaining row, link and the head agree: only the checkpoint outside the database knows.
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
    const { breaks } = await verify();
    expect(breaks).toEqual([
      {
        districtCode: '330109',
        stripe: 0,
        seq: 10,
        problem: expect.stringMatching(/row 10 is gone \(the log was cut back behind a signed checkpoint\)$/),
      },
    ]);
    // And the checkpoint job refuses to sign the shortened chain.
    expect(await checkpoint()).toEqual({ written: 0, refused: 1 });
  });

  it('detects a district whose whole log and head were deleted', async () => {
    await write(3);
    await write(3, '330110');
    await checkpoint();
    await sql`delete from audit_log where district_code = '330110'`.execute(database.db);
    await sql`delete from audit_chain_head where district_code = '330110'`.execute(database.db);
    const { breaks } = await verify();
    expect(breaks.map((b) => [b.districtCode, b.seq])).toEqual([['330110', 3]]);
  });

  it('cannot detect rows cut from after the last checkpoint (documented limit)', async () => {
    await write(10);
    await checkpoint();
    await write(5);
    await truncateWithoutKey(database.db, '330109', 12);
    expect((await verify()).breaks).toEqual([]);
  });

  it('refuses a checkpoint line edited or forged without the key', async () => {
    await write(10);
    await checkpoint();
    const file = path.join(dir, '330109.log');
    const line = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, `${JSON.stringify({ ...line, seq: 8 })}\n`);
    const { breaks } = await verify();
    expect(breaks).toEqual([
      { districtCode: '330109', stripe: 0, seq: 0, problem: `checkpoint signature invalid (${file}:1)` },
    ]);
  });

  it('verifies rows from before keyed hashes by the old rule, with the first keyed row linked on them', async () => {
    await write(5);
    // The state an upgraded deployment starts from: every existing row has a plain SHA-256 hash.
    await rechainWithoutKey(database.db, '330109', 1, () => {}, 'downgrade');
    const before = await verify();
    expect(before.breaks).toEqual([]);
    expect(before.warnings).toEqual([
      'district 330109: no signed checkpoint, so rows removed from the end of the log cannot be detected',
      'district 330109: 5 rows carry the plain SHA-256 of before keyed hashes and no checkpoint pins them',
    ]);
    await checkpoint();
    await write(4);
    await checkpoint();
    const versions = await database.db
      .selectFrom('audit_log')
      .select('hash_version')
      .orderBy('stripe')
      .orderBy('seq')
      .execute();
    expect(versions.map((r) => r.hash_version)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(await verify()).toEqual({ rows: 9, breaks: [], warnings: [] });
    const lines = fs.readFileSync(path.join(dir, '330109.log'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).legacyUntil)).toEqual([5, 5]);
  });
});
