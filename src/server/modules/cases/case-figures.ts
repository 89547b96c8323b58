import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../../shared/cases/calendar.ts';
import type { CaseState, Rating } from '../../../shared/cases/workflow.ts';
import type { Channel } from '../../../shared/domain/case.ts';
import {
  CASE_COUNTER_KEYS,
  type CaseCounters,
  type CaseFigureFacts,
  caseCounters,
} from '../../../shared/figures/case-figures.ts';
import { counterDelta, countersOf } from '../../../shared/figures/counters.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { figureMaintenanceOn } from '../figures/maintenance.ts';
import {
  createRollupRepository,
  type FigureKey,
  type FigureRow,
  sameFigureKey,
} from '../figures/rollup.repository.ts';
import { addByKey, sparse, storedCounters, writeRebuilt } from '../figures/rollups.ts';
import { workingCalendar } from './case-clocks.ts';
import { createCaseFigureRepository } from './case-figures.repository.ts';
import type { CaseRow } from './cases.repository.ts';

/**
 * The case figures kept beside the cases (docs/ARCHITECTURE.md "Figures"). Every change of a case
 * passes `maintainCaseFigures` in its own transaction (the rollup hook of case-change.ts): what
 * the case now adds to its creation day's counters (shared/figures/case-figures.ts) replaces what
 * it added before, and the difference is appended as a delta. A retried request that rolled back
 * wrote nothing; one that committed is never replayed (idempotency keys), so nothing counts
 * twice. the figures job (figures/rollups.ts `foldFigureDeltas`) folds deltas into the rollup;
 * `rebuildCaseFigures` recomputes everything from the cases, and must agree with what was kept.
 */

interface ClockFacts {
  clock: string;
  started_at: Date | string;
  due_at: Date | string;
  stopped_at: Date | string | null;
  /** The action that stopped the run; null while it runs or when it was not recorded. */
  stopped_by: string | null;
  overdue_at: Date | string | null;
}

const time = (d: Date | string) => new Date(d).getTime();

/**
 * The first-contact clock's outcome for the response rate (响应率): late when it lapsed or stopped
 * after its deadline; met when the unit answered the resident in time (a contact, or a reply,
 * which reaches them too); and not counted when the unit passed the case up before its deadline
 * (escalate), since the contact is then the next unit's to make and that unit's run decides.
 * A run stopped before the stopping action was kept counts as met, as it did then.
 */
function firstContactOutcome(clock: ClockFacts): CaseFigureFacts['firstContact'] {
  if (clock.overdue_at !== null) return 'late';
  if (clock.stopped_at === null) return null;
  if (time(clock.stopped_at) > time(clock.due_at)) return 'late';
  return clock.stopped_by === 'escalate' ? null : 'on_time';
}

/** A stored case as the figures see it (its row, its clocks, the working calendar). */
export function caseFigureFacts(
  row: CaseRow,
  clocks: readonly ClockFacts[],
  calendar: WorkingCalendar,
): CaseFigureFacts {
  const contact = clocks.filter((c) => c.clock === 'first_contact').at(-1);
  const closedAt = row.state === 'closed' && row.closed_at ? new Date(row.closed_at) : null;
  return {
    state: row.state as CaseState,
    channel: row.channel as Channel,
    onSpot: row.on_spot,
    intakeLevel: row.intake_level,
    level: row.level,
    whistles: row.whistles,
    reopenCount: row.reopen_count,
    latestRating: row.latest_rating as Rating | null,
    solved: row.latest_solved ?? null,
    overdue: row.overdue,
    // The sweeper marks each clock overdue once, and each mark of a deadline sends one reminder
    // (催办). A lapsed progress clock is marked too, but it reminds the first responder of the
    // weekly notice to the resident: no deadline was missed (docs/specs/workflow.md, the sweeper).
    reminders: clocks.filter((c) => c.clock !== 'progress' && c.overdue_at !== null).length,
    supervised: row.supervised,
    firstContact: contact ? firstContactOutcome(contact) : null,
    handlingWorkingDays: closedAt
      ? calendar.workingDaysBetween(new Date(row.accepted_at ?? row.created_at), closedAt)
      : null,
    // Every rating is taken by the first responder reaching the resident (unreachable is no rating).
    validFollowUp: row.latest_rating !== null,
  };
}

