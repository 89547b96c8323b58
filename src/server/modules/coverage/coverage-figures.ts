import type { Kysely } from 'kysely';
import { childToward } from '../../../shared/auth/reach.ts';
import type { AssessmentCalendar } from '../../../shared/figures/assessment-periods.ts';
import {
  COVERAGE_COUNTER_KEYS,
  COVERED_TARGETS,
  type CoverageDelta,
  type CoverageVisit,
  type CoveredTarget,
  coverageCounterKey,
  coverageDeltas,
  coveragePeriods,
  firstVisits,
} from '../../../shared/figures/coverage-figures.ts';
import { type CoverageCounts, NO_COVERAGE } from '../../../shared/figures/visit-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import { PERIOD_KINDS, type Period, type PeriodKind } from '../../../shared/visits/periods.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { figureMaintenanceOn } from '../figures/maintenance.ts';
import { createRollupRepository, type FigureRow } from '../figures/rollup.repository.ts';
import {
  addByKey,
  storedCounters,
  storedCountersBy,
  storedCountersByDistrict,
  sumByKey,
  writeRebuilt,
} from '../figures/rollups.ts';
import { type CoverageVisitRow, createCoverageFigureRepository } from './coverage-figures.repository.ts';

/**
 * Coverage kept as counters (shared/figures/coverage-figures.ts, docs/ARCHITECTURE.md "Figures"):
 * recording a visit to a household or enterprise appends, in the visit's transaction, a +1 for
 * each period kind it is the target's first visit of (and a −1 for the visit it takes that over
 * from), keyed by day and place like every kept figure; the figures job folds them. Periods follow
 * the district's assessment calendar, so changing the month's first day rebuilds them.
 */

const rowOf = (d: CoverageDelta): FigureRow => ({
  day: cstDay(d.visit.startedAt),
  region_id: d.visit.regionId,
  category_key: '',
  unit_key: '',
  counters: { [d.key]: d.add },
});

const visitOf = (r: CoverageVisitRow): CoverageVisit => ({
  id: r.id,
  startedAt: new Date(r.started_at),
  regionId: r.region_id,
});

/** The visit path's hook: what recording this visit changes in the coverage counters. */
export async function recordCoverageFigures(
  trx: Kysely<DB>,
  districtCode: string,
  visit: CoverageVisit,
  target: { type: string; id: string | null },
  calendar: AssessmentCalendar,
  options: { targetLocked?: boolean; batch?: WriteBatch } = {},
): Promise<void> {
  if (!figureMaintenanceOn() || target.id === null) return;
  const kind = COVERED_TARGETS.find((t) => t === target.type);
  if (!kind) return;
  const repo = createCoverageFigureRepository(trx);
  // Serialises the target's first-visit reckoning; a sync batch has locked it already.
  if (!options.targetLocked) await repo.lockTarget(districtCode, kind, target.id);
  const periods = coveragePeriods(visit.startedAt, calendar);
  // One read from the earliest start to the latest end of the periods (a week may cross a year).
  const known = (
    await repo.visitsOfTarget(
      districtCode,
      kind,
      target.id,
      visit.id,
      new Date(Math.min(...periods.map((p) => p.start.getTime()))),
      new Date(Math.max(...periods.map((p) => p.end.getTime()))),
    )
  ).map(visitOf);
  const earliest = periods.map(
    (p) => known.find((v) => v.startedAt >= p.start && v.startedAt < p.end) ?? null,
  );
  const rows = coverageDeltas(kind, visit, periods, earliest).map(rowOf);
  await createRollupRepository(trx, 'coverage').appendDeltas(
    districtCode,
    [...sumByKey(rows).values()],
    options.batch,
  );
}

/** One kind of target's first visits, from the diary read target by target (a rebuild's pass). */
async function firstVisitRows(
  trx: Kysely<DB>,
  districtCode: string,
  target: CoveredTarget,
  calendar: AssessmentCalendar,
  into: Map<string, FigureRow>,
): Promise<number> {
  const repo = createCoverageFigureRepository(trx);
  let visits = 0;
  let after: { targetId: string; startedAt: Date; id: string } | null = null;
  // A target's visits may span two pages: its group is counted once the next target starts.
  let groupOf: string | null = null;
  let group: CoverageVisit[] = [];
  const flush = () => addByKey(firstVisits(target, group, calendar).map(rowOf), into);
  for (;;) {
    const page = await repo.visitsByTarget(districtCode, target, after, 5_000);
    if (page.length === 0) break;
    for (const r of page) {
      if (groupOf !== r.target_id) {
        flush();
        groupOf = r.target_id;
        group = [];
      }
      group.push(visitOf(r));
    }
    visits += page.length;
    const last = page.at(-1) as CoverageVisitRow;
    after = { targetId: last.target_id, startedAt: new Date(last.started_at), id: last.id };
  }
  flush();
  return visits;
}

