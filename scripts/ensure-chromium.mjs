#!/usr/bin/env node
// The e2e suite drives Debian's Chromium through playwright-core: `npx playwright install`
// cannot download browsers on these machines, so the distribution package is the browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (fs.existsSync(CHROMIUM)) {
  process.exit(0);
}

/** Runs one command with inherited output; returns whether it succeeded. */
function run(command, args) {
  console.log(`ensure-chromium: $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) console.error(`ensure-chromium: ${result.error.message}`);
  return result.status === 0;
}

console.log(`ensure-chromium: ${CHROMIUM} is missing; installing the Debian package "chromium".`);
const installed = run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']);

if (!installed || !fs.existsSync(CHROMIUM)) {
  console.error(
    `ensure-chromium: could not install Chromium at ${CHROMIUM}. ` +
      'Install it yourself (as root: apt-get update && apt-get install -y chromium) and re-run the e2e tests.',
  );
  process.exit(1);
}
console.log(`ensure-chromium: installed ${CHROMIUM}.`);
