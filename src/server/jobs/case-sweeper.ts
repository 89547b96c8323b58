import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { type CaseState, CLOCKS, type Clock } from '../../shared/cases/workflow.ts';
import type { Config } from '../config.ts';
import { runTransaction } from '../db/retry.ts';
import type { DB } from '../db/schema.ts';
import type { AuditActor } from '../modules/audit/audit.ts';
import { commitCaseChange } from '../modules/cases/case-change.ts';
import { type CasePatch, type CaseRow, createCaseRepository } from '../modules/cases/cases.repository.ts';
import type { SweepEvent } from '../modules/notifications/notify-case.ts';
import { createCaseSweeperRepository } from './case-sweeper.repository.ts';

export interface SweepTotals {
  overdue: number;
  supervised: number;
  progressDue: number;
  /** Cases skipped after an error (tried again on the next sweep). */
  errors: number;
  idempotencyKeysDeleted: number;
}

const BATCH = 200;
const HOUR_MS = 3_600_000;

interface Mark {
  event: SweepEvent;
  clock: Clock;
  patch: CasePatch;
  detail: Record<string, unknown>;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * What the clocks of one locked case call for at `now`, re-read under the lock so a sweep that
 * waited for another sees its marks and does nothing twice.
 */
async function sweepCase(
  trx: Kysely<DB>,
  districtCode: string,
  caseId: string,
  now: Date,
  superviseBefore: Date,
): Promise<SweepEvent[]> {
  const cases = createCaseRepository(trx);
  const sweeper = createCaseSweeperRepository(trx);
  let row = await cases.lock(districtCode, caseId);
  if (!row) return [];
  const done: SweepEvent[] = [];
  const clocks = (await cases.runningClocks(districtCode, caseId)).sort(
    (a, b) => CLOCKS.indexOf(a.clock as Clock) - CLOCKS.indexOf(b.clock as Clock),
  );
  const actor: AuditActor = { districtCode, username: 'system', sourceIp: null };
  for (const c of clocks) {
    const clock = c.clock as Clock;
    let mark: Mark | undefined;
    if (c.overdue_at === null && new Date(c.due_at) < now) {
      if (!(await sweeper.markOverdue(districtCode, caseId, clock, now))) continue;
      // The weekly progress notice is the first responder's reminder, not a missed deadline.
      mark =
        clock === 'progress'
          ? {
              event: 'progress_due',
              clock,
              patch: {},
              detail: { clock, dueAt: iso(c.due_at), reminded: true },
            }
          : {
              event: 'overdue',
              clock,
              patch: { overdue: true },
              detail: { clock, dueAt: iso(c.due_at), reminded: true },
            };
    } else if (
      clock !== 'progress' &&
      c.overdue_at !== null &&
      c.supervised_at === null &&
      new Date(c.overdue_at) < superviseBefore
    ) {
      if (!(await sweeper.markSupervised(districtCode, caseId, clock, now))) continue;
      mark = {
        event: 'supervise',
        clock,
        patch: { supervised: true },
        detail: { clock, dueAt: iso(c.due_at), overdueAt: iso(c.overdue_at) },
      };
    }
    if (!mark) continue;
    row = await record(trx, row, mark, actor, now);
    done.push(mark.event);
  }
  return done;
}

/** One mark that keeps the state, written through the one path (version, event, outbox, audit last). */
function record(trx: Kysely<DB>, row: CaseRow, mark: Mark, actor: AuditActor, now: Date): Promise<CaseRow> {
  return commitCaseChange(trx, {
    kind: 'update',
    before: row,
    to: row.state as CaseState,
    action: mark.event,
    by: { id: null, name: null, audit: actor },
    now,
    patch: mark.patch,
    eventDetail: mark.detail,
    auditDetail: mark.detail,
    notifyClock: mark.clock,
  });
}

/**
 * The clock sweeper: every running clock past its deadline is marked overdue once (催办 to whoever
 * owes the work), and `supervisionDelayHours` after that supervised once (督办, also to the
 * street's leaders); a due progress clock reminds the first responder. Deadlines are data, so a
 * sweep after downtime catches up on everything it missed, and each case is locked and its clocks
 * re-read before marking, so sweeps running at once on two instances never mark twice.
 * Expired idempotency keys go too.
 */
export async function sweepClocks(
  db: Kysely<DB>,
  config: Pick<Config, 'cases'>,
  now: Date,
  log?: Pick<FastifyBaseLogger, 'error'>,
): Promise<SweepTotals> {
  const totals: SweepTotals = {
    overdue: 0,
    supervised: 0,
    progressDue: 0,
    errors: 0,
    idempotencyKeysDeleted: 0,
  };
  const superviseBefore = new Date(now.getTime() - config.cases.supervisionDelayHours * HOUR_MS);
  const failed = new Set<string>();
  const key = (d: { district_code: string; case_id: string }) => `${d.district_code}:${d.case_id}`;
  // Each round marks what it finds, so the next round's scan moves on; the cap is a safety net.
  for (let round = 0; round < 1000; round++) {
    const limit = BATCH + failed.size;
    const due = await createCaseSweeperRepository(db).casesDue(now, superviseBefore, limit);
    const todo = due.filter((d) => !failed.has(key(d)));
    if (todo.length === 0) break;
    for (const d of todo) {
      try {
        const marks = await runTransaction(db, (trx) =>
          sweepCase(trx, d.district_code, d.case_id, now, superviseBefore),
        );
        for (const m of marks) {
          if (m === 'overdue') totals.overdue++;
          else if (m === 'supervise') totals.supervised++;
          else totals.progressDue++;
        }
      } catch (error) {
        failed.add(key(d));
        totals.errors++;
        log?.error({ err: error, case: d.case_id }, 'clock sweep of a case failed');
      }
    }
    if (due.length < limit) break;
  }
  totals.idempotencyKeysDeleted = await createCaseSweeperRepository(db).deleteExpiredIdempotencyKeys(now);
  return totals;
}
