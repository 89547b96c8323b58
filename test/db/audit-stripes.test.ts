import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrate.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { verifyAuditChains, verifyDistrictChain } from '../../src/server/modules/audit/audit.repository.ts';
import { audit } from '../../src/server/modules/audit/audit.ts';
import {
  AUDIT_STRIPES,
  auditMac,
  canonicalJson,
  chainHash,
  HASH_SHA256,
} from '../../src/server/modules/audit/audit-chain.ts';
import { writeAuditCheckpoints } from '../../src/server/modules/audit/write-checkpoints.ts';
import { createTestDatabase, testEngine, unmigratedDatabase } from '../support/db.ts';
import { gate, within } from '../support/gate.ts';

/** Striped audit chains (issue 16 §2, docs/adr/0003-audit-chain-stripes.md). */
const D = '330109';
let database: Database;
let dir: string;
beforeEach(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-stripes-'));
});
afterEach(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await database.close();
});

const silent = { info: () => {}, error: () => {} };

const db = () => database.db;
const verify = () => verifyAuditChains(db(), { checkpointDir: dir });
const checkpoint = () => writeAuditCheckpoints(db(), auditMac(), dir, silent);

const append = (trx: Kysely<DB>, i: number) =>
  audit(
    trx,
    { districtCode: D, username: `user${i}`, sourceIp: '127.0.0.1' },
    {
      action: 'retention.run',
      result: 'success',
      detail: { i },
    },
  );

async function write(n: number) {
  for (let i = 0; i < n; i++)
    await db()
      .transaction()
      .execute((trx) => append(trx, i));
}

/**
 * Writes `n` rows with the real append onto `stripe`: the heads before it are held back for the
 * while (an append takes the first free head), then put back as they were.
 */
async function writeOnStripe(stripe: number, n: number) {
  const held = await db()
    .selectFrom('audit_chain_head')
    .selectAll()
    .where('district_code', '=', D)
    .where('stripe', '<', stripe)
    .execute();
  await db()
    .deleteFrom('audit_chain_head')
    .where('district_code', '=', D)
    .where('stripe', '<', stripe)
    .execute();
  try {
    await write(n);
  } finally {
    if (held.length) await db().insertInto('audit_chain_head').values(held).execute();
  }
}

const rowsOf = (stripe: number) =>
  db()
    .selectFrom('audit_log')
    .selectAll()
    .where('district_code', '=', D)
    .where('stripe', '=', stripe)
    .orderBy('seq')
    .execute();

const problems = async () =>
  (await verifyAuditChains(db())).breaks.map((b) => [b.stripe, b.seq, b.problem] as const);

