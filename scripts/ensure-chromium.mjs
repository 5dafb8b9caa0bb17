// Makes sure the end-to-end tests have a Chromium: $CHROMIUM_PATH, the system's, or Playwright's.
// When there is none it installs one where it can (Debian's package when root, else Playwright's
// installer), and otherwise stops with what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

function run(command) {
  console.log(`$ ${command}`);
  try {
    execSync(command, { stdio: 'inherit' });
    return true;
  } catch {
    return false;
  }
}

let found = findChromium();
if (!found) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  }
  found = findChromium();
  if (!found) {
    run('npx playwright install chromium');
    found = findChromium();
  }
}
if (!found) {
  console.error(`No Chromium found for the end-to-end tests, and none could be installed.
Install one and run again, for example:
  sudo apt-get install chromium          (Debian, Ubuntu)
  npx playwright install chromium        (any system with internet access)
or point CHROMIUM_PATH at a Chromium or Chrome binary.`);
  process.exit(1);
}
console.log(`Chromium for end-to-end tests: ${found}`);
