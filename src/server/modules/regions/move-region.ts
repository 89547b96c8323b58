import type { Kysely } from 'kysely';
import { MOVE_TARGET_LEVEL } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { placeChains } from '../figures/rollup.repository.ts';
import { shiftPlaceTotals } from '../figures/rollups.ts';
import { writeRegion } from './region-in-scope.ts';

const invalid = (message: string, reason: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'body.parentId', reason, message }] });

/**
 * Moves a grid to another community (or a micro-grid to another grid) with everything filed below
 * it, in one transaction: the node's parent, then every path at or below it — the regions', the
 * households' and the enterprises' — rewritten by prefix in one set-based UPDATE per table.
 * Its kept figures' per-place totals move from the old ancestors to the new (figures/rollups.ts).
 * Both the node and its new parent must be in the caller's regions:write scope. Ids do not change,
 * so grants, staff and sessions keep pointing at the same node; scopes are resolved from region
 * rows on every request, so they follow the new path at once.
 */
export async function moveRegion(
  db: Kysely<DB>,
  scope: Scope,
  id: string,
  parentId: string,
  actor: AuditActor,
) {
  return writeRegion(db, scope, id, async (node, regions, trx) => {
    const target = await regions.findInScope(scope, parentId);
    if (!target) throw new AppError('NOT_FOUND', 'No such target region.');
    const wanted = MOVE_TARGET_LEVEL[node.level];
    if (!wanted) throw invalid(`A ${node.level} cannot be moved: only grids and micro-grids move.`, 'level');
    if (target.level !== wanted) throw invalid(`A ${node.level} moves below a ${wanted}.`, 'level');
    if (node.parent_id === target.id) throw invalid('The region is already there.', 'same_parent');
    // Both rows locked in a fixed order: two moves of one node queue instead of interleaving.
    const locked = new Map<string, string>();
    for (const lockId of [node.id, target.id].sort()) {
      const row = await regions.lockNode(scope.districtCode, lockId);
      if (row) locked.set(row.id, row.path);
    }
    if (locked.get(node.id) !== node.path || locked.get(target.id) !== target.path)
      throw new AppError('CONFLICT', 'The region moved meanwhile; try again.');
    const newPath = `${target.path}.${node.code}`;
    // The parents do not move: their chains are the node's ancestors before and after.
    const chains = await placeChains(trx, scope.districtCode, [node.parent_id as string, target.id], false);
    const moved = await regions.moveSubtree(scope.districtCode, node, target.id, newPath);
    await shiftPlaceTotals(
      trx,
      scope.districtCode,
      node.id,
      chains.get(node.parent_id as string) ?? [],
      chains.get(target.id) ?? [],
    );
    await audit(trx, actor, {
      action: 'region.moved',
      result: 'success',
      objectType: 'region',
      objectId: node.id,
      detail: {
        from: { parent: node.parent_id, path: node.path },
        to: { parent: target.id, path: newPath },
        counts: moved,
      },
    });
    return moved;
  });
}
