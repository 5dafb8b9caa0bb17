import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension (see tests/e2e/fixtures.ts);
// `npm test` builds `.output/chrome-mv3` first.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
