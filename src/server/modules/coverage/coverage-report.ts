import type { UnitCoverage } from '../../../shared/domain/coverage.ts';
import { coveragePercent } from '../../../shared/visits/coverage.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import type { Scope } from '../auth/scope.ts';
import type { CoverageRepository } from './coverage.repository.ts';

type Unit = { id: string; name: string; level: string; path: string };

/** Adds up per-unit figures: a unit with no rows counts as zero. */
function sum<T extends object>(zero: T, parts: Iterable<T>): T {
  const total = { ...zero } as Record<string, number>;
  for (const part of parts)
    for (const [k, v] of Object.entries(part) as [string, number][]) total[k] = (total[k] ?? 0) + v;
  return total as T;
}

/**
 * Coverage of a region and of each of its child units in a period. Each figure is read once for
 * the whole region, grouped by child unit (a handful of statements however many units there are:
 * PGlite runs one statement at a time); the region's own figures are the sum over its units and
 * the rows on the region itself.
 */
export async function coverageReport(
  coverage: CoverageRepository,
  scope: Scope,
  region: Unit,
  period: Period,
): Promise<{ total: UnitCoverage; units: UnitCoverage[] }> {
  const { districtCode } = scope;
  const [children, households, enterprises, visits, gaps] = await Promise.all([
    coverage.childUnits(scope, region.id),
    coverage.subjectCoverageByUnit(districtCode, region.path, 'household', period),
    coverage.subjectCoverageByUnit(districtCode, region.path, 'enterprise', period),
    coverage.visitCountsByUnit(districtCode, region.path, period),
    coverage.teamGapsByUnit(districtCode, region.path),
  ]);
  const noSubjects = { inScope: 0, visited: 0 };
  const noVisits = { visits: 0, nightVisits: 0, leaderVisits: 0 };
  const noGaps = { teamsNeedingCadre: 0, gridsWithoutTeam: 0 };
  const figures = (
    unit: Unit,
    pick: <T extends object>(zero: T, byUnit: Map<string, T>) => T,
  ): UnitCoverage => {
    const pct = (c: { inScope: number; visited: number }) => ({
      ...c,
      percent: coveragePercent(c.visited, c.inScope),
    });
    return {
      regionId: unit.id,
      name: unit.name,
      level: unit.level,
      households: pct(pick(noSubjects, households)),
      enterprises: pct(pick(noSubjects, enterprises)),
      ...pick(noVisits, visits),
      ...pick(noGaps, gaps),
    };
  };
  return {
    total: figures(region, (zero, byUnit) => sum(zero, byUnit.values())),
    units: children.map((unit) => figures(unit, (zero, byUnit) => byUnit.get(unit.path) ?? zero)),
  };
}
