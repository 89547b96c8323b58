import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { estateInScope, type PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/**
 * Removes an estate with its buildings. Its row stays (marked removed) for the codes that named
 * it: they are retired with no replacement, so an old poster says the code is retired instead of
 * failing. Audited with the codes retired.
 */
export function removeEstate(ctx: PublicCodeContext, id: string): Promise<void> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const repo = createPublicCodeRepository(trx);
    await repo.lockEstate(district, id);
    const estate = await estateInScope(trx, ctx.principal, 'regions:write', id);
    const codes = (await repo.liveCodesOfEstate(district, id)).map((c) => c.code);
    for (const code of codes)
      await repo.retireCode(district, code, {
        retired_at: ctx.now,
        retired_by: ctx.principal.userId,
        replaced_by: null,
      });
    await repo.deleteBuildingsOf(district, id);
    await repo.updateEstate(district, id, { removed_at: ctx.now }, ctx.now);
    await audit(trx, ctx.actor, {
      action: 'estate.removed',
      result: 'success',
      objectType: 'estate',
      objectId: id,
      detail: { grid: estate.grid_id, name: estate.name, retiredCodes: codes },
    });
  });
}
