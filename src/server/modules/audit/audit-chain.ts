import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditMac } from '../../crypto/audit-mac.ts';
import type { AuditLogTable } from '../../db/schema.ts';

/** The fields of an audit row that its hash covers (everything but the hashes themselves). */
export type AuditFields = Omit<Selectable<AuditLogTable>, 'prev_hash' | 'hash' | 'hash_version'>;

export const GENESIS_HASH = Buffer.alloc(32);

/** Plain SHA-256: rows written before keyed hashes; verified by this rule, never written any more. */
export const HASH_SHA256 = 1;
/** HMAC-SHA256 under the audit key: every row written now. */
export const HASH_HMAC = 2;

/**
 * How many independent chains ("stripes") a district's log has (docs/adr/0003). A writer locks
 * one stripe's head until it commits, so K must be at least the connection pool's size for
 * concurrent writers to rarely meet on a head; 16 covers the default pool with room to spare,
 * and verifying costs the same for any K (every row is checked once).
 */
export const AUDIT_STRIPES = 16;

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function rowBody(row: AuditFields): string {
  const stripe = Number(row.stripe);
  // Named fields only: a row read back from the database carries its hashes and must not hash them.
  // The stripe is hashed when it is not 0, so a row cannot move between stripes; stripe 0 leaves it
  // out, which keeps every row written before stripes (all stripe 0) verifying as it was written.
  return canonicalJson({
    district_code: row.district_code,
    ...(stripe === 0 ? {} : { stripe }),
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
}

/**
 * hash(n) = H(hash(n-1) ‖ canonical fields of row n), within one stripe of one district: editing
 * or removing a row breaks every later link of its stripe. H is HMAC-SHA256 under the audit key
 * for version 2 — without the key nobody can recompute it — and plain SHA-256 for the version-1
 * rows written before keyed hashes.
 */
export function chainHash(mac: AuditMac, version: number, prev: Uint8Array, row: AuditFields): Buffer {
  const body = rowBody(row);
  if (version === HASH_HMAC) return mac.row(prev, body);
  if (version === HASH_SHA256) return crypto.createHash('sha256').update(prev).update(body, 'utf8').digest();
  throw new Error(`Unknown audit hash version ${version}`);
}

/**
 * The audit key of this process. One deployment has one key, resolved once at start-up (the
 * server's context, the command line), so the many callers of `audit()` need not carry it.
 */
let current: AuditMac | undefined;
let resolver: (() => AuditMac) | undefined;

export function setAuditMac(mac: AuditMac): void {
  current = mac;
}

/** Resolves the key on first use only, for commands that may never write or check an audit row. */
export function setAuditMacResolver(resolve: () => AuditMac): void {
  current = undefined;
  resolver = resolve;
}

export function hasAuditMac(): boolean {
  return current !== undefined || resolver !== undefined;
}

export function auditMac(): AuditMac {
  current ??= resolver?.();
  if (!current) throw new Error('The audit key is not configured in this process (setAuditMac).');
  return current;
}
