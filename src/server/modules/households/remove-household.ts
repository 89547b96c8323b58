import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createHouseholdRepository } from './households.repository.ts';
import type { WriteContext } from './write-context.ts';

/**
 * Marks a household as moved out, with its members: it disappears from lists, details and
 * counts; the rows stay for the retention job, which anonymises them later.
 */
export async function removeHousehold(ctx: WriteContext, id: string, reason: string): Promise<Date> {
  const scope = scopeFor(ctx.principal, 'households:write');
  const at = new Date();
  await runTransaction(ctx.db, async (trx) => {
    const repo = createHouseholdRepository(trx);
    const h = await repo.findInScope(scope, id);
    if (!h) throw new AppError('NOT_FOUND', 'No such household.');
    await repo.removeHousehold(h.district_code, h.id, at);
    await audit(trx, ctx.actor, {
      action: 'household.removed',
      result: 'success',
      objectType: 'household',
      objectId: h.id,
      detail: { code: h.code, reason },
    });
  });
  return at;
}
