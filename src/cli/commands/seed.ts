import { seedDemo } from '../../server/seed/demo.ts';
import { seed } from '../../server/seed/seed.ts';
import { withKeyedDatabase } from '../keyed-database.ts';
import { info } from '../output.ts';

export async function seedCommand(options: {
  demo?: boolean;
  scale?: 'street' | 'district' | 'city' | 'province';
  seed: string;
  households?: string;
  districts?: string;
}): Promise<void> {
  if (!options.demo && !options.scale)
    throw Object.assign(new Error('Choose --demo or --scale.'), { name: 'SeedError' });
  if (options.districts !== undefined && (options.demo || options.scale !== 'province'))
    throw Object.assign(new Error('--districts goes with --scale province.'), { name: 'SeedError' });
  await withKeyedDatabase(async (database, cipher) => {
    const onProgress = (message: string) => info(`  ${message}`);
    // The demo is the whole demo street, as `start --demo` makes it: cases, diary and visit plans too.
    if (options.demo) {
      const summary = await seedDemo(database, {
        cipher,
        seed: Number(options.seed),
        ...(options.households ? { households: Number(options.households) } : {}),
        onProgress,
      });
      info(JSON.stringify(summary, null, 2));
      return;
    }
    const summary = await seed(database, {
      scale: options.scale ?? 'street',
      seed: Number(options.seed),
      ...(options.households ? { households: Number(options.households) } : {}),
      // seed() checks the number (an integer from 1 to 90) before it writes anything.
      ...(options.districts !== undefined ? { districts: Number(options.districts) } : {}),
      cipher,
      onProgress,
    });
    info(JSON.stringify(summary, null, 2));
  });
}
