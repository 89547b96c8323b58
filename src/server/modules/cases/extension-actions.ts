import { v7 as uuidv7 } from 'uuid';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { applyCaseAction } from './apply-action.ts';
import { workingCalendar } from './case-clocks.ts';
import { createCaseWorkRepository } from './case-work.repository.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { createCaseRepository } from './cases.repository.ts';

/** The unit asks for more working days before the deadline; the clock keeps running meanwhile. */
export function requestExtension(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['request_extension'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'request_extension',
    input: { reason: body.reason },
    effect: async (trx, row) => {
      const id = uuidv7();
      return {
        patch: { extension_pending: true },
        detail: { extension: id, workingDays: body.workingDays },
        write: async () =>
          createCaseWorkRepository(trx).insertExtension({
            district_code: row.district_code,
            id,
            case_id: row.id,
            working_days: body.workingDays,
            reason: body.reason,
            requested_by: ctx.principal.userId,
            requested_at: ctx.now,
          }),
      };
    },
  });
}

/** Approves the pending extension: the handling deadline moves by the working days asked for. */
export function approveExtension(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['approve_extension'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'approve_extension',
    effect: async (trx, row) => {
      const work = createCaseWorkRepository(trx);
      const pending = await work.pendingExtension(row.district_code, row.id);
      if (!pending) throw new AppError('CASE_WRONG_STATE', 'No extension request is pending.');
      const handling = (await createCaseRepository(trx).runningClocks(row.district_code, row.id)).find(
        (c) => c.clock === 'handling',
      );
      const calendar = await workingCalendar(trx);
      const due = handling ? calendar.addWorkingDays(new Date(handling.due_at), pending.working_days) : null;
      return {
        patch: { extension_pending: false },
        detail: {
          extension: pending.id,
          workingDays: pending.working_days,
          ...(due ? { dueAt: due.toISOString() } : {}),
          ...(body.note ? { note: body.note } : {}),
        },
        moveDeadlines: due ? { handling: due } : {},
        write: () =>
          work.decideExtension(row.district_code, pending.id, {
            status: 'approved',
            decided_by: ctx.principal.userId,
            decided_at: ctx.now,
            decision_reason: body.note ?? null,
          }),
      };
    },
  });
}

/** Refuses the pending extension with a reason: the deadline stands. */
export function refuseExtension(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['refuse_extension'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'refuse_extension',
    input: { reason: body.reason },
    effect: async (trx, row) => {
      const work = createCaseWorkRepository(trx);
      const pending = await work.pendingExtension(row.district_code, row.id);
      if (!pending) throw new AppError('CASE_WRONG_STATE', 'No extension request is pending.');
      return {
        patch: { extension_pending: false },
        detail: { extension: pending.id },
        write: () =>
          work.decideExtension(row.district_code, pending.id, {
            status: 'refused',
            decided_by: ctx.principal.userId,
            decided_at: ctx.now,
            decision_reason: body.reason,
          }),
      };
    },
  });
}
