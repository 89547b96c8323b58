import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AuditFields, chainHash, GENESIS_HASH } from './audit-chain.ts';

export type AuditEntry = Omit<AuditFields, 'seq' | 'id' | 'at' | 'district_code' | 'detail'> & {
  detail?: Record<string, unknown>;
};

/**
 * Appends to a district's hash chain. Must run inside the transaction of the change it records
 * (no audit, no change): the chain head row is locked FOR UPDATE within the tenant, so
 * concurrent appends queue instead of forking the chain.
 */
export async function appendAudit(
  trx: Kysely<DB>,
  districtCode: string,
  entry: AuditEntry,
  id: string,
): Promise<void> {
  await trx
    .insertInto('audit_chain_head')
    .values({ district_code: districtCode, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('district_code').doNothing())
    .execute();
  const head = await trx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('district_code', '=', districtCode)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const fields: AuditFields = {
    district_code: districtCode,
    seq: Number(head.seq) + 1,
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
  const hash = chainHash(head.hash, fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, detail: JSON.stringify(fields.detail), prev_hash: head.hash, hash })
    .execute();
  await trx
    .updateTable('audit_chain_head')
    .set({ seq: fields.seq, hash })
    .where('district_code', '=', districtCode)
    .execute();
}

export interface ChainBreak {
  districtCode: string;
  seq: number;
  problem: string;
}

export type ChainBreakKind = 'missing_rows' | 'broken_link' | 'content_changed' | 'head_mismatch' | 'no_head';

/** A break's problem as a code, for a message in the reader's language (the CLI prints the words). */
export function chainBreakKind(problem: string): ChainBreakKind {
  if (problem.startsWith('missing rows')) return 'missing_rows';
  if (problem.startsWith('link')) return 'broken_link';
  if (problem.startsWith('row content')) return 'content_changed';
  if (problem.startsWith('chain head')) return 'head_mismatch';
  return 'no_head';
}

type ChainHead = { district_code: string; seq: number; hash: Uint8Array };

/** Recomputes one district's chain from its first row to its head; returns each break found. */
async function verifyChain(db: Kysely<DB>, head: ChainHead): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  let rows = 0;
  let prev: Uint8Array = GENESIS_HASH;
  let expected = 1;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('district_code', '=', head.district_code)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(2000)
      .execute();
    for (const row of page) {
      rows++;
      const seq = Number(row.seq);
      const at = row.at;
      if (seq !== expected)
        breaks.push({
          districtCode: head.district_code,
          seq: expected,
          problem: `missing rows ${expected}..${seq - 1}`,
        });
      if (!Buffer.from(row.prev_hash).equals(Buffer.from(prev))) {
        breaks.push({
          districtCode: head.district_code,
          seq,
          problem: 'link to the previous row is broken',
        });
      }
      const recomputed = chainHash(row.prev_hash, { ...row, seq, at, detail: row.detail });
      if (!recomputed.equals(Buffer.from(row.hash))) {
        breaks.push({
          districtCode: head.district_code,
          seq,
          problem: 'row content does not match its hash',
        });
      }
      prev = row.hash;
      expected = seq + 1;
      after = seq;
    }
    if (page.length < 2000) break;
  }
  if (Number(head.seq) !== expected - 1 || !Buffer.from(head.hash).equals(Buffer.from(prev))) {
    breaks.push({
      districtCode: head.district_code,
      seq: Number(head.seq),
      problem: 'chain head does not match the last row (rows removed from the end?)',
    });
  }
  return { rows, breaks };
}

/** Recomputes every district's chain; returns each break found (empty when intact). */
export async function verifyAuditChains(db: Kysely<DB>): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const heads = await db.selectFrom('audit_chain_head').selectAll().orderBy('district_code').execute();
  const breaks: ChainBreak[] = [];
  let rows = 0;
  for (const head of heads) {
    const result = await verifyChain(db, head);
    rows += result.rows;
    breaks.push(...result.breaks);
  }
  const orphans = await sql<{ district_code: string }>`
    select distinct district_code from audit_log
    where district_code not in (select district_code from audit_chain_head)`.execute(db);
  for (const o of orphans.rows)
    breaks.push({
      districtCode: o.district_code,
      seq: 0,

      problem: 'rows without a chain head',
    });
  return { rows, breaks };
}

/** Recomputes one district's chain (what its auditor may check from the audit page). */
export async function verifyDistrictChain(
  db: Kysely<DB>,
  districtCode: string,
): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const head = await db
    .selectFrom('audit_chain_head')
    .selectAll()
    .where('district_code', '=', districtCode)
    .executeTakeFirst();
  if (head) return verifyChain(db, head);
  const orphan = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('district_code', '=', districtCode)
    .limit(1)
    .executeTakeFirst();
  return {
    rows: 0,
    breaks: orphan ? [{ districtCode, seq: 0, problem: 'rows without a chain head' }] : [],
  };
}

/** A LIKE pattern for values starting with `text`, its wildcards taken literally. */
const startsWithPattern = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of one district's audit log, newest first, with the auditor's filters. */
export function listAudit(
  db: Kysely<DB>,
  districtCode: string,
  filter: {
    /** An action, its dotted beginning (`auth`, `auth.`), or any beginning followed by `*`. */
    action?: string | undefined;
    actor?: string | undefined;
    objectType?: string | undefined;
    objectId?: string | undefined;
    result?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    before?: number | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('audit_log').selectAll().where('district_code', '=', districtCode);
  const action = filter.action;
  if (action) {
    // `auth.` or `auth*`: every action starting so; `auth` or `auth.password`: that action and the
    // ones below it (`auth.password` does not take in `auth.password_changed`).
    if (action.endsWith('*')) q = q.where('action', 'like', startsWithPattern(action.slice(0, -1)));
    else if (action.endsWith('.')) q = q.where('action', 'like', startsWithPattern(action));
    else
      q = q.where((eb) =>
        eb.or([eb('action', '=', action), eb('action', 'like', startsWithPattern(`${action}.`))]),
      );
  }
  if (filter.actor) q = q.where('actor_name', '=', filter.actor);
  if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
  if (filter.result) q = q.where('result', '=', filter.result);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  if (filter.before) q = q.where('seq', '<', filter.before);
  return q.orderBy('seq', 'desc').limit(filter.limit).execute();
}

/** The distinct action names in a district's log, for the filter's choices. */
export async function listAuditActions(db: Kysely<DB>, districtCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .where('district_code', '=', districtCode)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}
