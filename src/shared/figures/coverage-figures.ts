import { cstDay } from '../time/china-time.ts';
import { PERIOD_KINDS, type Period, type PeriodKind } from '../visits/periods.ts';
import { type AssessmentCalendar, assessmentPeriodOfDay } from './assessment-periods.ts';

/**
 * Coverage kept as counters (docs/specs/workflow.md "Figures"): a household (enterprise) is
 * covered in an assessment period when it was visited in it, so each period kind has a counter
 * that only a target's FIRST visit of such a period adds to, on that visit's day and place. The
 * households covered in a week, month, quarter or year are then the sum of that kind's counter over
 * the period's days — additive like every other kept figure, read from totals instead of the diary.
 * Visits sync late and out of order: a visit earlier than the one counted so far takes the count
 * over (one −1 there, one +1 here). A custom range has no counter; it is counted from the diary.
 */
export const COVERED_TARGETS = ['household', 'enterprise'] as const;
export type CoveredTarget = (typeof COVERED_TARGETS)[number];

export const coverageCounterKey = (target: CoveredTarget, kind: PeriodKind) => `${target}_${kind}`;

export const COVERAGE_COUNTER_KEYS = COVERED_TARGETS.flatMap((t) =>
  PERIOD_KINDS.map((k) => coverageCounterKey(t, k)),
);

/** A visit as coverage sees it: when, and where its counters are kept (its place). */
export interface CoverageVisit {
  id: string;
  startedAt: Date;
  regionId: string;
}

/** Visits in time order; equal start times by id, so "first" is the same for every reader. */
export function visitedBefore(a: CoverageVisit, b: CoverageVisit): boolean {
  const d = a.startedAt.getTime() - b.startedAt.getTime();
  return d < 0 || (d === 0 && a.id < b.id);
}

/** The periods of each kind holding the visit's Beijing day, by the district's calendar. */
export function coveragePeriods(startedAt: Date, calendar: AssessmentCalendar): Period[] {
  const day = cstDay(startedAt);
  return PERIOD_KINDS.map((kind) => assessmentPeriodOfDay(kind, day, calendar));
}

/** One change to a coverage counter: at a visit's day and place. */
export interface CoverageDelta {
  visit: CoverageVisit;
  key: string;
  add: 1 | -1;
}

/**
 * What recording `visit` of a target changes, given the target's earliest OTHER visit in each of
 * `periods` (null: none): the visit becomes the period's first when there is none or it is earlier.
 */
export function coverageDeltas(
  target: CoveredTarget,
  visit: CoverageVisit,
  periods: readonly Period[],
  earliest: readonly (CoverageVisit | null)[],
): CoverageDelta[] {
  const out: CoverageDelta[] = [];
  periods.forEach((period, i) => {
    const key = coverageCounterKey(target, period.kind);
    const first = earliest[i] ?? null;
    if (first && !visitedBefore(visit, first)) return;
    out.push({ visit, key, add: 1 });
    if (first) out.push({ visit: first, key, add: -1 });
  });
  return out;
}

/**
 * The first visits of one target's visits (any order) per period of each kind: what a rebuild
 * counts, and what recording them one by one in any order leaves counted.
 */
export function firstVisits(
  target: CoveredTarget,
  visits: readonly CoverageVisit[],
  calendar: AssessmentCalendar,
): CoverageDelta[] {
  const firsts = new Map<string, CoverageVisit>();
  for (const v of visits) {
    for (const period of coveragePeriods(v.startedAt, calendar)) {
      const key = `${coverageCounterKey(target, period.kind)}|${period.from}`;
      const known = firsts.get(key);
      if (!known || visitedBefore(v, known)) firsts.set(key, v);
    }
  }
  return [...firsts].map(([key, visit]) => ({ visit, key: key.split('|')[0] as string, add: 1 as const }));
}
