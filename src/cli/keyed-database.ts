import { loadConfig } from '../server/config.ts';
import { resolvePiiKey } from '../server/crypto/keys.ts';
import { createPiiCipher, type PiiCipher } from '../server/crypto/pii.ts';
import { type Database, openDatabase } from '../server/db/engine.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { info } from './output.ts';

/**
 * Runs a command's work on the configured database, migrated, with the personal-data cipher, and
 * closes the database after. Embedded mode generates the key on first use and says where: losing
 * it loses the personal data.
 */
export async function withKeyedDatabase<T>(
  work: (database: Database, cipher: PiiCipher) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const key = resolvePiiKey(config);
  if (key.source === 'generated') info(`Generated the personal-data key in ${key.file}; back it up.`);
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    return await work(database, createPiiCipher(key.key));
  } finally {
    await database.close();
  }
}
