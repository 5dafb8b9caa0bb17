// Finds a Firefox for the end-to-end tests: $FIREFOX_PATH, else Debian's firefox-esr.
import { existsSync } from 'node:fs';

const SYSTEM_PATHS = ['/usr/bin/firefox-esr'];

export const HOW_TO_INSTALL = `No Firefox found for the end-to-end tests. Install Debian's Firefox ESR and run again:
  sudo apt-get install -y --no-install-recommends firefox-esr
or point FIREFOX_PATH at a Firefox binary (140 or later).`;

/** The path of a usable Firefox; throws with what to do when there is none. */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but nothing is there.`);
  }
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(HOW_TO_INSTALL);
}
