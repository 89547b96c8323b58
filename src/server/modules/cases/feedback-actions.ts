import { v7 as uuidv7 } from 'uuid';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import {
  type ActionRequest,
  applyCaseAction,
  applyResidentAction,
  type ResidentActionContext,
} from './apply-action.ts';
import { createCaseWorkRepository } from './case-work.repository.ts';
import type { CaseWriteContext } from './case-write-context.ts';

/** The first responder approves the unit's reply: the follow-up call is due. */
export function approveReply(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  _body: ActionBodies['approve_reply'],
) {
  return applyCaseAction(ctx, { caseId, version, action: 'approve_reply' });
}

/** The first responder sends the reply back to the unit with a reason. */
export function sendBack(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['send_back'],
) {
  return applyCaseAction(ctx, { caseId, version, action: 'send_back', input: { reason: body.reason } });
}

/**
 * Records a follow-up call: satisfied or basically satisfied closes the case; unsatisfied reopens
 * it (复号, counted and flagged for supervision); unreachable counts an attempt. The answer to
 * "was it solved?", when asked, is kept with the rating and as the case's latest (its 解决率).
 */
export function rateCase(ctx: CaseWriteContext, caseId: string, version: number, body: ActionBodies['rate']) {
  return applyCaseAction(ctx, rateRequest(caseId, version, body, ctx.principal.userId, ctx.now));
}

/**
 * The same follow-up step, given by the resident on their status page (issue 15 §2): no rater
 * (rated_by null), the timeline and audit detail say `byResident`. Unsatisfied reopens the case
 * exactly as a worker's call does, because it is the same request.
 */
export function rateCaseAsResident(
  ctx: ResidentActionContext,
  caseId: string,
  version: number,
  body: { rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied'; note?: string },
) {
  return applyResidentAction(ctx, rateRequest(caseId, version, body, null, ctx.now));
}

function rateRequest(
  caseId: string,
  version: number,
  body: ActionBodies['rate'],
  ratedBy: string | null,
  now: Date,
): ActionRequest {
  return {
    caseId,
    version,
    action: 'rate',
    input: { rating: body.rating },
    effect: async (trx, row) => {
      const unreachable = body.rating === 'unreachable';
      const unsatisfied = body.rating === 'unsatisfied';
      return {
        patch: unreachable
          ? { unreachable_attempts: row.unreachable_attempts + 1 }
          : {
              latest_rating: body.rating,
              latest_solved: body.solved ?? null,
              ...(unsatisfied ? { reopen_count: row.reopen_count + 1, supervised: true } : {}),
            },
        detail: {
          rating: body.rating,
          ...(body.solved !== undefined ? { solved: body.solved } : {}),
          ...(body.note ? { note: body.note } : {}),
          ...(ratedBy === null ? { byResident: true } : {}),
        },
        write: () =>
          createCaseWorkRepository(trx).insertRating({
            district_code: row.district_code,
            id: uuidv7(),
            case_id: row.id,
            rating: body.rating,
            solved: body.solved ?? null,
            note: body.note ?? null,
            rated_by: ratedBy,
            rated_at: now,
          }),
      };
    },
  };
}

/** A supervisor closes a case whose reporter could not be reached after repeated tries. */
export function closeUnreachable(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['close_unreachable'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'close_unreachable',
    input: { reason: body.reason },
  });
}

/** 不满意不销号's one exception: a supervisor's decision with a written reason, its own event. */
export function closeOverride(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['close_override'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'close_override',
    input: { reason: body.reason },
    effect: async () => ({ detail: { override: true } }),
  });
}

/** A progress notice to the reporter (at least weekly while open); restarts the weekly clock. */
export function sendProgressNotice(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['progress_notice'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'progress_notice',
    effect: async () => ({
      patch: { last_progress_at: ctx.now },
      detail: { message: body.message },
      moveDeadlines: { progress: new Date(ctx.now.getTime() + 7 * 86_400_000) },
    }),
  });
}
