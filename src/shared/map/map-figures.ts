import { ancestors } from '../auth/reach.ts';
import type { CaseFigures } from '../figures/case-figures.ts';
import type { Rate } from '../figures/counters.ts';
import type { VisitFigures } from '../figures/visit-figures.ts';

/**
 * The figures a grid map can colour by. Each is a figure of shared/figures/ read off a grid's
 * `caseFigures` / `visitFigures` (so the map and the dashboard never disagree), except
 * `openCases`, which is the hot spots' own count (cases not yet in a terminal state, now).
 * Rates are whole-number-ish percentages (one decimal) and null when nothing can be divided.
 */
export const MAP_FIGURES = [
  'householdCoveragePercent',
  'visits',
  'problemsFound',
  'solvedOnSpot',
  'opinionsCollected',
  'received',
  'openCases',
  'closureRate',
  'onTimeRate',
  'satisfactionRate',
  'overdue',
] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

/** Percentages higher-is-better; counts are shown on their own scale. */
export const MAP_FIGURE_UNIT: Record<MapFigure, 'count' | 'percent'> = {
  householdCoveragePercent: 'percent',
  visits: 'count',
  problemsFound: 'count',
  solvedOnSpot: 'count',
  opinionsCollected: 'count',
  received: 'count',
  openCases: 'count',
  closureRate: 'percent',
  onTimeRate: 'percent',
  satisfactionRate: 'percent',
  overdue: 'count',
};

const percent = (r: Rate): number | null => (r.value === null ? null : Math.round(r.value * 1000) / 10);

/** A grid's value for every map figure. */
export function mapFigureValues(
  cases: CaseFigures,
  visits: VisitFigures,
  openCases: number,
): Record<MapFigure, number | null> {
  return {
    householdCoveragePercent: visits.householdCoveragePercent,
    visits: visits.visits,
    problemsFound: visits.problemsFound,
    solvedOnSpot: visits.solvedOnSpot,
    opinionsCollected: visits.opinionsCollected,
    received: cases.received,
    openCases,
    closureRate: percent(cases.closureRate),
    onTimeRate: percent(cases.onTimeRate),
    satisfactionRate: percent(cases.satisfactionRate),
    overdue: cases.overdue,
  };
}

/**
 * Adds values kept per place path (a grid, a micro-grid below it) into their grids: a path
 * counts for the grid whose path it is or lies below. Paths above every grid (a case filed at the
 * community itself) belong to no grid and are left out, as the map has no shape for them.
 */
export function foldToGrids<V>(
  gridPaths: readonly string[],
  byPath: ReadonlyMap<string, V>,
  add: (into: V | undefined, value: V) => V,
): Map<string, V> {
  const grids = new Set(gridPaths);
  const out = new Map<string, V>();
  for (const [path, value] of byPath) {
    // The nearest node at or above the path that is a grid (a micro-grid's counts go to its grid).
    const grid = ancestors(path).findLast((node) => grids.has(node));
    if (grid !== undefined) out.set(grid, add(out.get(grid), value));
  }
  return out;
}
