import type { Estate, EstatePatch } from '../../../shared/domain/public-codes.ts';
import { uniqueOr } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { estateNameTaken, refuseTakenEstateName } from './add-estate.ts';
import { estateInScope, estateView, type PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/** Renames an estate or changes its address; its code (and so its posters) stay; audited. */
export function updateEstate(ctx: PublicCodeContext, id: string, input: EstatePatch): Promise<Estate> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const repo = createPublicCodeRepository(trx);
    await repo.lockEstate(district, id);
    const before = await estateInScope(trx, ctx.principal, 'regions:write', id);
    if (input.name !== undefined) await refuseTakenEstateName(repo, district, before.grid_id, input.name, id);
    const values = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.address !== undefined ? { address: input.address || null } : {}),
    };
    await uniqueOr(repo.updateEstate(district, id, values, ctx.now), () => estateNameTaken(input.name ?? ''));
    await audit(trx, ctx.actor, {
      action: 'estate.updated',
      result: 'success',
      objectType: 'estate',
      objectId: id,
      detail: { before: { name: before.name, address: before.address }, after: values },
    });
    return estateView(trx, district, { ...before, ...values });
  });
}
