import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { setHotlineLevel } from '../../server/modules/cases/set-hotline-level.ts';
import { createRegionRepository } from '../../server/modules/regions/regions.repository.ts';
import { AppError } from '../../shared/errors/app-error.ts';

/**
 * `minqing cases hotline-level <street|district>`: where a district takes 12345 hotline cases in
 * (docs/specs/workflow.md "Levels"). Audited; a running server reads it at the next intake.
 */
export async function hotlineLevelCommand(level: string, options: { district?: string }): Promise<void> {
  if (level !== 'street' && level !== 'district') {
    throw new AppError('BAD_REQUEST', `The level must be street or district, not ${level}.`);
  }
  if (options.district !== undefined && !/^\d{6}$/.test(options.district)) {
    throw new AppError('BAD_REQUEST', '--district must be a 6-digit district code.');
  }
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const districtCode =
      options.district ?? (await createRegionRepository(database.db).firstDistrict())?.code;
    if (!districtCode) throw new AppError('NOT_FOUND', 'The database holds no district.');
    await setHotlineLevel(database.db, districtCode, level, {
      districtCode,
      username: 'cli',
      sourceIp: null,
    });
    console.log(`Hotline cases in district ${districtCode} are taken in at the ${level} level from now on.`);
  } finally {
    await database.close();
  }
}
