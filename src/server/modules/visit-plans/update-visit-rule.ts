import { AppError } from '../../../shared/errors/app-error.ts';
import { parseRuleParams } from '../../../shared/visits/rules.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { createVisitPlanRepository } from './visit-plans.repository.ts';

/** Switches a rule on or off or replaces its parameters, checked against the rule's kind. */
export function updateVisitRule(
  ctx: PlanWriteContext,
  id: string,
  patch: { active?: boolean | undefined; params?: Record<string, unknown> | undefined },
): Promise<void> {
  const scope = scopeFor(ctx.principal, 'visits:plan');
  return runTransaction(ctx.db, async (trx) => {
    const rules = createVisitPlanRepository(trx);
    const rule = await rules.findRuleInScope(scope, id);
    if (!rule) throw new AppError('NOT_FOUND', 'No such rule.');
    let params: unknown;
    if (patch.params !== undefined) {
      const parsed = parseRuleParams(rule.kind, patch.params);
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', 'These parameters do not fit the rule.', {
          issues: parsed.error.issues.map((i) => ({
            path: ['body', 'params', ...i.path].join('.'),
            reason: i.code,
            message: i.message,
          })),
        });
      params = parsed.data;
    }
    await rules.updateRule(ctx.principal.districtCode, id, {
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(params !== undefined ? { params } : {}),
    });
    await audit(trx, ctx.actor, {
      action: 'visit.rule_updated',
      result: 'success',
      objectType: 'visit_rule',
      objectId: id,
      detail: {
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(params !== undefined ? { params, previous: rule.params } : {}),
      },
    });
  });
}
