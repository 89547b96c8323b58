import { type Kysely, type QueryCreator, sql } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isUniqueViolation, violatedConstraint } from '../../db/db-errors.ts';
import { perDatabase } from '../../db/per-database.ts';
import type { DB } from '../../db/schema.ts';
import { GuardFailed, type WriteBatch } from '../../db/write-batch.ts';
import {
  AUDIT_STRIPES,
  type AuditFields,
  auditMac,
  chainHash,
  GENESIS_HASH,
  HASH_HMAC,
} from './audit-chain.ts';

/**
 * Appending to a district's audit chain (docs/adr/0003-audit-chain-stripes.md): inside the
 * transaction of the change it records, or as the one statement of a change made outside a
 * transaction (docs/adr/0004-one-statement-intake.md).
 */

export type AuditEntry = Omit<AuditFields, 'stripe' | 'seq' | 'id' | 'at' | 'district_code' | 'detail'> & {
  detail?: Record<string, unknown>;
};

type Head = { stripe: number; seq: number; hash: Uint8Array };

/**
 * The chain head each open transaction holds per district, as its own last append left it: its
 * later rows stay on that stripe and need not read the head again (nobody else can move a head
 * this transaction holds FOR UPDATE). Kept per transaction handle: a savepoint's handle starts
 * empty and hands what it learnt to its parent only when it is released (`carryAuditHeads`), since
 * rolling it back also rolls its appends back. The append's own guard (`seq` unchanged) makes a
 * head that is somehow stale fail loudly instead of forking the chain.
 */
const heldHeads = new WeakMap<object, Map<string, Head>>();

/** Hands the chain heads a transaction handle holds to another handle of the same transaction. */
export function carryAuditHeads(from: Kysely<DB>, to: Kysely<DB>): void {
  const held = heldHeads.get(from);
  if (!held) return;
  const into = heldHeads.get(to) ?? new Map<string, Head>();
  for (const [district, head] of held) into.set(district, head);
  heldHeads.set(to, into);
}

function remember(trx: Kysely<DB>, districtCode: string, head: Head): void {
  if (!trx.isTransaction) return;
  const held = heldHeads.get(trx) ?? new Map<string, Head>();
  held.set(districtCode, head);
  heldHeads.set(trx, held);
}

const heads = (trx: Kysely<DB>, districtCode: string) =>
  trx
    .selectFrom('audit_chain_head')
    .select(['stripe', 'seq', 'hash'])
    .where('district_code', '=', districtCode);

/** A free head of the district, locked; none when every head is held by another transaction (or none exists). */
const freeHead = (trx: Kysely<DB>, districtCode: string) =>
  heads(trx, districtCode).orderBy('stripe').limit(1).forUpdate().skipLocked().executeTakeFirst();

/** The district's K heads at the chain's start; those that exist stay as they are. */
async function createHeads(db: Kysely<DB>, districtCode: string): Promise<void> {
  await db
    .insertInto('audit_chain_head')
    .values(
      Array.from({ length: AUDIT_STRIPES }, (_, stripe) => ({
        district_code: districtCode,
        stripe,
        seq: 0,
        hash: GENESIS_HASH,
      })),
    )
    .onConflict((oc) => oc.columns(['district_code', 'stripe']).doNothing())
    .execute();
}

/**
 * Locks one of the district's chain heads until the transaction ends: the one this transaction
 * already holds (known without a read), else the first free one (SKIP LOCKED: a writer never waits
 * while a stripe is free; taking them in stripe order keeps a quiet district's rows on stripe 0).
 * The district's K heads are created on its first append only; when all K are held, it waits on a
 * random one.
 */
async function lockHead(trx: Kysely<DB>, districtCode: string): Promise<Head> {
  const held = trx.isTransaction ? heldHeads.get(trx)?.get(districtCode) : undefined;
  if (held) return held;
  let head = await freeHead(trx, districtCode);
  if (!head) {
    await createHeads(trx, districtCode);
    head =
      (await freeHead(trx, districtCode)) ??
      (await heads(trx, districtCode).orderBy(sql`random()`).limit(1).forUpdate().executeTakeFirstOrThrow());
  }
  return { stripe: Number(head.stripe), seq: Number(head.seq), hash: head.hash };
}

/** The row an append writes on `head`, with its hash. */
function chained(districtCode: string, head: Head, entry: AuditEntry, id: string) {
  const fields: AuditFields = {
    district_code: districtCode,
    stripe: head.stripe,
    seq: head.seq + 1,
    id,
    at: new Date(),
    actor_id: entry.actor_id,
    actor_name: entry.actor_name,
    actor_roles: entry.actor_roles,
    scope: entry.scope,
    action: entry.action,
    object_type: entry.object_type,
    object_id: entry.object_id,
    result: entry.result,
    source_ip: entry.source_ip,
    detail: entry.detail ?? {},
  };
  const hash = chainHash(auditMac(), HASH_HMAC, head.hash, fields);
  return { fields, hash };
}

