import { vi } from 'vitest';

/**
 * Runs before every test file. Test files share worker processes (`isolate: false` in
 * vitest.config.ts), which spares each file starting a process and loading the libraries again;
 * forgetting the modules loaded so far gives every file its own fresh copy of the project's own
 * modules (src/, test/), so no state kept in one (a cached calendar, the audit key, a recipe's call
 * counter) carries over from another file.
 */
vi.resetModules();
