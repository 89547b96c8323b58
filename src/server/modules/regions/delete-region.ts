import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isForeignKeyViolation } from '../../db/db-errors.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { writeRegion } from './region-in-scope.ts';
import type { RegionUsage } from './regions.repository.ts';

const USAGE_LABELS: Record<keyof RegionUsage, string> = {
  children: 'child regions',
  households: 'households',
  enterprises: 'enterprises',
  staff: 'staff',
  grants: 'role grants',
  departments: 'departments',
  exportRequests: 'export requests',
  cases: 'cases',
};

/** "3 child regions, 12 households": what still hangs on the node. */
export function describeUsage(usage: RegionUsage): string {
  return (Object.keys(USAGE_LABELS) as (keyof RegionUsage)[])
    .filter((k) => usage[k] > 0)
    .map((k) => `${usage[k]} ${USAGE_LABELS[k]}`)
    .join(', ');
}

/**
 * Deletes an empty node: no children, records, staff, grants or anything else naming it. A
 * district is never deleted (it is the deployment's tenant).
 */
export async function deleteRegion(
  db: Kysely<DB>,
  scope: Scope,
  id: string,
  actor: AuditActor,
): Promise<void> {
  await writeRegion(db, scope, id, async (node, regions, trx) => {
    if (node.level === 'district') throw new AppError('CONFLICT', 'A district cannot be deleted.');
    // Locked, so a child or record added meanwhile waits for this delete (and then fails on the key).
    await regions.lockNode(scope.districtCode, id);
    const usage = await regions.usage(scope.districtCode, id, node.path);
    const left = describeUsage(usage);
    if (left) throw new AppError('CONFLICT', `The region still has ${left}.`);
    try {
      await regions.delete(scope.districtCode, id);
    } catch (error) {
      // A table added later that names regions: its key refuses, and so do we, by name.
      if (isForeignKeyViolation(error))
        throw new AppError('CONFLICT', 'Other records still refer to this region.');
      throw error;
    }
    await audit(trx, actor, {
      action: 'region.deleted',
      result: 'success',
      objectType: 'region',
      objectId: id,
      detail: { code: node.code, name: node.name, level: node.level, path: node.path },
    });
  });
}