describe(`concurrent appends in one district (${testEngine()})`, () => {
  if (testEngine() === 'postgres') {
    it('lets a second transaction append and commit while the first still holds its stripe', async () => {
      await write(1);
      const appended = gate();
      const release = gate();
      const first = db()
        .transaction()
        .execute(async (trx) => {
          await append(trx, 1);
          appended.open();
          await release.opened;
        });
      await appended.opened;
      // With one head per district this append would wait for the first transaction's commit.
      const second = db()
        .transaction()
        .execute(async (trx) => {
          await append(trx, 2);
          await append(trx, 3);
        });
      const state = await within(second, 5000);
      release.open();
      await Promise.all([first, second]);
      expect(state).toBe('done');
      const rows = await db()
        .selectFrom('audit_log')
        .select(['stripe', 'seq', 'actor_name'])
        .orderBy('stripe')
        .orderBy('seq')
        .execute();
      // The first transaction extends stripe 0; the second takes stripe 1 and keeps it for its rows.
      expect(rows.map((r) => [Number(r.stripe), Number(r.seq), r.actor_name])).toEqual([
        [0, 1, 'user0'],
        [0, 2, 'user1'],
        [1, 1, 'user2'],
        [1, 2, 'user3'],
      ]);
      expect(await verifyDistrictChain(db(), D)).toEqual({ rows: 4, breaks: [], warnings: [] });
    });

    it('waits on a stripe only when every stripe is held, and still forks none', async () => {
      await write(1);
      const locked = gate();
      const release = gate();
      const holder = db()
        .transaction()
        .execute(async (trx) => {
          await sql`select stripe from audit_chain_head where district_code = ${D} for update`.execute(trx);
          locked.open();
          await release.opened;
        });
      await locked.opened;
      const writer = db()
        .transaction()
        .execute((trx) => append(trx, 1));
      const state = await within(writer, 500);
      release.open();
      await Promise.all([holder, writer]);
      expect(state).toBe('waiting');
      expect((await verifyDistrictChain(db(), D)).breaks).toEqual([]);
      const rows = await db().selectFrom('audit_log').select(['stripe', 'seq']).orderBy('id').execute();
      const stripe = Number(rows[1]?.stripe);
      // On whichever stripe it waited for: that stripe's next row.
      expect(rows.map((r) => [Number(r.stripe), Number(r.seq)])).toEqual([
        [0, 1],
        [stripe, stripe === 0 ? 2 : 1],
      ]);
    });
  } else {
    it('appends one transaction after another on stripe 0, the single connection never contending', async () => {
      await write(2);
      await db()
        .transaction()
        .execute(async (trx) => {
          await append(trx, 2);
          await append(trx, 3);
        });
      expect((await rowsOf(0)).map((r) => Number(r.seq))).toEqual([1, 2, 3, 4]);
      expect(await verifyDistrictChain(db(), D)).toEqual({ rows: 4, breaks: [], warnings: [] });
    });
  }

  it("creates the district's heads on its first append, all of them at genesis but the one used", async () => {
    await write(1);
    const heads = await db()
      .selectFrom('audit_chain_head')
      .select(['stripe', 'seq'])
      .where('district_code', '=', D)
      .orderBy('stripe')
      .execute();
    expect(heads.map((h) => [Number(h.stripe), Number(h.seq)])).toEqual(
      Array.from({ length: AUDIT_STRIPES }, (_, s) => [s, s === 0 ? 1 : 0]),
    );
  });
});

