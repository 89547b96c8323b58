import { v7 as uuidv7 } from 'uuid';
import type { PlanCreate } from '../../../shared/domain/key-household.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { createKeyHouseholdRepository } from './key-households.repository.ts';
import { type KeyWriteContext, notKey, writableHousehold } from './key-write-context.ts';
import { assertPlanOwner } from './plan-owners.ts';

/** Draws up a 一户一策 plan for a key household: measures, an owner who reaches it, follow-up dates. */
export async function createPlan(
  ctx: KeyWriteContext,
  householdId: string,
  body: PlanCreate,
): Promise<string> {
  const id = uuidv7();
  await runTransaction(ctx.db, async (trx) => {
    const h = await writableHousehold(trx, ctx.principal, householdId);
    if (!h.is_key) throw notKey();
    await assertPlanOwner(trx, h.district_code, h.region_path, body.ownerUserId);
    const repo = createKeyHouseholdRepository(trx);
    await repo.insertPlan({
      district_code: h.district_code,
      id,
      household_id: h.id,
      measures: body.measures,
      owner_user_id: body.ownerUserId,
      created_by: ctx.principal.userId,
    });
    await repo.insertFollowUps(
      [...body.followUpDates].sort().map((due) => ({
        district_code: h.district_code,
        id: uuidv7(),
        plan_id: id,
        due_date: due,
      })),
    );
    await audit(trx, ctx.actor, {
      action: 'plan.created',
      result: 'success',
      objectType: 'household_plan',
      objectId: id,
      detail: { household: h.id, owner: body.ownerUserId, followUpDates: body.followUpDates },
    });
  });
  return id;
}
