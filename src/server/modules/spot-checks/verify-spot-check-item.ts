import type { Kysely } from 'kysely';
import type { SpotCheckItem, SpotCheckResult } from '../../../shared/domain/spot-check.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { itemsOf } from './spot-check-view.ts';
import { createSpotCheckRepository } from './spot-checks.repository.ts';
import { visitSummaries } from './visit-summaries.repository.ts';

/**
 * Records what verifying one sampled visit found (confirmed, not confirmed, unreachable) with a
 * note. A later verification replaces the earlier one; the audit row keeps both.
 */
export async function verifySpotCheckItem(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  ids: { spotCheckId: string; visitId: string },
  input: { result: SpotCheckResult; note?: string | undefined },
): Promise<SpotCheckItem> {
  const scope = scopeFor(principal, 'visits:check');
  const district = principal.districtCode;
  return runTransaction(db, async (trx) => {
    const checks = createSpotCheckRepository(trx);
    const check = await checks.findInScope(scope, ids.spotCheckId);
    const before = check ? await checks.lockItem(district, ids.spotCheckId, ids.visitId) : undefined;
    const visit = before ? (await visitSummaries(trx, district, [ids.visitId])).get(ids.visitId) : undefined;
    // A visit since moved out of the checker's reach is as unknown as one never sampled.
    if (!check || !before || !visit || !pathInScope(visit.region_path, scope)) {
      throw new AppError('NOT_FOUND', 'No such sampled visit.');
    }
    const note = input.note ? input.note : null;
    await checks.verifyItem(district, ids.spotCheckId, ids.visitId, {
      result: input.result,
      note,
      verified_by: principal.userId,
    });
    await audit(trx, actor, {
      action: 'spot_check.verified',
      result: 'success',
      objectType: 'visit',
      objectId: ids.visitId,
      detail: { spotCheckId: ids.spotCheckId, before: before.result, after: input.result, note },
    });
    const [item] = await itemsOf(
      trx,
      scope,
      district,
      await checks.items(district, ids.spotCheckId, ids.visitId),
    );
    return item as SpotCheckItem;
  });
}
