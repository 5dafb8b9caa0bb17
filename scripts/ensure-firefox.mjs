// Makes sure the end-to-end tests have a Firefox: $FIREFOX_PATH, else /usr/bin/firefox-esr; when
// neither exists it says how to install one and fails (CI's .ci/run installs it first).
import { findFirefox } from './find-firefox.mjs';

try {
  console.log(`Firefox for end-to-end tests: ${findFirefox()}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
