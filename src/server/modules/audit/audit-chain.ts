import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.ts';

/** The fields of an audit row that its hash covers (everything but the hashes themselves). */
export type AuditFields = Omit<Selectable<AuditLogTable>, 'prev_hash' | 'hash'>;

export const GENESIS_HASH = Buffer.alloc(32);

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash(n) = SHA-256(hash(n-1) ‖ canonical fields of row n): editing or removing a row breaks every later link. */
export function chainHash(prev: Uint8Array, row: AuditFields): Buffer {
  // Named fields only: a row read back from the database carries its hashes and must not hash them.
  const body = canonicalJson({
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
  return crypto.createHash('sha256').update(prev).update(body, 'utf8').digest();
}
