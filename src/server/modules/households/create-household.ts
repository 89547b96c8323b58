import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { householdCreateSchema } from '../../../shared/domain/household.ts';
import { isGridLevel } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { positionColumns } from '../../../shared/map/position.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createTagRepository } from '../tags/tags.repository.ts';
import { checkHouseholdTags } from './household-tags.ts';
import { createHouseholdRepository, type HouseholdRepository } from './households.repository.ts';
import type { WriteContext } from './write-context.ts';

type Body = z.output<typeof householdCreateSchema>;

/** The next free code of a grid, in the seeder's pattern: <grid code>-H0001, -H0002 … */
async function nextCode(repo: HouseholdRepository, districtCode: string, gridCode: string): Promise<string> {
  const prefix = `${gridCode}-H`;
  let highest = 0;
  for (const code of await repo.codesWithPrefix(districtCode, prefix)) {
    const n = /^\d+$/.test(code.slice(prefix.length)) ? Number(code.slice(prefix.length)) : 0;
    if (n > highest) highest = n;
  }
  return `${prefix}${String(highest + 1).padStart(4, '0')}`;
}

const codeTaken = (code: string) =>
  new AppError('CONFLICT', `The household code ${code} is already in use in this district.`, {
    issues: [{ path: 'body.code', reason: 'duplicate', message: 'household code already in use' }],
  });

/** Registers a household in a grid of the caller's scope; returns its id. */
export async function createHousehold(ctx: WriteContext, body: Body): Promise<string> {
  const { districtCode } = ctx.principal;
  const scope = scopeFor(ctx.principal, 'households:write');
  const id = uuidv7();
  try {
    await runTransaction(ctx.db, async (trx) => {
      const repo = createHouseholdRepository(trx);
      const { isKey } = await checkHouseholdTags(createTagRepository(trx), districtCode, {
        tags: body.tags,
        levels: body.tagLevels,
      });
      const grid = await createRegionRepository(trx).findInScope(scope, body.gridId);
      if (!grid || !isGridLevel(grid.level)) throw new AppError('NOT_FOUND', 'No such grid.');
      if (body.code && (await repo.codeTaken(districtCode, body.code))) throw codeTaken(body.code);
      const code = body.code ?? (await nextCode(repo, districtCode, grid.code));
      await repo.insertHousehold({
        district_code: districtCode,
        id,
        grid_id: grid.id,
        region_path: grid.path,
        code,
        address: body.address,
        estate: body.estate ?? null,
        building: body.building ?? null,
        unit: body.unit ?? null,
        room: body.room ?? null,
        tags: body.tags,
        tag_levels: body.tagLevels,
        is_key: isKey,
        ...positionColumns(body.position ?? null),
      });
      await audit(trx, ctx.actor, {
        action: 'household.created',
        result: 'success',
        objectType: 'household',
        objectId: id,
        detail: { code, gridId: grid.id, isKey, positioned: body.position != null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(body.code ?? 'generated');
    throw error;
  }
  return id;
}