/** The audit row's insert, as a CTE of the statement that moves the head. */
function auditRowWith(db: Kysely<DB>, head: Head, fields: AuditFields, hash: Uint8Array) {
  return db.with('audit_row', (w) =>
    w.insertInto('audit_log').values({
      ...fields,
      detail: JSON.stringify(fields.detail),
      prev_hash: head.hash,
      hash,
      hash_version: HASH_HMAC,
    }),
  ) as unknown as QueryCreator<DB>;
}

/**
 * The move of a stripe's head to the row just chained, only from the seq that row was chained on:
 * a head someone else moved is not touched, and the append fails instead of forking the chain.
 */
function headMove(
  q: QueryCreator<DB>,
  districtCode: string,
  from: Head,
  to: { seq: number; hash: Uint8Array },
) {
  return q
    .updateTable('audit_chain_head')
    .set({ seq: to.seq, hash: to.hash })
    .where('district_code', '=', districtCode)
    .where('stripe', '=', from.stripe)
    .where('seq', '=', from.seq);
}

/** Adds the batch's held writes (and guards) to a statement as CTEs. */
function withHeld(statement: QueryCreator<DB>, batch: WriteBatch | undefined): QueryCreator<DB> {
  let q = statement;
  batch?.writes.forEach((write, i) => {
    q = q.with(`held_${i}`, () => write as never) as unknown as QueryCreator<DB>;
  });
  batch?.guards.forEach((guard, i) => {
    q = q.with(`guard_${i}`, () => guard as never) as unknown as QueryCreator<DB>;
  });
  return q;
}

/**
 * Appends to one of a district's hash chains, with the change's held writes (`batch`). Inside a
 * transaction (the change it records: no audit, no change) the stripe's head row stays locked FOR
 * UPDATE until commit, so appends to one stripe queue instead of forking it, while appends of other
 * transactions take other stripes (docs/adr/0003-audit-chain-stripes.md). Two statements: lock the
 * head (skipped when this transaction already holds one, see `heldHeads`), then one statement that
 * inserts the row and moves the head, and sends the held writes. A change outside a transaction
 * with held writes is that one statement alone (`appendAlone`).
 */
export async function appendAudit(
  trx: Kysely<DB>,
  districtCode: string,
  entry: AuditEntry,
  id: string,
  batch?: WriteBatch,
): Promise<void> {
  if (!trx.isTransaction && batch) return appendAlone(trx, districtCode, entry, id, batch);
  if (batch?.guards.length) throw new Error('guarded writes are for a change written in one statement');
  const head = await lockHead(trx, districtCode);
  const { fields, hash } = chained(districtCode, head, entry, id);
  // One statement: the audit row and the change's held writes (db/write-batch.ts) ride as CTEs on
  // the guarded move of the head. When the head is no longer where this append found it, no head
  // row moves and the change fails; its transaction (or savepoint) rolls back with the row the CTE
  // wrote, so the chain never forks. Nothing is read back into the statement, so Citus runs each
  // part as a task on the district's shard, pulls nothing through the coordinator, and the
  // transaction commits in one phase (an INSERT … SELECT from a moved head did neither).
  const moved = await headMove(withHeld(auditRowWith(trx, head, fields, hash), batch), districtCode, head, {
    seq: fields.seq,
    hash,
  }).executeTakeFirst();
  if (Number(moved.numUpdatedRows ?? 0) !== 1) {
    throw new Error(
      `audit chain head ${districtCode}/${head.stripe} is no longer at ${head.seq}: the change is refused, the chain stays whole`,
    );
  }
  remember(trx, districtCode, { stripe: head.stripe, seq: fields.seq, hash });
}

/**
 * The heads this process last left on the stripes it appends to outside a transaction, per
 * database handle: `district:stripe` → head. An append there needs no read while nobody else
 * moves the head; when someone did, its statement fails on the head's guard and reads it afresh.
 */
const knownHeads = perDatabase<Head>();
/**
 * The stripes with an append of this process in flight outside a transaction, per handle and
 * district, and the appends waiting for one to be released.
 */
interface DistrictStripes {
  busy: Set<number>;
  waiting: Array<(stripe: number) => void>;
}
const busyStripes = perDatabase<DistrictStripes>();
/**
 * Where this process starts looking for a stripe. Appends in transactions take the free stripes
 * from 0 up (`lockHead`); appends alone take them from the top down, from a place that differs
 * between processes, so they rarely meet another writer on a head. Moved on after a collision.
 */
let aloneOffset = Math.floor(Math.random() * (AUDIT_STRIPES / 2));
/** How many times an append alone reads a moved head afresh before it gives up. */
const ALONE_ATTEMPTS = 8;

/**
 * Takes a stripe no other append of this process is using for the district; `release` hands it
 * back, or straight to the append that waited longest. With every stripe in flight an append
 * waits for one instead of sharing it: two appends of one process on one head would chain on the
 * same row, and one of them would fail and be written again, a whole statement for nothing.
 */
