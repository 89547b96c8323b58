import { type CaseState, TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { type ActionResult, applyCaseAction } from './apply-action.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { createCaseRepository } from './cases.repository.ts';

/** Accepts a submitted case; the accepting dispatcher owns the feedback if no one does yet. */
export function acceptCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  _body: ActionBodies['accept'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'accept',
    effect: async (_trx, row) => ({
      patch: row.first_responder_id ? {} : { first_responder_id: ctx.principal.userId },
    }),
  });
}

/** Refuses a case (invalid, out of scope, another legal procedure, malicious); the reporter is told why. */
export function rejectCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['reject'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'reject',
    input: { reason: body.reason },
    effect: async () => ({ detail: { rejectKind: body.rejectKind } }),
  });
}

/** Merges a duplicate into another open case the dispatcher reaches. */
export function mergeCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['merge'],
): Promise<ActionResult> {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'merge',
    input: { reason: body.reason },
    effect: async (trx, row) => {
      const target = await createCaseRepository(trx).findInScope(
        caseScopeFor(ctx.principal),
        body.intoCaseId,
      );
      if (!target || target.id === row.id || TERMINAL_STATES.has(target.state as CaseState)) {
        throw new AppError('VALIDATION_FAILED', 'Merge into another open case in your area.', {
          issues: [{ path: 'body.intoCaseId', reason: 'reference', message: 'not an open case' }],
        });
      }
      return {
        patch: { merged_into_id: target.id },
        detail: { into: { id: target.id, number: target.number } },
      };
    },
  });
}

/** Answers a consultation at once. */
export function answerCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['answer'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'answer',
    effect: async (_trx, row) => ({
      patch: row.first_responder_id ? {} : { first_responder_id: ctx.principal.userId },
      detail: { reply: body.reply },
    }),
  });
}

/** 即知即办: solved by the dispatcher on the spot; counts separately in every figure. */
export function resolveOnSpot(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['resolve_on_spot'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'resolve_on_spot',
    effect: async () => ({ patch: { on_spot: true }, detail: { reply: body.reply } }),
  });
}

/** Withdraws an open case with a reason. */
export function cancelCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['cancel'],
) {
  return applyCaseAction(ctx, { caseId, version, action: 'cancel', input: { reason: body.reason } });
}
