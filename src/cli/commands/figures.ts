import { rebuildCaseFigures } from '../../server/modules/cases/case-figures.ts';
import { withDistrict } from '../district-database.ts';

/**
 * `minqing figures rebuild`: recomputes a district's case figures from its cases and their clocks
 * (after a restore, an import of history, or a change to a figure's definition). The figures kept
 * through every change must equal it (test/cases/case-walks.property.test.ts).
 */
export async function figuresRebuildCommand(options: { district?: string }): Promise<void> {
  await withDistrict(options.district, async (database, districtCode) => {
    const started = performance.now();
    const { cases } = await rebuildCaseFigures(database.db, districtCode);
    console.log(
      `Case figures of district ${districtCode} rebuilt from ${cases.toLocaleString('en')} cases in ${Math.round(performance.now() - started)} ms.`,
    );
  });
}
