import { loadConfig } from '../../server/config.ts';
import { resolvePiiKey } from '../../server/crypto/keys.ts';
import { createPiiCipher } from '../../server/crypto/pii.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seed } from '../../server/seed/seed.ts';
import { info } from '../output.ts';

export async function seedCommand(options: {
  demo?: boolean;
  scale?: 'street' | 'district' | 'city';
  seed: string;
  households?: string;
}): Promise<void> {
  if (!options.demo && !options.scale)
    throw Object.assign(new Error('Choose --demo or --scale.'), { name: 'SeedError' });
  const config = loadConfig();
  const key = resolvePiiKey(config);
  if (key.source === 'generated') info(`Generated the personal-data key in ${key.file}; back it up.`);
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const summary = await seed(database, {
      scale: options.demo ? 'demo' : (options.scale ?? 'street'),
      seed: Number(options.seed),
      ...(options.households ? { households: Number(options.households) } : {}),
      cipher: createPiiCipher(key.key),
      onProgress: (message) => info(`  ${message}`),
    });
    info(JSON.stringify(summary, null, 2));
  } finally {
    await database.close();
  }
}
