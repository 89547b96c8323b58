import { seed } from '../../server/seed/seed.ts';
import { withKeyedDatabase } from '../keyed-database.ts';
import { info } from '../output.ts';

export async function seedCommand(options: {
  demo?: boolean;
  scale?: 'street' | 'district' | 'city';
  seed: string;
  households?: string;
}): Promise<void> {
  if (!options.demo && !options.scale)
    throw Object.assign(new Error('Choose --demo or --scale.'), { name: 'SeedError' });
  await withKeyedDatabase(async (database, cipher) => {
    const summary = await seed(database, {
      scale: options.demo ? 'demo' : (options.scale ?? 'street'),
      seed: Number(options.seed),
      ...(options.households ? { households: Number(options.households) } : {}),
      cipher,
      onProgress: (message) => info(`  ${message}`),
    });
    info(JSON.stringify(summary, null, 2));
  });
}
