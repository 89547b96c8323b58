import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startServer } from './server.ts';
import { startTileServer } from './tile-server.ts';

/**
 * One server for the whole e2e run: the web app is built if its sources changed, then the real
 * server starts on a fresh demo database (its demo accounts not yet enrolled in TOTP), with a
 * stand-in for the operator's tile server under its grid map. Each test file opens its own browser
 * contexts on it.
 */
export default async function setup(project: TestProject) {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web-build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the web app failed');
  const tiles = await startTileServer();
  const server = await startServer({ env: { MINQING_MAP_TILE_URL: tiles.template } }).catch(async (error) => {
    await tiles.close();
    throw error;
  });
  // What the test files share about the demo accounts (authenticator secrets, last code used,
  // sessions): files run one after another in separate processes against this one server.
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-e2e-state-'));
  project.provide('origin', server.origin);
  project.provide('tileOrigin', tiles.origin);
  project.provide('stateFile', path.join(stateDir, 'accounts.json'));
  return async () => {
    await server.stop();
    await tiles.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    /** The stand-in tile server (support/tile-server.ts). */
    tileOrigin: string;
    /** JSON file of AccountsState (support/accounts.ts). */
    stateFile: string;
  }
}
