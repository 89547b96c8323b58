import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { buildingInScope, type PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/** Removes a building (no record refers to one yet); audited. */
export function removeBuilding(ctx: PublicCodeContext, id: string): Promise<void> {
  return runTransaction(ctx.db, async (trx) => {
    const building = await buildingInScope(trx, ctx.principal, 'regions:write', id);
    await createPublicCodeRepository(trx).deleteBuilding(ctx.principal.districtCode, id);
    await audit(trx, ctx.actor, {
      action: 'building.removed',
      result: 'success',
      objectType: 'estate',
      objectId: building.estate_id,
      detail: { building: id, name: building.name },
    });
  });
}
