import { readAssessmentRules } from '../../server/modules/assessment/assessment-rules.ts';
import { rebuildCaseFigures } from '../../server/modules/cases/case-figures.ts';
import { rebuildCoverageFigures } from '../../server/modules/coverage/coverage-figures.ts';
import { rebuildVisitFigures } from '../../server/modules/visits/visit-figures.ts';
import { calendarOf } from '../../shared/domain/assessment-rules.ts';
import { withDistrict } from '../district-database.ts';

/**
 * `minqing figures rebuild`: recomputes a district's case, visit and coverage figures from its
 * cases (with their clocks) and visits, after a restore, an import of history, or a change to a figure's
 * definition. The figures kept through every change must equal it (test/figures/).
 */
export async function figuresRebuildCommand(options: { district?: string }): Promise<void> {
  await withDistrict(options.district, async (database, districtCode) => {
    const started = performance.now();
    const { cases } = await rebuildCaseFigures(database.db, districtCode);
    const { visits } = await rebuildVisitFigures(database.db, districtCode);
    const rules = await readAssessmentRules(database.db, districtCode);
    await rebuildCoverageFigures(database.db, districtCode, calendarOf(rules));
    console.log(
      `Figures of district ${districtCode} rebuilt from ${cases.toLocaleString('en')} cases and ${visits.toLocaleString('en')} visits in ${Math.round(performance.now() - started)} ms.`,
    );
  });
}
