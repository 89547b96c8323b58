import { ConfigError } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/lock.ts';
import { AppError } from '../shared/errors/app-error.ts';

/** Errors the operator can act on are printed as one clear sentence; anything else with its stack. */
const EXPECTED = new Set(['ConfigError', 'DataDirLockedError', 'RestoreError', 'SeedError']);

export function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`minqing: ${error.message}`);
  } else if (error instanceof AppError || (error instanceof Error && EXPECTED.has(error.name))) {
    console.error(`minqing: ${error.message}`);
  } else {
    console.error('minqing: unexpected error');
    console.error(error);
  }
  process.exit(1);
}

export function info(message: string): void {
  console.error(message);
}
