import { type CaseCounters, type CaseFigureRules, caseFigures } from './case-figures.ts';
import { type Rate, rate } from './counters.ts';
import { type CoverageCounts, NO_COVERAGE, type VisitCounters, visitFigures } from './visit-figures.ts';

/**
 * 数据晾晒 league tables (issue 12 §5): places, handling units or sent-down cadres side by side for
 * a month or quarter, ranked. Every column is a figure of case-figures.ts or visit-figures.ts (or a
 * ratio of two of them); nothing is counted here. A column a subject has no figures for (a
 * handling unit has no visits, a cadre no cases) is null, never 0, so it neither helps nor hurts.
 */

/** What is ranked: the child places of a region, the handling units of its cases, the cadres sent down. */
export const LEAGUE_SUBJECTS = ['places', 'units', 'cadres'] as const;
export type LeagueSubjects = (typeof LEAGUE_SUBJECTS)[number];

export interface LeagueFigures {
  /** Households visited in the period ÷ households in scope, whole per cent (visitFigures); null without households. */
  coveragePercent: number | null;
  visits: number | null;
  /** Grid workers holding a grant in the place (a cadre counts as one). */
  workers: number | null;
  /** Visits ÷ workers; null without workers. */
  visitsPerWorker: number | null;
  problemsFound: number | null;
  /** Solved on the spot ÷ problems found on visits. */
  onSpotShare: Rate | null;
  closureRate: Rate | null;
  onTimeRate: Rate | null;
  satisfactionRate: Rate | null;
  reopened: number | null;
  overdue: number | null;
}

/** The counters one subject's figures come from; null where the subject has none of that kind. */
export interface LeagueInput {
  cases: CaseCounters | null;
  visits: VisitCounters | null;
  coverage: CoverageCounts | null;
  workers: number | null;
}

export function leagueFigures(input: LeagueInput, rules?: CaseFigureRules): LeagueFigures {
  const c = input.cases ? caseFigures(input.cases, rules) : null;
  const v = input.visits ? visitFigures(input.visits, input.coverage ?? NO_COVERAGE) : null;
  const workers = input.workers;
  return {
    // A place without households has nothing to cover: no rate (coveragePercent would say 100).
    coveragePercent: v && input.coverage?.households ? v.householdCoveragePercent : null,
    visits: v ? v.visits : null,
    workers,
    visitsPerWorker: v && workers ? v.visits / workers : null,
    problemsFound: v ? v.problemsFound : null,
    onSpotShare: v ? rate(v.solvedOnSpot, v.problemsFound) : null,
    closureRate: c ? c.closureRate : null,
    onTimeRate: c ? c.onTimeRate : null,
    satisfactionRate: c ? c.satisfactionRate : null,
    reopened: c ? c.reopened : null,
    overdue: c ? c.overdue : null,
  };
}

/** The columns a table can be ordered by, and which way is better. */
export const LEAGUE_COLUMNS = {
  coveragePercent: 'higher',
  visitsPerWorker: 'higher',
  problemsFound: 'higher',
  onSpotShare: 'higher',
  closureRate: 'higher',
  onTimeRate: 'higher',
  satisfactionRate: 'higher',
  reopened: 'lower',
  overdue: 'lower',
} as const satisfies Partial<Record<keyof LeagueFigures, 'higher' | 'lower'>>;
export type LeagueColumn = keyof typeof LEAGUE_COLUMNS;

/**
 * The orders a table can be ranked in. The default, `composite`, is the mean of the rates the
 * subject has (coverage as a share, on-the-spot share, closure, on-time and satisfaction rates),
 * each weighing the same; a subject with none of them ranks after every subject with one.
 */
export const LEAGUE_ORDERS = ['composite', ...(Object.keys(LEAGUE_COLUMNS) as LeagueColumn[])] as const;
export type LeagueOrder = (typeof LEAGUE_ORDERS)[number];
export const DEFAULT_LEAGUE_ORDER: LeagueOrder = 'composite';

/** The composite score (0–1), or null when the subject has none of its rates. */
export function compositeScore(f: LeagueFigures): number | null {
  const parts = [
    f.coveragePercent === null ? null : f.coveragePercent / 100,
    f.onSpotShare?.value ?? null,
    f.closureRate?.value ?? null,
    f.onTimeRate?.value ?? null,
    f.satisfactionRate?.value ?? null,
  ].filter((x): x is number => x !== null);
  return parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0) / parts.length;
}

/** The value a row is ordered by, oriented so that higher is always better; null sorts last. */
function sortValue(f: LeagueFigures, order: LeagueOrder): number | null {
  if (order === 'composite') return compositeScore(f);
  const raw = f[order];
  const value = raw === null ? null : typeof raw === 'number' ? raw : raw.value;
  if (value === null) return null;
  return LEAGUE_COLUMNS[order] === 'lower' ? -value : value;
}

// Ratios of small counts meet as floats (2/3 vs 4/6): equal within this are a tie.
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export interface RankedRow<T> {
  subject: T;
  /** What the order compared (higher is better; a "lower is better" column is negated); null: nothing. */
  score: number | null;
  /** Standard competition ranking: ties share a rank and the next rank skips (1, 1, 3). */
  rank: number;
  /** The rank the same subject had in the previous period's table, if it was in it. */
  previousRank: number | null;
  /** previousRank − rank: positive moved up, negative moved down; null when not ranked before. */
  rankChange: number | null;
}

/**
 * Standard competition ranks (1, 1, 3) of items by `value`, higher first: equal values (within
 * float noise) share a rank, null values share the last one. Ties keep the order `tieOrder` gives.
 */
export function competitionRanks<T>(
  items: readonly T[],
  value: (item: T) => number | null,
  tieOrder: (a: T, b: T) => number,
): { item: T; score: number | null; rank: number }[] {
  const scored = items.map((item) => ({ item, score: value(item) }));
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
    } else if (!same(a.score, b.score)) return b.score - a.score;
    return tieOrder(a.item, b.item);
  });
  const out: { item: T; score: number | null; rank: number }[] = [];
  for (const [i, row] of scored.entries()) {
    const before = out[i - 1];
    const tied =
      before !== undefined &&
      (before.score === null ? row.score === null : row.score !== null && same(before.score, row.score));
    out.push({ item: row.item, score: row.score, rank: tied ? before.rank : i + 1 });
  }
  return out;
}

/**
 * Ranks subjects by `order`, best first; those without a value share the last rank. Ties keep
 * the order `tieOrder` gives (e.g. by name), which does not change their shared rank.
 */
export function rankLeague<T extends { key: string; figures: LeagueFigures }>(
  subjects: readonly T[],
  order: LeagueOrder = DEFAULT_LEAGUE_ORDER,
  previousRanks: ReadonlyMap<string, number> = new Map(),
  tieOrder: (a: T, b: T) => number = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
): RankedRow<T>[] {
  return competitionRanks(subjects, (s) => sortValue(s.figures, order), tieOrder).map(
    ({ item, score, rank }) => {
      const previousRank = previousRanks.get(item.key) ?? null;
      return {
        subject: item,
        score,
        rank,
        previousRank,
        rankChange: previousRank === null ? null : previousRank - rank,
      };
    },
  );
}
