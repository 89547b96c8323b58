import type { CreatedVisit, CreateVisit, SyncBatch, SyncResult } from '../../../shared/domain/visit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { ERROR_CODES } from '../../../shared/errors/codes.ts';
import { idempotent } from '../cases/idempotency.ts';
import { recordVisit } from './record-visit.ts';
import type { VisitWriteContext } from './visit-write-context.ts';

/**
 * Records one visit at most once per key and caller: the same key and visit answer the first
 * result (also across POST /visits and the sync, whose keys are the field app's client ids);
 * another visit under the same key is refused.
 */
export function recordVisitOnce(
  ctx: VisitWriteContext,
  body: CreateVisit,
  key: string | undefined,
  idempotencyDays: number,
) {
  return idempotent<CreatedVisit>(
    ctx.db,
    {
      ref: { districtCode: ctx.principal.districtCode, owner: ctx.principal.userId },
      key,
      body,
      days: idempotencyDays,
      status: 201,
    },
    (complete) => recordVisit(ctx, body, { beforeAudit: complete }),
  );
}

/**
 * The field app's sync: each queued visit in its own transaction under its own key, so one refused
 * visit does not hold back the others and a replayed batch creates nothing twice. The answer lists
 * the visits in the order sent: 201 created, 200 already recorded (the first answer), or the
 * problem's status and code. Errors that are not the visit's fault (the database is gone) fail the
 * whole request; what committed before stays, and the retry replays it.
 */
export async function syncVisits(
  ctx: VisitWriteContext,
  batch: SyncBatch,
  idempotencyDays: number,
): Promise<SyncResult> {
  const results: SyncResult['results'] = [];
  for (const { clientId, visit } of batch.visits) {
    try {
      const done = await recordVisitOnce({ ...ctx, now: new Date() }, visit, clientId, idempotencyDays);
      results.push({ clientId, status: done.replayed ? 200 : 201, visit: done.body, code: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ clientId, status: ERROR_CODES[error.code].status, visit: null, code: error.code });
    }
  }
  return { results };
}
