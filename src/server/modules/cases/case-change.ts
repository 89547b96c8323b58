import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CaseAction, CaseState, Clock } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { type WriteBatch, writeBatch } from '../../db/write-batch.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { enqueueCaseNotifications, type SweepEvent } from '../notifications/notify-case.ts';
import { clockDeadlines } from './case-clocks.ts';
import { maintainCaseFigures } from './case-figures.ts';
import { type CasePatch, type CaseRow, createCaseRepository } from './cases.repository.ts';

/** Who a change is by: a person, a resident's own report (no person) or the system (the sweeper). */
export interface CaseChangeActor {
  id: string | null;
  name: string | null;
  audit: AuditActor;
  /** The auth version the person's principal was resolved under (`Principal.authVersion`). */
  authVersion?: number | undefined;
}

/** The person a principal is, as the author of a change. */
export function changeBy(principal: Principal, audit: AuditActor): CaseChangeActor {
  return { id: principal.userId, name: principal.displayName, audit, authVersion: principal.authVersion };
}

/** What a change does to the case's clocks. */
export interface ClockChange {
  stops?: readonly Clock[];
  /** Clocks started now, due on the working calendar from the changed row. */
  starts?: readonly Clock[];
  /** Running clocks whose deadline the change sets itself (an approved extension). */
  moveDeadlines?: Partial<Record<Clock, Date>>;
}

interface CommonChange {
  /** The timeline event's action: a workflow action, `submit`, or a sweeper mark. */
  action: CaseAction | 'submit' | SweepEvent;
  by: CaseChangeActor;
  now: Date;
  reason?: string | null;
  /** The timeline event's detail. */
  eventDetail?: Record<string, unknown>;
  /** The audit row's detail beyond the number, states and version every case row carries. */
  auditDetail?: Record<string, unknown>;
  /** The clock a sweeper mark is about (its notifications name it). */
  notifyClock?: Clock;
  /**
   * The change's own rows (tasks, ratings, extensions, an idempotent answer), written after the
   * case row and its event, with the case as it now is. A new case written outside a transaction
   * is one statement: its own rows must then be held in `batch` (db/write-batch.ts).
   */
  write?: (trx: Kysely<DB>, row: CaseRow, batch: WriteBatch) => Promise<void>;
}

/** A new case: its whole row, at version 1, with its `submit` event. */
export interface NewCase extends CommonChange {
  kind: 'create';
  row: CaseRow;
}

/** A change of a case locked in this transaction: its fields, state and clocks. */
export interface CaseUpdate extends CommonChange {
  kind: 'update';
  /** The case as locked in this transaction. */
  before: CaseRow;
  to: CaseState;
  patch?: CasePatch;
  clocks?: ClockChange;
}

export type CaseCommit = NewCase | CaseUpdate;

/** The facts of one committed change, as the rollups will read them. */
export interface CommittedChange {
  before: CaseRow | null;
  after: CaseRow;
  action: CaseCommit['action'];
  at: Date;
}

/**
 * THE hook where the figures kept beside cases (rollups per day, place, category and unit) are
 * maintained, in the change's own transaction (case-figures.ts). Every change of a case passes
 * here exactly once, so the figures never drift from the cases.
 */
export async function maintainCaseRollups(
  trx: Kysely<DB>,
  change: CommittedChange,
  batch?: WriteBatch,
): Promise<void> {
  await maintainCaseFigures(trx, change.after, {
    created: change.before === null,
    ...(batch ? { batch } : {}),
  });
}

/**
 * The one path through which every change to a case is written: intake (staff and the public
 * form), every workflow action, the on-the-spot resolution of a visit's issue and the sweeper's
 * marks. In the caller's transaction, in this order: the row with its new version (a new case is
 * version 1), the clocks and the earliest deadline, exactly one timeline event numbered by that
 * version, the change's own rows, then the outbox messages, the rollup hook and the audit row last,
 * in one statement (the first two are held in a write batch, db/write-batch.ts, and sent with the
 * audit row) — it locks a stripe of the district's audit chain until commit, so it comes when
 * nothing else is left.
 * A new case may also be written outside a transaction: then every write is held and the audit
 * row's statement is the whole change, one round trip and one commit (docs/adr/0004).
 * Deciding whether the change may happen (scope, version, workflow) is the caller's job, before
 * this. A test (test/structure/case-writes.test.ts) fails if any other file writes case events or
 * case audit rows.
 */
