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

/** Recomputes every district's chain; returns each break found (empty when intact). */
export async function verifyAuditChains(db: Kysely<DB>): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const heads = await db.selectFrom('audit_chain_head').selectAll().orderBy('district_code').execute();
  const breaks: ChainBreak[] = [];
  let rows = 0;
  for (const head of heads) {
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
  }
  const orphans = await sql<{ district_code: string }>`
    select distinct district_code from audit_log
    where district_code not in (select district_code from audit_chain_head)`.execute(db);
  for (const o of orphans.rows)
    breaks.push({ districtCode: o.district_code, seq: 0, problem: 'rows without a chain head' });
  return { rows, breaks };
}

/** A page of one district's audit log, newest first, with the auditor's filters. */
export function listAudit(
  db: Kysely<DB>,
  districtCode: string,
  filter: {
    action?: string;
    actor?: string;
    result?: string;
    from?: Date;
    to?: Date;
    before?: number;
    limit: number;
  },
) {
  let q = db.selectFrom('audit_log').selectAll().where('district_code', '=', districtCode);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.actor) q = q.where('actor_name', '=', filter.actor);
  if (filter.result) q = q.where('result', '=', filter.result);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  if (filter.before) q = q.where('seq', '<', filter.before);
  return q.orderBy('seq', 'desc').limit(filter.limit).execute();
}
