import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { createKeyHouseholdRepository } from './key-households.repository.ts';
import { type KeyWriteContext, writableHousehold } from './key-write-context.ts';

/** Marks one follow-up of a plan as done, with what was found or done; once only. */
export async function completeFollowUp(
  ctx: KeyWriteContext,
  ids: { householdId: string; planId: string; followUpId: string },
  note: string,
): Promise<void> {
  await runTransaction(ctx.db, async (trx) => {
    const h = await writableHousehold(trx, ctx.principal, ids.householdId);
    const repo = createKeyHouseholdRepository(trx);
    const plan = await repo.findPlan(h.district_code, h.id, ids.planId);
    const followUp = plan ? await repo.findFollowUp(h.district_code, plan.id, ids.followUpId) : undefined;
    if (!plan || !followUp) throw new AppError('NOT_FOUND', 'No such follow-up.');
    if (plan.status === 'closed') throw new AppError('CONFLICT', 'The plan is closed.');
    const changed = await repo.markFollowUpDone(h.district_code, followUp.id, {
      by: ctx.principal.userId,
      at: new Date(),
      note,
    });
    if (changed === 0) throw new AppError('CONFLICT', 'This follow-up is already done.');
    await audit(trx, ctx.actor, {
      action: 'plan.follow_up_done',
      result: 'success',
      objectType: 'household_plan',
      objectId: plan.id,
      detail: { household: h.id, followUp: followUp.id, dueDate: followUp.due_date },
    });
  });
}