export async function commitCaseChange(trx: Kysely<DB>, change: CaseCommit): Promise<CaseRow> {
  const repo = createCaseRepository(trx);
  const { now } = change;
  // Held writes of a change in a transaction are those nobody reads back; outside one, all of them.
  const batch = writeBatch();
  const alone = !trx.isTransaction;
  if (alone && change.kind !== 'create') throw new Error('a change of a case runs in a transaction');
  let before: CaseRow | null;
  let after: CaseRow;
  let eventDetail = change.eventDetail ?? {};
  // Exactly one timeline event per change, numbered by the new version.
  const event = (row: CaseRow, detail: Record<string, unknown>) => ({
    id: uuidv7(),
    action: change.action,
    from_state: change.kind === 'create' ? null : change.before.state,
    to_state: row.state,
    actor_id: change.by.id,
    actor_name: change.by.name,
    reason: change.reason ?? null,
    detail,
  });
  if (change.kind === 'create') {
    before = null;
    after = change.row;
    await repo.insertWithEvent(after, event(after, eventDetail), alone ? batch : undefined);
  } else {
    before = change.before;
    const merged = { ...before, ...change.patch } as CaseRow;
    const { stops = [], starts = [], moveDeadlines = {} } = change.clocks ?? {};
    await repo.stopClocks(before.district_code, before.id, stops, now, change.action);
    const deadlines = await clockDeadlines(trx, merged, starts, now);
    for (const [clock, due] of deadlines)
      await repo.startClock(before.district_code, before.id, clock, now, due);
    for (const [clock, due] of Object.entries(moveDeadlines)) {
      await repo.moveDeadline(before.district_code, before.id, clock, due);
    }
    const patch: CasePatch = {
      ...change.patch,
      state: change.to,
      next_due_at: await repo.nextDueAt(before.district_code, before.id),
    };
    const version = await repo.update(before, patch);
    after = { ...merged, ...patch, version } as CaseRow;
    if (starts.length) eventDetail = { ...eventDetail, clocksStarted: starts };
    await repo.insertEvent(after.district_code, after.id, after.version, event(after, eventDetail));
  }
  await change.write?.(trx, after, batch);
  await enqueueCaseNotifications(
    trx,
    {
      row: after,
      action: change.action,
      actorId: change.by.id,
      authVersion: change.by.authVersion,
      now,
      ...(change.notifyClock ? { clock: change.notifyClock } : {}),
    },
    batch,
  );
  await maintainCaseRollups(trx, { before, after, action: change.action, at: now }, batch);
  // The audit row last: it locks the district's chain head until commit, so keep that short.
  await audit(
    trx,
    change.by.audit,
    {
      action: change.kind === 'create' ? 'case.submitted' : `case.${change.action}`,
      result: 'success',
      objectType: 'case',
      objectId: after.id,
      detail:
        change.kind === 'create'
          ? { number: after.number, channel: after.channel, region: after.region_id, ...change.auditDetail }
          : {
              number: after.number,
              from: change.before.state,
              to: after.state,
              version: after.version,
              ...change.auditDetail,
            },
    },
    batch,
  );
  return after;
}

/**
 * The audit row of something done to a case's record that is not a change of the case (no new
 * version, no event): a file attached, a resident's status link issued or revoked. Kept here so
 * every case audit row is written in this file.
 */
export async function auditCaseRecord(
  trx: Kysely<DB>,
  actor: AuditActor,
  row: Pick<CaseRow, 'id' | 'number'>,
  action: 'attachment_added' | 'status_link_issued' | 'status_links_revoked',
  detail: Record<string, unknown>,
): Promise<void> {
  await audit(trx, actor, {
    action: `case.${action}`,
    result: 'success',
    objectType: 'case',
    objectId: row.id,
    detail: { number: row.number, ...detail },
  });
}
