#!/usr/bin/env node
// Runs before `npm start`: builds the web app when dist/web is missing or older than its sources,
// so a fresh checkout serves the interface without a separate build step, and a rebuilt checkout
// never serves a stale one. Does nothing when the build is current.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = path.join(root, 'dist', 'web', 'index.html');
const SOURCES = ['src/web', 'src/shared', 'index.html', 'vite.config.ts'];

/** The newest modification time under a file or directory (0 when it does not exist). */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return target.includes('.test.') ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const builtAt = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));

if (builtAt > 0 && builtAt >= changedAt) process.exit(0);

console.log(builtAt === 0 ? 'Building the web app (dist/web)…' : 'Web sources changed: rebuilding dist/web…');
// A served build is always a production build, whatever NODE_ENV the caller runs under (the test
// runner sets "test", which would give development React and no service worker).
process.env.NODE_ENV = 'production';
try {
  // Vite's own API (not the `vite` binary), so this works whatever PATH npm or a shell provides.
  const { build } = await import('vite');
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
} catch (error) {
  console.error(`Building the web app failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
console.log('Web app built.');
