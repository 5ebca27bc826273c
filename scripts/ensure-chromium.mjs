#!/usr/bin/env node
// Makes sure a Chromium the e2e tests can drive is present. Playwright's own browser download does not
// work everywhere, so the tests fall back to Debian's chromium; as root this script installs it with
// apt-get, otherwise it says exactly what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.mjs';

const found = chromiumPath();
if (found) {
  console.log(`e2e browser: ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log("No Chromium found: installing Debian's chromium with apt-get (once).");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  const installed = chromiumPath();
  if (installed) {
    console.log(`e2e browser: ${installed}`);
    process.exit(0);
  }
}
console.error(
  [
    'The end-to-end tests need Chromium and none was found.',
    'Install it with:   sudo apt-get install -y chromium',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary, or run: npx playwright install chromium',
  ].join('\n'),
);
process.exit(1);
