import { v7 as uuidv7 } from 'uuid';
import type { CreateVisitRule } from '../../../shared/domain/visit-plan.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { createVisitPlanRepository } from './visit-plans.repository.ts';

/** A rule of the district node or of a street the planner's scope reaches. */
export function createVisitRule(ctx: PlanWriteContext, input: CreateVisitRule): Promise<{ id: string }> {
  const scope = scopeFor(ctx.principal, 'visits:plan');
  return runTransaction(ctx.db, async (trx) => {
    const region = await createRegionRepository(trx).findInScope(scope, input.regionId);
    if (!region) throw new AppError('NOT_FOUND', 'No such region.');
    if (region.level !== 'district' && region.level !== 'street')
      throw new AppError('VALIDATION_FAILED', 'Rules belong to the district or a street.', {
        issues: [{ path: 'regionId', reason: 'level', message: 'not a district or street' }],
      });
    const id = uuidv7();
    await createVisitPlanRepository(trx).insertRule({
      districtCode: ctx.principal.districtCode,
      id,
      regionId: region.id,
      regionPath: region.path,
      kind: input.kind,
      params: input.params,
      createdBy: ctx.principal.userId,
    });
    await audit(trx, ctx.actor, {
      action: 'visit.rule_created',
      result: 'success',
      objectType: 'visit_rule',
      objectId: id,
      detail: { region: region.id, kind: input.kind, params: input.params },
    });
    return { id };
  });
}
