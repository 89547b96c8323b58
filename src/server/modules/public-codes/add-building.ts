import { v7 as uuidv7 } from 'uuid';
import type { Building, BuildingInput } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { estateInScope, type PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

export async function refuseTakenBuildingName(
  repo: ReturnType<typeof createPublicCodeRepository>,
  districtCode: string,
  estateId: string,
  name: string,
  exceptId: string | null,
): Promise<void> {
  if (await repo.buildingNameTaken(districtCode, estateId, name, exceptId))
    throw new AppError('CONFLICT', `The estate already has a building named ${name}.`);
}

/** Adds a building (楼栋) to an estate; audited. */
export function addBuilding(
  ctx: PublicCodeContext,
  estateId: string,
  input: BuildingInput,
): Promise<Building> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const repo = createPublicCodeRepository(trx);
    // Locked: a removal of the estate waits, so no building is added to a removed estate.
    await repo.lockEstate(district, estateId);
    const estate = await estateInScope(trx, ctx.principal, 'regions:write', estateId);
    await refuseTakenBuildingName(repo, district, estate.id, input.name, null);
    const id = uuidv7();
    await repo.insertBuilding({
      district_code: district,
      id,
      estate_id: estate.id,
      name: input.name,
      created_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'building.created',
      result: 'success',
      objectType: 'estate',
      objectId: estate.id,
      detail: { building: id, name: input.name },
    });
    return { id, name: input.name };
  });
}