async function takeStripe(
  db: Kysely<DB>,
  districtCode: string,
): Promise<{ stripe: number; release: () => void }> {
  const byDistrict = busyStripes(db);
  const held = byDistrict.get(districtCode) ?? { busy: new Set<number>(), waiting: [] };
  byDistrict.set(districtCode, held);
  const release = (stripe: number) => () => {
    const next = held.waiting.shift();
    if (next) next(stripe);
    else held.busy.delete(stripe);
  };
  for (let i = 0; i < AUDIT_STRIPES; i++) {
    const stripe = AUDIT_STRIPES - 1 - ((aloneOffset + i) % AUDIT_STRIPES);
    if (!held.busy.has(stripe)) {
      held.busy.add(stripe);
      return { stripe, release: release(stripe) };
    }
  }
  const stripe = await new Promise<number>((resolve) => held.waiting.push(resolve));
  return { stripe, release: release(stripe) };
}

/** A stripe's head as it is now, creating the district's heads on its first append. */
async function readHead(db: Kysely<DB>, districtCode: string, stripe: number): Promise<Head> {
  const read = () => heads(db, districtCode).where('stripe', '=', stripe).executeTakeFirst();
  let head = await read();
  if (!head) {
    await createHeads(db, districtCode);
    head = await read();
  }
  if (!head) throw new Error(`audit chain head ${districtCode}/${stripe} is missing`);
  return { stripe, seq: Number(head.seq), hash: head.hash };
}

/** The SQLSTATE of a statement alone that met a moved head, or a guard that returned no row. */
const DIVISION_BY_ZERO = '22012';

function metMovedHeadOrGuard(error: unknown): boolean {
  if ((error as { code?: string } | null)?.code === DIVISION_BY_ZERO) return true;
  // The row's key is taken when another writer appended on the head first (on Citus the key is
  // named after its shard: audit_log_pk_102040).
  return isUniqueViolation(error) && violatedConstraint(error).startsWith('audit_log_pk');
}

/**
 * Appends outside a transaction: the change's whole statement (docs/adr/0004-one-statement-intake.md).
 * The head is not locked. The statement moves it only from where this append found it, and its
 * final SELECT divides by the number of heads moved and of rows each guard returned, so a head
 * someone else moved (or a guard that found its row taken) fails the whole statement and nothing
 * of the change is written. The append then reads the head afresh and runs again; when the head
 * had not moved, a guard failed, which the caller hears as `GuardFailed`. A row is chained on
 * exactly the head it moved, in the same statement, so the chain cannot fork and
 * `minqing audit verify` is unchanged.
 */
async function appendAlone(
  db: Kysely<DB>,
  districtCode: string,
  entry: AuditEntry,
  id: string,
  batch: WriteBatch,
): Promise<void> {
  const known = knownHeads(db);
  for (let attempt = 1; ; attempt++) {
    const { stripe, release } = await takeStripe(db, districtCode);
    const at = `${districtCode}:${stripe}`;
    try {
      const head = known.get(at) ?? (await readHead(db, districtCode, stripe));
      const { fields, hash } = chained(districtCode, head, entry, id);
      const guarded = ['moved', ...batch.guards.map((_, i) => `guard_${i}`)];
      const counts = sql.join(
        guarded.map((name) => sql`(select count(*) from ${sql.table(name)})`),
        sql` * `,
      );
      try {
        await withHeld(
          auditRowWith(db, head, fields, hash).with('moved', (w) =>
            headMove(w, districtCode, head, { seq: fields.seq, hash }).returning('stripe'),
          ) as unknown as QueryCreator<DB>,
          batch,
        )
          .selectNoFrom(sql<number>`1 / (${counts})`.as('ok'))
          .execute();
        known.set(at, { stripe, seq: fields.seq, hash });
        return;
      } catch (error) {
        known.delete(at);
        if (!metMovedHeadOrGuard(error)) throw error;
        const now = await readHead(db, districtCode, stripe);
        if (now.seq === head.seq) {
          // The head stood where it was chained on: a guard returned no row (or, with none, the
          // stripe holds a row past its head, which `minqing audit verify` reports).
          if ((error as { code?: string }).code === DIVISION_BY_ZERO && batch.guards.length > 0)
            throw new GuardFailed();
          throw error;
        }
        // Another writer appends on this stripe: look elsewhere from now on.
        aloneOffset = (aloneOffset + 1) % AUDIT_STRIPES;
        // Contention, not the request's fault: the client may send it again (a create with its
        // Idempotency-Key), so 503 with Retry-After rather than the statement's own error.
        if (attempt >= ALONE_ATTEMPTS)
          throw new AppError('SERVICE_UNAVAILABLE', 'The audit log was busy with other writes; try again.', {
            retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
            cause: error,
          });
      }
    } finally {
      release();
    }
  }
}
