import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { enqueueCaseNotifications } from '../notifications/notify-case.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { createCaseRepository } from './cases.repository.ts';

/**
 * 即知即办: an issue the visiting worker solved there and then. The case was just submitted in the
 * visit's transaction; it goes straight from submitted to closed as resolved on the spot, with one
 * `resolve_on_spot` event by the worker (what was done, and the visit) and its audit row. This is
 * not the dispatcher's `resolve_on_spot` action (accepted → replied): nobody dispatched anything and
 * no clock runs on a submitted case, so none is stopped. Only the case's own first responder, in
 * the transaction that submitted it, may do this.
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
    const version = await repo.update(row, {
      state: 'closed',
      on_spot: true,
      replied_at: ctx.now,
      closed_at: ctx.now,
    });
    await repo.insertEvent(row.district_code, row.id, version, {
      id: uuidv7(),
      action: 'resolve_on_spot',
      from_state: 'submitted',
      to_state: 'closed',
      actor_id: ctx.principal.userId,
      actor_name: ctx.principal.displayName,
      reason: null,
      detail: { reply: input.resolution, visit: input.visitId },
    });
    await enqueueCaseNotifications(trx, {
      row: { ...row, state: 'closed', on_spot: true, replied_at: ctx.now, closed_at: ctx.now, version },
      action: 'resolve_on_spot',
      actorId: ctx.principal.userId,
      now: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'case.resolve_on_spot',
      result: 'success',
      objectType: 'case',
      objectId: row.id,
      detail: { number: row.number, from: 'submitted', to: 'closed', version, visit: input.visitId },
    });
    return { id: row.id, version };
  });
}
