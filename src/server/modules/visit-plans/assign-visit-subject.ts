import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors/app-error.ts';
import { uniqueOr } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { userReaches } from './user-reach.ts';
import { createVisitPlanRepository } from './visit-plans.repository.ts';

const alreadyAssigned = () => new AppError('CONFLICT', 'Already assigned.');

/**
 * 包联: makes a user answer for visiting a household, an enterprise or (leaders) a region. The
 * subject must lie in the planner's scope (404 otherwise); the user must be active and able to
 * visit it, i.e. hold a visits:write grant whose region reaches it.
 */
export function assignVisitSubject(
  ctx: PlanWriteContext,
  input: { userId: string; subjectType: 'household' | 'enterprise' | 'region'; subjectId: string },
): Promise<{ id: string }> {
  const scope = scopeFor(ctx.principal, 'visits:plan');
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const plans = createVisitPlanRepository(trx);
    const subject = await plans.subject(district, input.subjectType, input.subjectId);
    if (!subject || !pathInScope(subject.path, scope))
      throw new AppError('NOT_FOUND', `No such ${input.subjectType}.`);
    const user = await plans.planUser(district, input.userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    if (!user.active)
      throw new AppError('VALIDATION_FAILED', 'The account is deactivated.', {
        issues: [{ path: 'body.userId', reason: 'inactive', message: 'deactivated user' }],
      });
    if (!userReaches(user, 'visits:write', subject.path))
      throw new AppError('VALIDATION_FAILED', 'The user cannot visit there.', {
        issues: [{ path: 'body.userId', reason: 'scope', message: 'visit scope does not reach the subject' }],
      });
    if (await plans.assignmentExists(district, user.id, input.subjectType, input.subjectId))
      throw alreadyAssigned();
    const id = uuidv7();
    await uniqueOr(
      plans.insertAssignment({
        districtCode: district,
        id,
        userId: user.id,
        type: input.subjectType,
        subjectId: input.subjectId,
        regionPath: subject.path,
        createdBy: ctx.principal.userId,
      }),
      alreadyAssigned,
    );
    await audit(trx, ctx.actor, {
      action: 'visit.assigned',
      result: 'success',
      objectType: 'visit_assignment',
      objectId: id,
      detail: { user: user.id, subjectType: input.subjectType, subject: input.subjectId },
    });
    return { id };
  });
}
