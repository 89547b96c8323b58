import type { z } from 'zod';
import type { householdPatchSchema } from '../../../shared/domain/household.ts';
import { isGridLevel } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { positionColumns, positionOf } from '../../../shared/map/position.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createTagRepository } from '../tags/tags.repository.ts';
import { checkHouseholdTags } from './household-tags.ts';
import { createHouseholdRepository } from './households.repository.ts';
import type { WriteContext } from './write-context.ts';

type Body = z.output<typeof householdPatchSchema>;

/**
 * Changes a household's address, tags or grid. Moving it to another grid of the caller's scope
 * moves its region path with it; a tag change recomputes whether it is a key household.
 */
export async function updateHousehold(ctx: WriteContext, id: string, body: Body): Promise<void> {
  const scope = scopeFor(ctx.principal, 'households:write');
  await runTransaction(ctx.db, async (trx) => {
    const repo = createHouseholdRepository(trx);
    const h = await repo.findInScope(scope, id);
    if (!h) throw new AppError('NOT_FOUND', 'No such household.');
    const changes: Parameters<typeof repo.updateHousehold>[2] = {};
    if (body.gridId !== undefined && body.gridId !== h.grid_id) {
      const grid = await createRegionRepository(trx).findInScope(scope, body.gridId);
      if (!grid || !isGridLevel(grid.level)) throw new AppError('NOT_FOUND', 'No such grid.');
      changes.grid_id = grid.id;
      changes.region_path = grid.path;
    }
    if (body.address !== undefined) changes.address = body.address;
    for (const field of ['estate', 'building', 'unit', 'room'] as const) {
      const value = body[field];
      if (value !== undefined) changes[field] = value;
    }
    if (body.position !== undefined) Object.assign(changes, positionColumns(body.position));
    if (body.tags !== undefined || body.tagLevels !== undefined) {
      const tags = body.tags ?? h.tags;
      // Levels of tags that stay are kept unless new ones are sent.
      const levels =
        body.tagLevels ??
        Object.fromEntries(Object.entries(h.tag_levels ?? {}).filter(([t]) => tags.includes(t)));
      const { isKey } = await checkHouseholdTags(
        createTagRepository(trx),
        h.district_code,
        { tags, levels },
        h.tags,
      );
      changes.tags = tags;
      changes.tag_levels = levels;
      changes.is_key = isKey;
    }
    await repo.updateHousehold(h.district_code, h.id, changes);
    await audit(trx, ctx.actor, {
      action: 'household.updated',
      result: 'success',
      objectType: 'household',
      objectId: h.id,
      detail: {
        fields: Object.keys(body),
        ...(changes.grid_id ? { movedFrom: h.grid_id, movedTo: changes.grid_id } : {}),
        ...(changes.is_key !== undefined && changes.is_key !== h.is_key ? { isKey: changes.is_key } : {}),
        ...(body.position !== undefined ? { position: { before: positionOf(h), after: body.position } } : {}),
      },
    });
  });
}