describe(`verifying striped chains (${testEngine()})`, () => {
  beforeEach(async () => {
    await write(5);
    await writeOnStripe(3, 4);
    expect((await rowsOf(3)).map((r) => Number(r.seq))).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditChains(db())).toMatchObject({ rows: 9, breaks: [] });
  });

  it('detects a row deleted from the middle of a stripe', async () => {
    await sql`delete from audit_log where district_code = ${D} and stripe = 0 and seq = 3`.execute(db());
    expect(await problems()).toEqual([
      [0, 3, 'missing rows 3..3'],
      [0, 4, 'link to the previous row is broken'],
    ]);
  });

  it('detects the tail row of a stripe other than 0 deleted, and pins it by a checkpoint once the head is moved', async () => {
    expect(await checkpoint()).toEqual({ written: 2, refused: 0 });
    const lines = fs
      .readFileSync(path.join(dir, `${D}.log`), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => [JSON.parse(l).stripe, JSON.parse(l).seq])).toEqual([
      [0, 5],
      [3, 4],
    ]);
    await sql`delete from audit_log where district_code = ${D} and stripe = 3 and seq = 4`.execute(db());
    expect(await problems()).toEqual([
      [3, 4, 'chain head does not match the last row (rows removed from the end?)'],
    ]);
    // The writer moves the head back too: rows, links and heads agree; the signed checkpoint does not.
    await sql`update audit_chain_head set seq = 3,
      hash = (select hash from audit_log where district_code = ${D} and stripe = 3 and seq = 3)
      where district_code = ${D} and stripe = 3`.execute(db());
    expect(await problems()).toEqual([]);
    expect((await verify()).breaks.map((b) => [b.stripe, b.seq, b.problem])).toEqual([
      [3, 4, expect.stringMatching(/row 4 is gone \(the log was cut back behind a signed checkpoint\)$/)],
    ]);
    expect(await checkpoint()).toEqual({ written: 0, refused: 1 });
  });

  it('detects a stripe deleted whole, head and rows, behind its checkpoint', async () => {
    await checkpoint();
    await sql`delete from audit_log where district_code = ${D} and stripe = 3`.execute(db());
    await sql`delete from audit_chain_head where district_code = ${D} and stripe = 3`.execute(db());
    expect(await problems()).toEqual([]);
    expect((await verify()).breaks.map((b) => [b.stripe, b.seq])).toEqual([[3, 4]]);
  });

  it('detects a row edited on a stripe other than 0', async () => {
    await sql`update audit_log set result = 'failure' where district_code = ${D} and stripe = 3 and seq = 2`.execute(
      db(),
    );
    expect(await problems()).toEqual([[3, 2, 'row content does not match its hash']]);
  });

  it('detects a row moved to another stripe', async () => {
    // Stripe 3's last row appended to stripe 0, both heads moved to match.
    await sql`update audit_log set stripe = 0, seq = 6 where district_code = ${D} and stripe = 3 and seq = 4`.execute(
      db(),
    );
    await sql`update audit_chain_head set seq = 6,
      hash = (select hash from audit_log where district_code = ${D} and stripe = 0 and seq = 6)
      where district_code = ${D} and stripe = 0`.execute(db());
    await sql`update audit_chain_head set seq = 3,
      hash = (select hash from audit_log where district_code = ${D} and stripe = 3 and seq = 3)
      where district_code = ${D} and stripe = 3`.execute(db());
    expect(await problems()).toEqual([
      [0, 6, 'link to the previous row is broken'],
      [0, 6, 'row content does not match its hash'],
    ]);
  });

  it('detects a whole stripe relabelled as another, though every link and head holds', async () => {
    // The stripe is hashed (but for stripe 0): moving all of a chain keeps its links, not its hashes.
    await sql`update audit_log set stripe = 7 where district_code = ${D} and stripe = 3`.execute(db());
    await sql`delete from audit_chain_head where district_code = ${D} and stripe = 7`.execute(db());
    await sql`update audit_chain_head set stripe = 7 where district_code = ${D} and stripe = 3`.execute(db());
    expect(await problems()).toEqual(
      [1, 2, 3, 4].map((seq) => [7, seq, 'row content does not match its hash']),
    );
    // Onto stripe 0, whose rows hash no stripe, just the same.
    await sql`delete from audit_log where district_code = ${D} and stripe = 0`.execute(db());
    await sql`update audit_log set stripe = 0 where district_code = ${D} and stripe = 7`.execute(db());
    await sql`delete from audit_chain_head where district_code = ${D} and stripe = 0`.execute(db());
    await sql`update audit_chain_head set stripe = 0 where district_code = ${D} and stripe = 7`.execute(db());
    expect(await problems()).toEqual(
      [1, 2, 3, 4].map((seq) => [0, seq, 'row content does not match its hash']),
    );
  });

  it('refuses plain-hash rows on any stripe but 0 (they predate stripes)', async () => {
    let prev = Buffer.alloc(32) as Uint8Array;
    for (const row of await rowsOf(3)) {
      const hash = chainHash(auditMac(), HASH_SHA256, prev, { ...row, seq: Number(row.seq) });
      await sql`update audit_log set prev_hash = ${prev}, hash = ${hash}, hash_version = 1
        where district_code = ${D} and stripe = 3 and seq = ${row.seq}`.execute(db());
      prev = hash;
    }
    await sql`update audit_chain_head set hash = ${prev} where district_code = ${D} and stripe = 3`.execute(
      db(),
    );
    expect(await problems()).toEqual(
      [1, 2, 3, 4].map((seq) => [3, seq, 'row downgraded to the plain, unkeyed hash']),
    );
  });
});

