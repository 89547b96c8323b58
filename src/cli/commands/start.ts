import { loadConfig } from '../../server/config.ts';
import { resolvePiiKey } from '../../server/crypto/keys.ts';
import { createPiiCipher } from '../../server/crypto/pii.ts';
import { closeOnSignals, startServer } from '../../server/main.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { info } from '../output.ts';

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
      const summary = await seedDemo(ctx.database, {
        cipher: createPiiCipher(key.key),
        onProgress: (message) => info(`  ${message}`),
      });
      info(`Demo data ready in ${(summary.ms / 1000).toFixed(1)} s.`);
    },
  });
  // Before the server says it is ready: whoever reads that line may stop it at once, and a
  // SIGTERM that finds no handler kills the process without closing the database.
  closeOnSignals(server, config.shutdownGraceMs, info);
  const display = server.url.replace('127.0.0.1', 'localhost');
  info(`MinQing ${config.public.version} is ready on ${display} (${server.app.ctx.database.engine})`);
  info(`API docs: ${display}/api/docs`);
}
