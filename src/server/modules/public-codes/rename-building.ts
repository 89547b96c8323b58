import type { Building, BuildingInput } from '../../../shared/domain/public-codes.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { refuseTakenBuildingName } from './add-building.ts';
import { buildingInScope, type PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/** Renames a building; audited. */
export function renameBuilding(ctx: PublicCodeContext, id: string, input: BuildingInput): Promise<Building> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const building = await buildingInScope(trx, ctx.principal, 'regions:write', id);
    const repo = createPublicCodeRepository(trx);
    await refuseTakenBuildingName(repo, district, building.estate_id, input.name, id);
    await repo.renameBuilding(district, id, input.name);
    await audit(trx, ctx.actor, {
      action: 'building.updated',
      result: 'success',
      objectType: 'estate',
      objectId: building.estate_id,
      detail: { building: id, before: building.name, after: input.name },
    });
    return { id, name: input.name };
  });
}