/**
 * Recomputes a district's coverage counters from its visits by its assessment calendar
 * (`minqing figures rebuild`, the seed, and the rules' module when the month's first day changes).
 */
export async function rebuildCoverageFigures(
  db: Kysely<DB>,
  districtCode: string,
  calendar: AssessmentCalendar,
): Promise<{ visits: number }> {
  return runTransaction(db, async (trx) => {
    await createRollupRepository(trx, 'coverage').clear(districtCode);
    const rows = new Map<string, FigureRow>();
    let visits = 0;
    for (const target of COVERED_TARGETS)
      visits += await firstVisitRows(trx, districtCode, target, calendar, rows);
    await writeRebuilt(trx, 'coverage', districtCode, rows);
    return { visits };
  });
}

/** Households and enterprises at or below `path` now: what coverage is a share of. */
export function targetsInScope(
  db: Kysely<DB>,
  districtCode: string,
  path: string,
): Promise<{ households: number; enterprises: number }> {
  return createCoverageFigureRepository(db).liveCounts(districtCode, path);
}

/**
 * Households and enterprises visited at or below `path` in a period: for an assessment period
 * (a week … year by the district's calendar) a sum of the kept first-visit counters; for a custom
 * range the distinct targets of its visits, from the diary. Either way a visit counts where it
 * was recorded, and a target that moved out since still counts.
 */
async function visitedIn(
  db: Kysely<DB>,
  districtCode: string,
  path: string,
  period: { kind: string; from: string; to: string; start: Date; end: Date },
): Promise<{ householdsVisited: number; enterprisesVisited: number }> {
  const kind = PERIOD_KINDS.find((k) => k === period.kind);
  if (kind) {
    const counters = await storedCounters(
      db,
      'coverage',
      districtCode,
      [path],
      period.from,
      addDays(period.to, 1),
    );
    return {
      householdsVisited: counters[coverageCounterKey('household', kind)] ?? 0,
      enterprisesVisited: counters[coverageCounterKey('enterprise', kind)] ?? 0,
    };
  }
  const repo = createCoverageFigureRepository(db);
  const [householdsVisited, enterprisesVisited] = await Promise.all([
    repo.visitedIn(districtCode, 'household', path, period.start, period.end),
    repo.visitedIn(districtCode, 'enterprise', path, period.start, period.end),
  ]);
  return { householdsVisited, enterprisesVisited };
}

/**
 * Every district's coverage at its root for an assessment period (a province's figures): the kept
 * first-visit counters over [from, to] of the period's kind, and the live targets, each one
 * statement across all districts. A district whose own months start on another day than the
 * period's calendar (`otherMonths`) keeps its first visits by its own months, which do not add up over the province's: two
 * visits of one household on the 5th and the 25th are each a first of a month from the 19th, and
 * a calendar month would count the household twice. Its visited targets are counted from its
 * diary instead, as a custom range is (the caller names none for a week, which every calendar
 * shares). A district with
 * no targets and no visits is absent.
 */
export async function coverageByDistrict(
  db: Kysely<DB>,
  period: Period & { kind: PeriodKind },
  otherMonths: ReadonlySet<string>,
): Promise<Map<string, CoverageCounts>> {
  const repo = createCoverageFigureRepository(db);
  const household = coverageCounterKey('household', period.kind);
  const enterprise = coverageCounterKey('enterprise', period.kind);
  const [visited, households, enterprises] = await Promise.all([
    storedCountersByDistrict(db, 'coverage', [household, enterprise], period.from, addDays(period.to, 1)),
    repo.liveCountsByDistrict('household'),
    repo.liveCountsByDistrict('enterprise'),
  ]);
  const fromDiary = new Map(
    await Promise.all(
      [...otherMonths].map(async (district) => {
        // A district's root place has its code for its path (regions/create-region.ts).
        const [h, e] = await Promise.all([
          repo.visitedIn(district, 'household', district, period.start, period.end),
          repo.visitedIn(district, 'enterprise', district, period.start, period.end),
        ]);
        return [district, { [household]: h, [enterprise]: e }] as const;
      }),
    ),
  );
  const districts = new Set([...visited.keys(), ...households.keys(), ...enterprises.keys()]);
  return new Map(
    [...districts].map((district) => {
      const counted = fromDiary.get(district) ?? visited.get(district);
      return [
        district,
        {
          households: households.get(district) ?? 0,
          householdsVisited: counted?.[household] ?? 0,
          enterprises: enterprises.get(district) ?? 0,
          enterprisesVisited: counted?.[enterprise] ?? 0,
        },
      ];
    }),
  );
}

