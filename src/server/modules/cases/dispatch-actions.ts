import { escalationTarget } from '../../../shared/cases/levels.ts';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { applyCaseAction } from './apply-action.ts';
import { unitPatch } from './case-unit.ts';
import type { CaseWriteContext } from './case-write-context.ts';

/** Sends an accepted case to a handling unit (a department, or a community or grid). */
export function dispatchCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['dispatch'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'dispatch',
    effect: async (trx, row) => {
      const { patch, detail } = await unitPatch(trx, row.district_code, body.unit);
      return { patch, detail: { ...detail, ...(body.note ? { note: body.note } : {}) } };
    },
  });
}

/** Accepts a unit's return and sends the case to another unit. */
export function redispatchCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['redispatch'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'redispatch',
    effect: async (trx, row) => {
      const { patch, detail } = await unitPatch(trx, row.district_code, body.unit);
      return { patch, detail: { ...detail, ...(body.note ? { note: body.note } : {}) } };
    },
  });
}

/** Refuses a unit's return: the case goes back to the same unit, with the dispatcher's reason. */
export function refuseReturn(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['refuse_return'],
) {
  return applyCaseAction(ctx, { caseId, version, action: 'refuse_return', input: { reason: body.reason } });
}

/**
 * 上报: hands the case to the dispatchers one level up (community → street → district), or — from
 * a unit below the case's level — back to the level that sent it (shared/cases/levels.ts).
 */
export function escalateCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['escalate'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'escalate',
    input: { reason: body.reason },
    effect: async (_trx, row) => {
      const level = escalationTarget(row.level, row.unit_level);
      return {
        patch: {
          level,
          escalations: row.escalations + 1,
          unit_level: null,
          unit_department_id: null,
          unit_region_id: null,
          unit_region_path: null,
        },
        detail: { from: row.level, level },
      };
    },
  });
}

/** 复号: a reopened case goes back to handling, with the same unit or a new one. */
export function rehandleCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['rehandle'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'rehandle',
    effect: async (trx, row) => {
      // A case replied without a unit (answered, resolved on the spot) has nobody to hand it back to.
      if (!body.unit && row.unit_department_id === null && row.unit_region_id === null)
        throw new AppError(
          'VALIDATION_FAILED',
          'The case has no handling unit: name the unit to handle it.',
          {
            issues: [{ path: 'body.unit', reason: 'unit_required', message: 'name a unit' }],
          },
        );
      const unit = body.unit ? await unitPatch(trx, row.district_code, body.unit) : null;
      return {
        patch: { ...unit?.patch, unreachable_attempts: 0 },
        detail: { ...unit?.detail, ...(body.note ? { note: body.note } : {}) },
      };
    },
  });
}
