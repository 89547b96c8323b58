import type { VisitSettingsInput } from '../../../shared/domain/visit-plan.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { createSettingsRepository } from '../system/settings.repository.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { visitSettingsKey } from './visit-settings.ts';

/** Saves the district's own night window and far limit (audited with the values). */
export function saveVisitSettings(ctx: PlanWriteContext, input: VisitSettingsInput): Promise<void> {
  const district = ctx.principal.districtCode;
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