/**
 * Coverage of the place at `path` for a period (`visitedIn` of `targetsInScope`); a caller
 * reading several periods of one place passes the targets in scope counted once.
 */
export async function coverageIn(
  db: Kysely<DB>,
  districtCode: string,
  path: string,
  period: { kind: string; from: string; to: string; start: Date; end: Date },
  inScope?: Promise<{ households: number; enterprises: number }>,
): Promise<CoverageCounts> {
  const [scope, visited] = await Promise.all([
    inScope ?? targetsInScope(db, districtCode, path),
    visitedIn(db, districtCode, path, period),
  ]);
  return { ...scope, ...visited };
}

/**
 * Coverage per place at or below `path` that holds targets or kept counters, keyed by its path
 * as it stands (unfolded: the map folds it into grids), for an assessment period.
 */
export async function coverageByPlace(
  db: Kysely<DB>,
  districtCode: string,
  path: string,
  period: { kind: PeriodKind; from: string; to: string },
): Promise<Map<string, CoverageCounts>> {
  const repo = createCoverageFigureRepository(db);
  const [groups, households, enterprises] = await Promise.all([
    storedCountersBy(
      db,
      'coverage',
      COVERAGE_COUNTER_KEYS,
      districtCode,
      [path],
      period.from,
      addDays(period.to, 1),
      'place',
    ),
    repo.liveCountsByPath(districtCode, 'household', path),
    repo.liveCountsByPath(districtCode, 'enterprise', path),
  ]);
  const out = new Map<string, CoverageCounts>();
  const at = (place: string) => {
    const into = out.get(place) ?? { ...NO_COVERAGE };
    out.set(place, into);
    return into;
  };
  for (const [place, n] of households) at(place).households += n;
  for (const [place, n] of enterprises) at(place).enterprises += n;
  for (const [place, c] of groups) {
    at(place).householdsVisited += c[coverageCounterKey('household', period.kind)] ?? 0;
    at(place).enterprisesVisited += c[coverageCounterKey('enterprise', period.kind)] ?? 0;
  }
  return out;
}

/**
 * Coverage of each place right below `path`, keyed by the child's path, counted as `coverageIn`
 * counts (the drill-down and league tables add up to the headline): an assessment period from the
 * kept counters, a custom range from the diary.
 */
export async function coverageByChild(
  db: Kysely<DB>,
  districtCode: string,
  path: string,
  period: { kind: string; from: string; to: string; start: Date; end: Date },
): Promise<Map<string, CoverageCounts>> {
  const kind = PERIOD_KINDS.find((k) => k === period.kind);
  const out = new Map<string, CoverageCounts>();
  const add = (place: string, part: Partial<CoverageCounts>) => {
    const child = childToward(path, place);
    if (child === null) return;
    const into = out.get(child) ?? { ...NO_COVERAGE };
    for (const [k, v] of Object.entries(part) as [keyof CoverageCounts, number][]) into[k] += v;
    out.set(child, into);
  };
  if (kind) {
    for (const [place, c] of await coverageByPlace(db, districtCode, path, { ...period, kind }))
      add(place, c);
    return out;
  }
  // A custom range: distinct targets per child straight from the diary (not a sum over places).
  const repo = createCoverageFigureRepository(db);
  const [households, enterprises, householdsVisited, enterprisesVisited] = await Promise.all([
    repo.liveCountsByPath(districtCode, 'household', path),
    repo.liveCountsByPath(districtCode, 'enterprise', path),
    repo.visitedByChild(districtCode, 'household', path, period.start, period.end),
    repo.visitedByChild(districtCode, 'enterprise', path, period.start, period.end),
  ]);
  for (const [place, n] of households) add(place, { households: n });
  for (const [place, n] of enterprises) add(place, { enterprises: n });
  for (const [place, n] of householdsVisited) add(place, { householdsVisited: n });
  for (const [place, n] of enterprisesVisited) add(place, { enterprisesVisited: n });
  return out;
}
