import { defineConfig } from 'vitest/config';

/**
 * The PostgreSQL run (`npm run test:pg`) repeats only the suites that touch a database: the pure
 * domain logic (src/shared), the web app's units (src/web) and the structural checks (test/structure)
 * do not depend on the engine, so they run once, in `npm test`.
 */
const onPostgres = process.env.MINQING_TEST_ENGINE === 'postgres';

export default defineConfig({
  test: {
    include: onPostgres
      ? ['src/server/**/*.test.ts', 'test/**/*.test.ts']
      : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', ...(onPostgres ? ['test/structure/**'] : [])],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Timeouts only catch a hung test; no test depends on how fast the machine is. A loaded 2-core
    // machine (load average 10-19 was seen) made 60 s too tight for the property walks and CLI runs.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
