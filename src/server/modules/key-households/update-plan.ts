import { v7 as uuidv7 } from 'uuid';
import type { PlanPatch } from '../../../shared/domain/key-household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { createKeyHouseholdRepository } from './key-households.repository.ts';
import { type KeyWriteContext, writableHousehold } from './key-write-context.ts';
import { assertPlanOwner } from './plan-owners.ts';

/**
 * Changes a plan's measures, owner or status, or schedules more follow-ups (dates it already has
 * are refused). A plan may still be closed after its household stopped being a key household.
 */
export async function updatePlan(
  ctx: KeyWriteContext,
  householdId: string,
  planId: string,
  body: PlanPatch,
): Promise<void> {
  await runTransaction(ctx.db, async (trx) => {
    const h = await writableHousehold(trx, ctx.principal, householdId);
    const repo = createKeyHouseholdRepository(trx);
    const plan = await repo.findPlan(h.district_code, h.id, planId);
    if (!plan) throw new AppError('NOT_FOUND', 'No such plan.');
    if (body.ownerUserId !== undefined && body.ownerUserId !== plan.owner_user_id)
      await assertPlanOwner(trx, h.district_code, h.region_path, body.ownerUserId);
    if (body.addFollowUpDates) {
      const existing = await repo.followUpDates(h.district_code, plan.id);
      const repeated = body.addFollowUpDates.filter((d) => existing.includes(d));
      if (repeated.length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `The plan already has a follow-up on ${repeated.join(', ')}.`,
          {
            issues: [
              { path: 'body.addFollowUpDates', reason: 'duplicate', message: 'date already scheduled' },
            ],
          },
        );
      }
      await repo.insertFollowUps(
        [...body.addFollowUpDates].sort().map((due) => ({
          district_code: h.district_code,
          id: uuidv7(),
          plan_id: plan.id,
          due_date: due,
        })),
      );
    }
    await repo.updatePlan(h.district_code, plan.id, {
      ...(body.measures !== undefined ? { measures: body.measures } : {}),
      ...(body.ownerUserId !== undefined ? { owner_user_id: body.ownerUserId } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    });
    await audit(trx, ctx.actor, {
      action: 'plan.updated',
      result: 'success',
      objectType: 'household_plan',
      objectId: plan.id,
      detail: {
        household: h.id,
        fields: Object.keys(body),
        ...(body.status && body.status !== plan.status ? { status: body.status } : {}),
        ...(body.ownerUserId && body.ownerUserId !== plan.owner_user_id ? { owner: body.ownerUserId } : {}),
      },
    });
  });
}
