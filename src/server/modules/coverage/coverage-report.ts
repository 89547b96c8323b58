import type { UnitCoverage } from '../../../shared/domain/coverage.ts';
import { coveragePercent } from '../../../shared/visits/coverage.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import type { Scope } from '../auth/scope.ts';
import type { CoverageRepository } from './coverage.repository.ts';

/** Coverage of a region and of each of its child units in a period. */
export async function coverageReport(
  coverage: CoverageRepository,
  scope: Scope,
  region: { id: string; name: string; level: string; path: string },
  period: Period,
): Promise<{ total: UnitCoverage; units: UnitCoverage[] }> {
  const figures = async (unit: {
    id: string;
    name: string;
    level: string;
    path: string;
  }): Promise<UnitCoverage> => {
    const [households, enterprises, visits, gaps] = await Promise.all([
      coverage.subjectCoverage(scope.districtCode, unit.path, 'household', period),
      coverage.subjectCoverage(scope.districtCode, unit.path, 'enterprise', period),
      coverage.visitCounts(scope.districtCode, unit.path, period),
      coverage.teamGaps(scope.districtCode, unit.path),
    ]);
    const pct = (c: { inScope: number; visited: number }) => ({
      ...c,
      percent: coveragePercent(c.visited, c.inScope),
    });
    return {
      regionId: unit.id,
      name: unit.name,
      level: unit.level,
      households: pct(households),
      enterprises: pct(enterprises),
      ...visits,
      ...gaps,
    };
  };
  const children = await coverage.childUnits(scope, region.id);
  const [total, ...units] = await Promise.all([figures(region), ...children.map(figures)]);
  return { total: total as UnitCoverage, units };
}
