import type { Kysely } from 'kysely';
import { calendarOf, caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import type { GridMap, GridMapQuery } from '../../../shared/domain/map.ts';
import { assessmentPeriodOfDay } from '../../../shared/figures/assessment-periods.ts';
import { CASE_COUNTER_KEYS, type CaseCounters, caseFigures } from '../../../shared/figures/case-figures.ts';
import { addCounters, emptyCounters } from '../../../shared/figures/counters.ts';
import {
  type CoverageCounts,
  NO_COVERAGE,
  VISIT_COUNTER_KEYS,
  type VisitCounters,
  visitFigures,
} from '../../../shared/figures/visit-figures.ts';
import { containsPoint, type GridGeometry, type Position } from '../../../shared/map/geojson.ts';
import { foldToGrids, mapFigureValues } from '../../../shared/map/map-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeForAll } from '../auth/scope.ts';
import { coverageByPlace } from '../coverage/coverage-figures.ts';
import { periodView } from '../coverage/period-query.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createMapRepository } from './map.repository.ts';

/**
 * The grid map of a place for a period: every grid at or below it with its boundary and the map's
 * figures (from the kept rollups grouped by place, folded into grids, and the coverage query per
 * community), and the hot spots of open cases. Like the figures API, the caller must read both
 * cases and visits at the place; elsewhere it is NOT_FOUND.
 */
export async function readGridMap(
  db: Kysely<DB>,
  principal: Principal,
  query: GridMapQuery,
  now: Date,
): Promise<GridMap> {
  const scope = scopeForAll(principal, ['cases:read', 'visits:read']);
  const region = await regionInScope(createRegionRepository(db), scope, query.regionId);
  const district = scope.districtCode;
  const rules = await readAssessmentRules(db, district);
  const period = assessmentPeriodOfDay(query.period, query.at ?? cstDay(now), calendarOf(rules));
  const to = addDays(period.to, 1);
  const repo = createMapRepository(db);

  const grids = await repo.gridsWithBoundaries(district, region.path);
  const gridPaths = grids.map((g) => g.path);
  const [caseByPlace, visitByPlace, openRows, coverageOfPlace] = await Promise.all([
    storedCountersBy(db, 'case', CASE_COUNTER_KEYS, district, [region.path], period.from, to, 'place'),
    storedCountersBy(db, 'visit', VISIT_COUNTER_KEYS, district, [region.path], period.from, to, 'place'),
    repo.openCasesByPlace(district, region.path),
    coverageByPlace(db, district, region.path, period),
  ]);
  // Coverage counters are first visits per target, so they add up over places like the others.
  const coverageByGrid = foldToGrids(gridPaths, coverageOfPlace, (a: CoverageCounts | undefined, b) => ({
    households: (a?.households ?? 0) + b.households,
    householdsVisited: (a?.householdsVisited ?? 0) + b.householdsVisited,
    enterprises: (a?.enterprises ?? 0) + b.enterprises,
    enterprisesVisited: (a?.enterprisesVisited ?? 0) + b.enterprisesVisited,
  }));

  const caseByGrid = foldToGrids(gridPaths, caseByPlace, (a: CaseCounters | undefined, b) =>
    addCounters(CASE_COUNTER_KEYS, a ?? emptyCounters(CASE_COUNTER_KEYS), b),
  );
  const visitByGrid = foldToGrids(gridPaths, visitByPlace, (a: VisitCounters | undefined, b) =>
    addCounters(VISIT_COUNTER_KEYS, a ?? emptyCounters(VISIT_COUNTER_KEYS), b),
  );
  // Several rows share a path (one per position): sum them per path before folding.
  const openPerPath = new Map<string, number>();
  for (const r of openRows)
    openPerPath.set(r.region_path, (openPerPath.get(r.region_path) ?? 0) + Number(r.n));
  const openCasesByGrid = foldToGrids(gridPaths, openPerPath, (a: number | undefined, b) => (a ?? 0) + b);

  const gridOfPath = new Map(grids.map((g) => [g.path, g]));
  const gridFor = (path: string) => {
    const parts = path.split('.');
    for (let n = parts.length; n > 0; n--) {
      const g = gridOfPath.get(parts.slice(0, n).join('.'));
      if (g) return g;
    }
    return undefined;
  };
  const spots = new Map<string, { gridId: string | null; position: Position; count: number }>();
  for (const r of openRows) {
    const grid = gridFor(r.region_path);
    const own: Position | null = r.lat !== null && r.lng !== null ? [Number(r.lng), Number(r.lat)] : null;
    const shape = (grid?.geometry as GridGeometry | null | undefined) ?? null;
    const center: Position | null =
      grid?.center_lng != null && grid.center_lat != null ? [grid.center_lng, grid.center_lat] : null;
    // The case's place decides its grid: a position outside that grid's shape (a stale fix, a
    // mis-filed place) is drawn at the grid's centre, so the dots agree with the grid's count.
    const at = own && (!shape || containsPoint(shape, own)) ? own : (center ?? own);
    if (!at) continue;
    const key = `${grid?.id ?? ''}|${at[0]}|${at[1]}`;
    const spot = spots.get(key) ?? { gridId: grid?.id ?? null, position: at, count: 0 };
    spot.count += Number(r.n);
    spots.set(key, spot);
  }

  return {
    region: { id: region.id, name: region.name, level: region.level },
    period: periodView(period),
    grids: grids.map((g) => {
      return {
        id: g.id,
        code: g.code,
        name: g.name,
        communityName: g.community_name ?? null,
        boundary: (g.geometry as GridGeometry | null) ?? null,
        center: g.center_lng != null && g.center_lat != null ? [g.center_lng, g.center_lat] : null,
        values: mapFigureValues(
          caseFigures(caseByGrid.get(g.path) ?? emptyCounters(CASE_COUNTER_KEYS), caseRulesOf(rules)),
          visitFigures(
            visitByGrid.get(g.path) ?? emptyCounters(VISIT_COUNTER_KEYS),
            coverageByGrid.get(g.path) ?? NO_COVERAGE,
          ),
          openCasesByGrid.get(g.path) ?? 0,
        ),
      };
    }),
    hotSpots: [...spots.values()],
  };
}
