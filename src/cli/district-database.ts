import { loadConfig } from '../server/config.ts';
import { type Database, openDatabase } from '../server/db/engine.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { createRegionRepository } from '../server/modules/regions/regions.repository.ts';
import { AppError } from '../shared/errors/app-error.ts';

/**
 * Runs a command's work for one district on the configured database, migrated, and closes it
 * after: the `--district` given (six digits), or the first district in the database.
 */
export async function withDistrict<T>(
  district: string | undefined,
  work: (database: Database, districtCode: string) => Promise<T>,
): Promise<T> {
  if (district !== undefined && !/^\d{6}$/.test(district)) {
    throw new AppError('BAD_REQUEST', '--district must be a 6-digit district code.');
  }
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const districtCode = district ?? (await createRegionRepository(database.db).firstDistrict())?.code;
    if (!districtCode) throw new AppError('NOT_FOUND', 'The database holds no district.');
    return await work(database, districtCode);
  } finally {
    await database.close();
  }
}
