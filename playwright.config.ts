import { defineConfig } from '@playwright/test';
import type { Engine } from './tests/e2e/fixtures';

// The end-to-end flows of tests/e2e against the production build: every flow in a real Chromium
// (Playwright), and the flows tagged BOTH_BROWSERS (a contract of the browser itself, or the main
// path) in a real Firefox ESR as well (puppeteer-core over WebDriver BiDi). One run, two workers
// (the machines have two cores); each worker keeps one browser and installs the extension afresh
// for each test.
export default defineConfig<{ engine: Engine }>({
  testDir: 'tests/e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'chromium', use: { engine: 'chromium' } },
    { name: 'firefox', use: { engine: 'firefox' }, grep: /@firefox/ },
  ],
});
