import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The PostgreSQL run (`npm run test:pg`) repeats only the suites that touch the engine under test:
 * the pure domain logic (src/shared), the web app's units (src/web), the structural checks
 * (test/structure) and the suites of the embedded database itself (`*.embedded.test.ts`: its files
 * on disk, its command line without DATABASE_URL) do not depend on it, so they run once, in
 * `npm test`.
 */
const onPostgres = ['postgres', 'citus'].includes(process.env.MINQING_TEST_ENGINE ?? '');

export default defineConfig({
  test: {
    include: onPostgres
      ? ['src/server/**/*.test.ts', 'test/**/*.test.ts']
      : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      'test/e2e/**',
      'node_modules/**',
      ...(onPostgres ? ['test/structure/**', '**/*.embedded.test.ts'] : []),
    ],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/file-setup.ts'],
    pool: 'forks',
    // One worker per core. Vitest's default leaves a core to its main process (cores - 1), which on
    // the 2-core CI machine ran the files one after another on one core while the other sat mostly
    // idle (the main process does little once files are transformed).
    maxWorkers: Math.max(2, os.availableParallelism()),
    // A worker runs file after file instead of starting a process per file (which spent about 40%
    // of the CPU time starting and loading the libraries). file-setup.ts gives each file fresh
    // copies of the project's modules, and each file makes its own databases as before.
    isolate: false,
    // Timeouts only catch a hung test; no test depends on how fast the machine is. A loaded 2-core
    // machine (load average 10-19 was seen) made 60 s too tight for the property walks and CLI runs.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