/** Where a case's counters are kept: its creation day (Beijing), place, category and unit. */
export function figureKey(row: CaseRow): FigureKey {
  return {
    day: cstDay(new Date(row.created_at)),
    region_id: row.region_id,
    category_key: row.category_id ?? '',
    unit_key: row.unit_department_id
      ? `d:${row.unit_department_id}`
      : row.unit_region_id
        ? `r:${row.unit_region_id}`
        : '',
  };
}

const full = (stored: Record<string, number>): CaseCounters => countersOf(CASE_COUNTER_KEYS, stored);

const negate = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, -v]));

function contributionOf(row: CaseRow, clocks: readonly ClockFacts[], calendar: WorkingCalendar): FigureRow {
  return { ...figureKey(row), counters: sparse(caseCounters(caseFigureFacts(row, clocks, calendar))) };
}

/**
 * The rollup hook's work for one committed change of a case, in its transaction. A case created
 * by this change has no earlier contribution, and none of its clocks (a 12345 order's starts with
 * it) can be stopped or overdue yet, which is all the counters read of clocks: neither is read
 * (two round trips of every intake, issue 16 §1).
 */
export async function maintainCaseFigures(
  trx: Kysely<DB>,
  after: CaseRow,
  options: { created?: boolean; batch?: WriteBatch } = {},
): Promise<void> {
  if (!figureMaintenanceOn()) return;
  const repo = createCaseFigureRepository(trx);
  const district = after.district_code;
  const clocks = options.created ? [] : await repo.clockFacts(district, after.id);
  const next = contributionOf(after, clocks, await workingCalendar(trx));
  const prev = options.created ? undefined : await repo.contribution(district, after.id);
  const deltas: FigureRow[] = [];
  if (prev && sameFigureKey(prev, next)) {
    const delta = sparse(counterDelta(CASE_COUNTER_KEYS, full(prev.counters), full(next.counters)));
    if (Object.keys(delta).length > 0) deltas.push({ ...next, counters: delta });
  } else {
    // The case moved (a new unit): its whole contribution moves from the old key to the new one.
    if (prev) deltas.push({ ...prev, counters: negate(prev.counters) });
    if (Object.keys(next.counters).length > 0) deltas.push(next);
  }
  await createRollupRepository(trx, 'case').appendDeltas(district, deltas, options.batch);
  await repo.saveContribution(district, after.id, next, options.batch);
}

/**
 * Recomputes a district's case figures from its cases and their clocks (`minqing figures
 * rebuild`): the contributions, and the rollup as their sums, with no deltas left.
 */
export async function rebuildCaseFigures(db: Kysely<DB>, districtCode: string): Promise<{ cases: number }> {
  const calendar = await workingCalendar(db);
  return runTransaction(db, async (trx) => {
    const repo = createCaseFigureRepository(trx);
    const rollup = createRollupRepository(trx, 'case');
    await repo.clearContributions(districtCode);
    await rollup.clear(districtCode);
    const totals = new Map<string, FigureRow>();
    let after: string | null = null;
    let cases = 0;
    for (;;) {
      const page = await repo.casesAfter(districtCode, after, 1_000);
      if (page.length === 0) break;
      const clocks = await repo.clocksOf(
        districtCode,
        page.map((c) => c.id),
      );
      const contributions = page.map((c) => ({
        case_id: c.id,
        ...contributionOf(
          c,
          clocks.filter((k) => k.case_id === c.id),
          calendar,
        ),
      }));
      await repo.insertContributions(districtCode, contributions);
      addByKey(contributions, totals);
      cases += page.length;
      after = (page.at(-1) as CaseRow).id;
    }
    await writeRebuilt(trx, 'case', districtCode, totals);
    return { cases };
  });
}

/** The summed case counters of the cases created on days [from, to) in the subtrees of `paths`. */
export async function caseCountersIn(
  db: Kysely<DB>,
  districtCode: string,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<CaseCounters> {
  return full(await storedCounters(db, 'case', districtCode, paths, from, to));
}
