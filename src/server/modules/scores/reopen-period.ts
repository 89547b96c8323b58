import type { Kysely } from 'kysely';
import type { ScorePeriodSummary } from '../../../shared/domain/score-periods.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { mayReopen, periodSummary, visiblePeriod } from './closed-periods.ts';
import { createScorePeriodsRepository } from './score-periods.repository.ts';

/**
 * POST /api/v1/score-periods/:id/reopen: a district-wide leader unfreezes a closed period with a
 * reason (403, audited, for anyone else). The snapshot stays readable as a reopened revision; the
 * live table is answered again until the next close writes the next revision.
 */
export async function reopenScorePeriod(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  reason: string,
  now: Date,
): Promise<ScorePeriodSummary> {
  const p = await visiblePeriod(db, principal, id);
  if (!mayReopen(principal)) {
    await runTransaction(db, (trx) =>
      audit(trx, actor, {
        action: 'score_period.reopened',
        result: 'denied',
        objectType: 'score_period',
        objectId: id,
      }),
    );
    throw new AppError(
      'FORBIDDEN',
      'Reopening a closed period needs figures:publish for the whole district.',
    );
  }
  await runTransaction(db, async (trx) => {
    const reopened = await createScorePeriodsRepository(trx).reopen(
      p.district_code,
      id,
      principal.displayName,
      now,
      reason,
    );
    if (!reopened) throw new AppError('SCORE_PERIOD_NOT_CLOSED', 'This period is not closed.');
    await audit(trx, actor, {
      action: 'score_period.reopened',
      result: 'success',
      objectType: 'score_period',
      objectId: id,
      detail: { revision: Number(p.revision), reason, digest: p.digest },
    });
  });
  return {
    ...periodSummary(p),
    state: 'reopened',
    reopenedAt: now.toISOString(),
    reopenedBy: principal.displayName,
    reopenReason: reason,
  };
}
