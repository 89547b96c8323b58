import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ActionInput, CaseAction, CaseState, Clock, Decision } from '../../../shared/cases/workflow.ts';
import { decide } from '../../../shared/cases/workflow.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { audit } from '../audit/audit.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { enqueueCaseNotifications } from '../notifications/notify-case.ts';
import { caseActor, caseFacts } from './case-actor.ts';
import { clockDeadlines } from './case-clocks.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { type CasePatch, type CaseRow, createCaseRepository } from './cases.repository.ts';

/** What an action adds to the bare transition: fields, timeline detail, rows of its own. */
export interface ActionEffect {
  patch?: CasePatch;
  detail?: Record<string, unknown>;
  /** Writes the action's own rows (tasks, ratings, extensions) after the case row changed. */
  write?: (trx: Transaction<DB>, row: CaseRow, version: number) => Promise<void>;
  /** Clocks whose deadline the action sets itself (e.g. an approved extension). */
  moveDeadlines?: Partial<Record<Clock, Date>>;
}

export interface ActionRequest {
  caseId: string;
  /** The version the caller read (If-Match). */
  version: number;
  action: CaseAction;
  input?: ActionInput;
  /** Departments whose open whistle tasks make the caller a summoned department (complete_task). */
  taskDepartments?: (trx: Kysely<DB>, row: CaseRow) => Promise<string[]>;
  effect?: (
    trx: Transaction<DB>,
    row: CaseRow,
    decision: Extract<Decision, { ok: true }>,
  ) => Promise<ActionEffect>;
}

export interface ActionResult {
  id: string;
  version: number;
  state: CaseState;
}

/** Maps a refusal of the workflow to the error the API answers. */
export function refusal(error: Extract<Decision, { ok: false }>['error']): AppError {
  if (error === 'wrong_state')
    return new AppError('CASE_WRONG_STATE', 'The case is not in a state where this applies.');
  if (error === 'not_permitted')
    return new AppError('FORBIDDEN', 'You may not take this action on this case.');
  return new AppError('CASE_RULE_REFUSED', `Refused by the workflow rule "${error}".`, {
    issues: [{ path: 'body', reason: error, message: error }],
  });
}

/** State-dependent timestamps every transition keeps. */
function milestones(row: CaseRow, to: CaseState, now: Date): CasePatch {
  const patch: CasePatch = {};
  if (to === 'accepted' && !row.accepted_at) patch.accepted_at = now;
  if (to === 'replied') patch.replied_at = now;
  if (to === 'closed') patch.closed_at = now;
  return patch;
}

/**
 * The one way a case changes: lock it in the caller's scope, check the version, ask the workflow,
 * apply the action's effect, move the clocks, and leave exactly one event, one audit row and the
 * notifications — all in one transaction.
 */
export async function applyCaseAction(ctx: CaseWriteContext, request: ActionRequest): Promise<ActionResult> {
  return runTransaction(ctx.db, async (trx) => {
    const repo = createCaseRepository(trx);
    const row = await repo.lockInScope(caseScopeFor(ctx.principal), request.caseId);
    if (!row) throw new AppError('NOT_FOUND', 'No such case.');
    if (row.version !== request.version) {
      throw new AppError('PRECONDITION_FAILED', `The case changed meanwhile (now version ${row.version}).`);
    }
    const taskDepartments = request.taskDepartments ? await request.taskDepartments(trx, row) : [];
    const actor = caseActor(ctx.principal, row, taskDepartments);
    const decision = decide(caseFacts(row), request.action, actor, request.input ?? {});
    if (!decision.ok) throw refusal(decision.error);
    const effect = (await request.effect?.(trx, row, decision)) ?? {};
    const now = ctx.now;
    const merged = { ...row, ...effect.patch } as CaseRow;

    await repo.stopClocks(row.district_code, row.id, decision.stops, now);
    const deadlines = await clockDeadlines(trx, merged, decision.starts, now);
    for (const [clock, due] of deadlines) await repo.startClock(row.district_code, row.id, clock, now, due);
    for (const [clock, due] of Object.entries(effect.moveDeadlines ?? {})) {
      await repo.moveDeadline(row.district_code, row.id, clock, due);
    }
    const nextDue = await repo.nextDueAt(row.district_code, row.id);
    const version = await repo.update(row, {
      ...milestones(row, decision.to, now),
      ...effect.patch,
      state: decision.to,
      next_due_at: nextDue,
    });
    const reason = request.input?.reason ?? null;
    const detail = {
      ...effect.detail,
      ...(decision.starts.length ? { clocksStarted: decision.starts } : {}),
    };
    await repo.insertEvent(row.district_code, row.id, version, {
      id: uuidv7(),
      action: request.action,
      from_state: row.state,
      to_state: decision.to,
      actor_id: ctx.principal.userId,
      actor_name: ctx.principal.displayName,
      reason,
      detail,
    });
    await effect.write?.(trx, merged, version);
    await enqueueCaseNotifications(trx, {
      row: { ...merged, state: decision.to, version },
      action: request.action,
      actorId: ctx.principal.userId,
      now,
    });
    // The audit row last: it locks the district's chain head until commit, so keep that short.
    await audit(trx, ctx.actor, {
      action: `case.${request.action}`,
      result: 'success',
      objectType: 'case',
      objectId: row.id,
      detail: { number: row.number, from: row.state, to: decision.to, version, ...effect.detail },
    });
    return { id: row.id, version, state: decision.to };
  });
}
