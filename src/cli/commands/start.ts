import { loadConfig } from '../../server/config.ts';
import { resolvePiiKey } from '../../server/crypto/keys.ts';
import { createPiiCipher } from '../../server/crypto/pii.ts';
import { closeOnSignals, startServer } from '../../server/main.ts';
import { seedCases } from '../../server/seed/cases.ts';
import { seed } from '../../server/seed/seed.ts';
import { seedVisits } from '../../server/seed/visits.ts';
import { info } from '../output.ts';

/** Cases generated for the demo street (the demo accounts' queues and case pages). */
const DEMO_CASES = 400;
/** Visits generated for the demo street's diary. */
const DEMO_VISITS = 8000;

export async function startCommand(options: { demo?: boolean }): Promise<void> {
  const config = loadConfig();
  // Resolved before anything opens: PostgreSQL deployments must configure the key; embedded mode
  // generates one on first start and says where, because losing it loses the personal data.
  const key = resolvePiiKey(config);
  if (key.source === 'generated')
    info(`Generated the personal-data key in ${key.file}; back it up separately.`);
  const server = await startServer(config, {
    async beforeListen(ctx) {
      if (!options.demo || (await ctx.repositories.regions.firstDistrict()) !== null) return;
      info('Empty database: generating the demo street (宁围街道, 萧山区)…');
      const cipher = createPiiCipher(key.key);
      const summary = await seed(ctx.database, {
        scale: 'demo',
        cipher,
        onProgress: (message) => info(`  ${message}`),
      });
      // Half a year of the street's cases, a quarter still open, so the queues have something in them.
      for (const district of summary.districts) {
        const cases = await seedCases(ctx.database, district, {
          count: DEMO_CASES,
          until: new Date(),
          days: 180,
          openShare: 0.25,
          events: 'all',
          cipher,
        });
        info(`  ${cases.cases} demo cases`);
        // Four months of the diary, so coverage, quotas and the visit-day list have something to show.
        const visits = await seedVisits(ctx.database, district, {
          count: DEMO_VISITS,
          until: new Date(),
          days: 120,
          coverage: 0.3,
        });
        info(`  ${visits.visits} demo visits`);
      }
      info(`Demo data ready in ${(summary.ms / 1000).toFixed(1)} s.`);
    },
  });
  const display = server.url.replace('127.0.0.1', 'localhost');
  info(`MinQing ${config.public.version} is ready on ${display} (${server.app.ctx.database.engine})`);
  info(`API docs: ${display}/api/docs`);
  closeOnSignals(server, config.shutdownGraceMs, info);
}
