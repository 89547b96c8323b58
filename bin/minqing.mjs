#!/usr/bin/env node
// Entry point of the `minqing` command. The project pins its own Node (24 LTS, installed from the
// npm registry into node_modules); when started by an older system Node, re-run under that one so
// `./bin/minqing.mjs` works the same as `npm run minqing`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);

if (major < 24) {
  const pinned = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  if (!fs.existsSync(pinned)) {
    console.error(
      `MinQing needs Node.js 24 or later (this is ${process.version}). Run \`npm install\` first.`,
    );
    process.exit(1);
  }
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (embeddedServerToSlim()) {
  // An embedded server runs PGlite's WebAssembly on V8's baseline compiler only. Optimising it
  // (TurboFan compiles PostgreSQL's largest functions in the background) took the process to
  // ~950 MB within seconds of every start, to settle at ~450; without it the peak is ~400 MB and
  // start-up needs a third less CPU, for ~15 % slower case intake and no measurable change in
  // field sync or coverage figures (bench: intake-embedded, embedded). V8 takes the flag only at
  // process start, so the process replaces itself with one started with it (same pid).
  process.execve(
    process.execPath,
    [process.execPath, '--liftoff-only', ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
} else {
  // V8's code for the type-stripped sources and libraries, kept on disk (NODE_COMPILE_CACHE or the
  // system's temporary directory) and keyed by content: later starts skip compiling most of them.
  module.enableCompileCache?.();
  await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
}

/**
 * `minqing start` on the embedded database (no DATABASE_URL), not yet restarted with the flag and
 * not told to keep the optimising compiler (MINQING_EMBEDDED_OPTIMISE=1: faster queries, twice
 * the memory).
 */
function embeddedServerToSlim() {
  const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  return (
    command === 'start' &&
    !process.env.DATABASE_URL &&
    process.env.MINQING_EMBEDDED_OPTIMISE !== '1' &&
    !process.execArgv.includes('--liftoff-only') &&
    typeof process.execve === 'function'
  );
}
