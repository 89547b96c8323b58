import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { changeBy, commitCaseChange } from './case-change.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { createCaseRepository } from './cases.repository.ts';

/**
 * 即知即办: an issue the visiting worker solved there and then. The case was just submitted in the
 * visit's transaction; it goes straight from submitted to closed as resolved on the spot, through
 * the one path (case-change.ts), with one `resolve_on_spot` event by the worker (what was done, and
 * the visit) and its audit row. This is not the dispatcher's `resolve_on_spot` action (accepted →
 * replied): nobody dispatched anything and no clock runs on a submitted case, so none is stopped.
 * Only the case's own first responder, in the transaction that submitted it, may do this.
 */
export async function resolveVisitIssue(
  ctx: CaseWriteContext,
  input: { caseId: string; visitId: string; resolution: string },
): Promise<{ id: string; version: number }> {
  return runTransaction(ctx.db, async (trx) => {
    const repo = createCaseRepository(trx);
    const row = await repo.lock(ctx.principal.districtCode, input.caseId);
    if (!row) throw new AppError('NOT_FOUND', 'No such case.');
    if (
      row.state !== 'submitted' ||
      row.source_visit_id !== input.visitId ||
      row.first_responder_id !== ctx.principal.userId
    ) {
      throw new AppError(
        'CASE_WRONG_STATE',
        'Only a case just raised on this visit can be closed on the spot.',
      );
    }
    const { version } = await commitCaseChange(trx, {
      kind: 'update',
      before: row,
      to: 'closed',
      action: 'resolve_on_spot',
      by: changeBy(ctx.principal, ctx.actor),
      now: ctx.now,
      patch: { on_spot: true, replied_at: ctx.now, closed_at: ctx.now },
      eventDetail: { reply: input.resolution, visit: input.visitId },
      auditDetail: { visit: input.visitId },
    });
    return { id: row.id, version };
  });
}
