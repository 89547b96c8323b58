import type { VisitSettingsInput } from '../../../shared/domain/visit-plan.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit, refuseAudited } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { holdsForDistrict } from '../auth/scope.ts';
import { createSettingsRepository } from '../system/settings.repository.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { visitSettingsKey } from './visit-settings.ts';

/** Whether the caller may change the district's visit settings: visits:plan for the whole district. */
export const mayEditVisitSettings = (principal: Principal) => holdsForDistrict(principal, 'visits:plan');

/**
 * Saves the district's own night window and far limit (audited with the values). They class every
 * street's visits, so a street's planner may not (403, audited), as for the assessment rules.
 */
export async function saveVisitSettings(ctx: PlanWriteContext, input: VisitSettingsInput): Promise<void> {
  const district = ctx.principal.districtCode;
  if (!mayEditVisitSettings(ctx.principal))
    await refuseAudited(
      ctx.db,
      ctx.actor,
      { action: 'visit.settings_saved', objectType: 'district', objectId: district },
      'The night window and far limit count for the whole district: changing them needs visits:plan for the whole district.',
    );
  return runTransaction(ctx.db, async (trx) => {
    await createSettingsRepository(trx).set(visitSettingsKey(district), input);
    await audit(trx, ctx.actor, {
      action: 'visit.settings_saved',
      result: 'success',
      objectType: 'district',
      objectId: district,
      detail: { ...input },
    });
  });
}
