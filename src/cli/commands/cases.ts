import { setHotlineLevel } from '../../server/modules/cases/set-hotline-level.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { withDistrict } from '../district-database.ts';

/**
 * `minqing cases hotline-level <street|district>`: where a district takes 12345 hotline cases in
 * (docs/specs/workflow.md "Levels"). Audited; a running server reads it at the next intake.
 */
export async function hotlineLevelCommand(level: string, options: { district?: string }): Promise<void> {
  if (level !== 'street' && level !== 'district') {
    throw new AppError('BAD_REQUEST', `The level must be street or district, not ${level}.`);
  }
  await withDistrict(options.district, async (database, districtCode) => {
    await setHotlineLevel(database.db, districtCode, level, {
      districtCode,
      username: 'cli',
      sourceIp: null,
    });
    console.log(`Hotline cases in district ${districtCode} are taken in at the ${level} level from now on.`);
  });
}
