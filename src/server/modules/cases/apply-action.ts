import type { Kysely, Transaction } from 'kysely';
import type {
  ActionInput,
  Actor,
  CaseAction,
  CaseState,
  Clock,
  Decision,
} from '../../../shared/cases/workflow.ts';
import { decide } from '../../../shared/cases/workflow.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { caseActor, caseFacts } from './case-actor.ts';
import { type CaseChangeActor, changeBy, commitCaseChange } from './case-change.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { type CasePatch, type CaseRow, createCaseRepository } from './cases.repository.ts';

/** What an action adds to the bare transition: fields, timeline detail, rows of its own. */
export interface ActionEffect {
  patch?: CasePatch;
  detail?: Record<string, unknown>;
  /** Writes the action's own rows (tasks, ratings, extensions) after the case row changed. */
  write?: (trx: Kysely<DB>, row: CaseRow) => Promise<void>;
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
  if (error === 'cancel_not_allowed')
    return new AppError(
      'CASE_CANCEL_NOT_ALLOWED',
      'Only a case nothing was promised on yet can be cancelled.',
    );
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

/** Who acts: how the case is locked for them, who they are to it, and what event and audit record. */
interface Acting {
  lock: (repo: ReturnType<typeof createCaseRepository>, caseId: string) => Promise<CaseRow | undefined>;
  actor: (row: CaseRow, taskDepartments: string[]) => Actor;
  by: CaseChangeActor;
}

/**
 * Every workflow action: lock the case in the caller's scope, check the version, ask the workflow,
 * work out the action's effect, and write it through `commitCaseChange` (case-change.ts) — version,
 * event, clocks, own rows, notifications, audit last — all in one transaction. A refusal writes
 * nothing.
 */
export async function applyCaseAction(ctx: CaseWriteContext, request: ActionRequest): Promise<ActionResult> {
  return applyAs(ctx.db, ctx.now, request, {
    lock: (repo, caseId) => repo.lockInScope(caseScopeFor(ctx.principal), caseId),
    actor: (row, taskDepartments) => caseActor(ctx.principal, row, taskDepartments),
    by: changeBy(ctx.principal, ctx.actor),
  });
}

/** A case's reporter acting on their own status page: no account, the case named by their link. */
export interface ResidentActionContext {
  db: Kysely<DB>;
  districtCode: string;
  sourceIp: string | null;
  now: Date;
}

/** The audit username of a resident on their status page (the public form's is 'public'). */
export const RESIDENT_USERNAME = 'resident';

/**
 * A workflow action by the case's reporter (only `rate` lets a resident fire it, workflow.ts):
 * the same steps as `applyCaseAction`, the case locked by the id their status link names.
 */
export async function applyResidentAction(
  ctx: ResidentActionContext,
  request: ActionRequest,
): Promise<ActionResult> {
  return applyAs(ctx.db, ctx.now, request, {
    lock: (repo, caseId) => repo.lock(ctx.districtCode, caseId),
    actor: () => ({ roles: [], firstResponder: false, handlingUnit: false, summoned: false, resident: true }),
    by: {
      id: null,
      name: null,
      audit: { districtCode: ctx.districtCode, username: RESIDENT_USERNAME, sourceIp: ctx.sourceIp },
    },
  });
}

async function applyAs(
  db: Kysely<DB>,
  now: Date,
  request: ActionRequest,
  acting: Acting,
): Promise<ActionResult> {
  return runTransaction(db, async (trx) => {
    const repo = createCaseRepository(trx);
    const row = await acting.lock(repo, request.caseId);
    if (!row) throw new AppError('NOT_FOUND', 'No such case.');
    if (row.version !== request.version) {
      throw new AppError('PRECONDITION_FAILED', `The case changed meanwhile (now version ${row.version}).`);
    }
    const taskDepartments = request.taskDepartments ? await request.taskDepartments(trx, row) : [];
    const actor = acting.actor(row, taskDepartments);
    const decision = decide(caseFacts(row), request.action, actor, request.input ?? {});
    if (!decision.ok) throw refusal(decision.error);
    const effect = (await request.effect?.(trx, row, decision)) ?? {};
    const { version } = await commitCaseChange(trx, {
      kind: 'update',
      before: row,
      to: decision.to,
      action: request.action,
      by: acting.by,
      now,
      reason: request.input?.reason ?? null,
      patch: { ...milestones(row, decision.to, now), ...effect.patch },
      clocks: { stops: decision.stops, starts: decision.starts, moveDeadlines: effect.moveDeadlines },
      eventDetail: effect.detail,
      auditDetail: effect.detail,
      write: effect.write,
    });
    return { id: row.id, version, state: decision.to };
  });
}
