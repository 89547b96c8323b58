import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startServer } from './server.ts';

/**
 * One server for the whole e2e run: the web app is built if its sources changed, then the real
 * server starts on a fresh demo database. Each test file opens its own browser contexts on it.
 */
export default async function setup(project: TestProject) {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web-build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the web app failed');
  const server = await startServer();
  project.provide('origin', server.origin);
  return async () => {
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
  }
}
