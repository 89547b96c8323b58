#!/usr/bin/env node
// The e2e suite drives Debian's Chromium through playwright-core: `npx playwright install`
// cannot download browsers on these machines, so the distribution package is the browser.
// A CJK font comes with it: without one the zh-CN interface renders as empty boxes, which makes
// screenshots useless and text measurements wrong.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

function hasCjkFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

const missing = [
  ...(fs.existsSync(CHROMIUM) ? [] : ['chromium']),
  ...(fs.existsSync(CHROMIUM) && hasCjkFont() ? [] : [CJK_FONT_PACKAGE]),
];
if (missing.length === 0) process.exit(0);

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

console.log(`ensure-chromium: installing the Debian packages ${missing.join(', ')} for the browser tests.`);
const installed =
  run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', ...missing]);

if (!installed || !fs.existsSync(CHROMIUM)) {
  console.error(
    `ensure-chromium: could not install ${missing.join(', ')} (Chromium is expected at ${CHROMIUM}). ` +
      `Install them yourself (as root: apt-get update && apt-get install -y ${missing.join(' ')}) ` +
      'and re-run the e2e tests.',
  );
  process.exit(1);
}
if (!hasCjkFont()) console.warn('ensure-chromium: no CJK font found; Chinese text will render as boxes.');
console.log('ensure-chromium: done.');
