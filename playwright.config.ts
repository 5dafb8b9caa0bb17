import { defineConfig } from '@playwright/test';
import type { Engine } from './tests/e2e/fixtures';

// Every flow in tests/e2e runs in each project: the production build in a real Chromium
// (Playwright) and a real Firefox ESR (puppeteer-core over WebDriver BiDi). `npm test` runs the
// two projects one after the other, two tests at a time each (the machines have two cores).
export default defineConfig<{ engine: Engine }>({
  testDir: 'tests/e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', use: { engine: 'chromium' } },
    { name: 'firefox', use: { engine: 'firefox' } },
  ],
});