describe(`rows and checkpoints from before stripes (${testEngine()})`, () => {
  it('hashes stripe 0 rows exactly as the single chain did, so its old rows keep verifying', async () => {
    await write(3);
    const rows = await rowsOf(0);
    let prev = Buffer.alloc(32) as Uint8Array;
    for (const row of rows) {
      // The body of a keyed row as written before stripes: no stripe field.
      const before = canonicalJson({
        district_code: row.district_code,
        seq: Number(row.seq),
        id: row.id,
        at: row.at.toISOString(),
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        actor_roles: row.actor_roles,
        scope: row.scope,
        action: row.action,
        object_type: row.object_type,
        object_id: row.object_id,
        result: row.result,
        source_ip: row.source_ip,
        detail: row.detail,
      });
      expect(Buffer.from(row.hash).equals(auditMac().row(prev, before))).toBe(true);
      prev = row.hash;
    }
    expect(await verifyAuditChains(db())).toEqual({
      rows: 3,
      breaks: [],
      warnings: ['no checkpoint directory given: checkpoints not checked'],
    });
  });

  it('migrates a single chain onto stripe 0, where it verifies and goes on, and adds the other heads', async () => {
    const old = await unmigratedDatabase();
    try {
      await migrateTo(old.db, '20261206T0940_public_entry');
      // Rows as the single chain wrote them: no stripe column, keyed hashes over bodies without one.
      let prev = Buffer.alloc(32) as Uint8Array;
      for (let seq = 1; seq <= 3; seq++) {
        const row = {
          district_code: D,
          seq,
          id: crypto.randomUUID(),
          at: new Date(Date.UTC(2026, 11, 1, 8, seq)),
          actor_id: null,
          actor_name: `user${seq}`,
          actor_roles: null,
          scope: null,
          action: 'retention.run',
          object_type: null,
          object_id: null,
          result: 'success',
          source_ip: null,
          detail: { seq },
        };
        const hash = auditMac().row(prev, canonicalJson({ ...row, at: row.at.toISOString() }));
        await sql`insert into audit_log (district_code, seq, id, at, actor_name, action, result, detail,
            prev_hash, hash, hash_version)
          values (${D}, ${seq}, ${row.id}, ${row.at}, ${row.actor_name}, ${row.action}, ${row.result},
            ${JSON.stringify(row.detail)}, ${prev}, ${hash}, 2)`.execute(old.db);
        prev = hash;
      }
      await sql`insert into audit_chain_head (district_code, seq, hash) values (${D}, 3, ${prev})`.execute(
        old.db,
      );
      await migrateToLatest(old.db);
      expect(await verifyAuditChains(old.db)).toMatchObject({ rows: 3, breaks: [] });
      const heads = await old.db
        .selectFrom('audit_chain_head')
        .select(['stripe', 'seq'])
        .orderBy('stripe')
        .execute();
      expect(heads.map((h) => [Number(h.stripe), Number(h.seq)])).toEqual(
        Array.from({ length: AUDIT_STRIPES }, (_, s) => [s, s === 0 ? 3 : 0]),
      );
      await old.db.transaction().execute((trx) => append(trx, 4));
      const rows = await old.db.selectFrom('audit_log').select(['stripe', 'seq']).orderBy('seq').execute();
      expect(rows.map((r) => [Number(r.stripe), Number(r.seq)])).toEqual([
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
      ]);
      expect(await verifyAuditChains(old.db)).toMatchObject({ rows: 4, breaks: [] });
    } finally {
      await old.close();
    }
  });

  it('accepts a checkpoint line without a stripe as stripe 0, and still pins it', async () => {
    await write(4);
    await checkpoint();
    const file = path.join(dir, `${D}.log`);
    const { stripe, ...old } = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(stripe).toBe(0);
    fs.writeFileSync(file, `${JSON.stringify(old)}\n`);
    expect(await verify()).toEqual({ rows: 4, breaks: [], warnings: [] });
    await sql`delete from audit_log where district_code = ${D} and stripe = 0 and seq = 4`.execute(db());
    await sql`update audit_chain_head set seq = 3,
      hash = (select hash from audit_log where district_code = ${D} and stripe = 0 and seq = 3)
      where district_code = ${D} and stripe = 0`.execute(db());
    expect((await verify()).breaks.map((b) => [b.stripe, b.seq])).toEqual([[0, 4]]);
  });
});
