import { defineConfig } from 'vitest/config';

/** Browser tests: the real server and Debian's Chromium. Run with `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    pool: 'forks',
    // One server and one browser per file on a 2-core machine: files run one after another.
    fileParallelism: false,
    // Timeouts only catch a hung test (see vitest.config.ts): never a measure of speed.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
