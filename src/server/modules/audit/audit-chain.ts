import crypto from 'node:crypto';

/** The fields of an audit row that its hash covers (everything but the hashes themselves). */
export interface AuditFields {
  district_code: string;
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string | null;
  scope: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  source_ip: string | null;
  detail: unknown;
}

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
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  return crypto.createHash('sha256').update(prev).update(body, 'utf8').digest();
}
