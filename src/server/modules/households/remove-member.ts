import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createHouseholdRepository } from './households.repository.ts';
import type { WriteContext } from './write-context.ts';

/** Takes a member off a household (moved out, died): no longer listed, kept for the retention job. */
export async function removeMember(ctx: WriteContext, householdId: string, memberId: string): Promise<void> {
  const scope = scopeFor(ctx.principal, 'households:write');
  await runTransaction(ctx.db, async (trx) => {
    const repo = createHouseholdRepository(trx);
    const h = await repo.findInScope(scope, householdId);
    const member = h ? await repo.findMember(h.district_code, h.id, memberId) : undefined;
    if (!h || !member) throw new AppError('NOT_FOUND', 'No such member.');
    await repo.removePerson(h.district_code, member.id, new Date());
    await audit(trx, ctx.actor, {
      action: 'member.removed',
      result: 'success',
      objectType: 'person',
      objectId: member.id,
      detail: { household: h.id },
    });
  });
}
