import type { Open311Client } from '../../../shared/domain/open311.ts';
import type { Open311ClientRow } from './open311.repository.ts';

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

export function clientView(row: Open311ClientRow): Open311Client {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    createdByName: row.created_by_name,
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}
