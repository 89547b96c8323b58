import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { createVisitPlanRepository } from './visit-plans.repository.ts';

/** Ends a 包联 assignment (the row goes; the audit row keeps who answered for what). */
export function removeVisitAssignment(ctx: PlanWriteContext, id: string): Promise<void> {
  const scope = scopeFor(ctx.principal, 'visits:plan');
  return runTransaction(ctx.db, async (trx) => {
    const plans = createVisitPlanRepository(trx);
    const found = await plans.findAssignmentInScope(scope, id);
    if (!found) throw new AppError('NOT_FOUND', 'No such assignment.');
    await plans.deleteAssignment(ctx.principal.districtCode, id);
    await audit(trx, ctx.actor, {
      action: 'visit.unassigned',
      result: 'success',
      objectType: 'visit_assignment',
      objectId: id,
      detail: { user: found.user_id, subjectType: found.subject_type, subject: found.subject_id },
    });
  });
}
