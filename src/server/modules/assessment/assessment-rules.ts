import type { Kysely } from 'kysely';
import {
  type AssessmentRules,
  type AssessmentRulesView,
  calendarOf,
  DEFAULT_ASSESSMENT_RULES,
} from '../../../shared/domain/assessment-rules.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit, refuseAudited } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { holdsForDistrict } from '../auth/scope.ts';
import { rebuildCoverageFigures } from '../coverage/coverage-figures.ts';
import { createAssessmentRepository } from './assessment.repository.ts';

/** The rules a district's figures are counted by: its stored ones, else the defaults. */
export async function readAssessmentRules(db: Kysely<DB>, districtCode: string): Promise<AssessmentRules> {
  return (await createAssessmentRepository(db).find(districtCode))?.rules ?? DEFAULT_ASSESSMENT_RULES;
}

/** The rules count for every place of the district, so only a district-wide publisher sets them. */
function mayEdit(principal: Principal): boolean {
  return holdsForDistrict(principal, 'figures:publish');
}

/** GET /api/v1/figures/rules: the rules in force in the caller's district. */
export async function viewAssessmentRules(
  db: Kysely<DB>,
  principal: Principal,
): Promise<AssessmentRulesView> {
  const stored = await createAssessmentRepository(db).find(principal.districtCode);
  return {
    ...(stored?.rules ?? DEFAULT_ASSESSMENT_RULES),
    updatedAt: stored?.updatedAt ? new Date(stored.updatedAt).toISOString() : null,
    editable: mayEdit(principal),
  };
}

/**
 * Changes the district's assessment rules; the row and its `assessment_rules.updated` audit row
 * (the rules before and after) are written together. Figures read afterwards count by the new
 * rules; league tables already published keep theirs. A grant of figures:publish below the
 * district (a street's leader) may not: 403.
 */
export async function updateAssessmentRules(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  rules: AssessmentRules,
  now: Date,
): Promise<AssessmentRulesView> {
  if (!mayEdit(principal))
    await refuseAudited(
      db,
      actor,
      { action: 'assessment_rules.updated', objectType: 'assessment_rule', objectId: principal.districtCode },
      'Assessment rules count for the whole district: changing them needs figures:publish for the whole district.',
    );
  await runTransaction(db, async (trx) => {
    const repo = createAssessmentRepository(trx);
    const before = (await repo.find(principal.districtCode))?.rules ?? DEFAULT_ASSESSMENT_RULES;
    await repo.save(principal.districtCode, rules, principal.userId, now);
    // Coverage counters count first visits per period of the calendar: a new month start recounts them.
    if (before.monthStartDay !== rules.monthStartDay)
      await rebuildCoverageFigures(trx, principal.districtCode, calendarOf(rules));
    await audit(trx, actor, {
      action: 'assessment_rules.updated',
      result: 'success',
      objectType: 'assessment_rule',
      objectId: principal.districtCode,
      detail: { before, after: rules },
    });
  });
  return { ...rules, updatedAt: now.toISOString(), editable: true };
}
