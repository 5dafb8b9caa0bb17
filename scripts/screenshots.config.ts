import { defineConfig } from '@playwright/test';

// `npm run screenshots`: renders the popup and the options page with sample data, light and dark,
// to docs/screenshots/*.png (shown in the README).
export default defineConfig({
  testDir: '.',
  testMatch: 'screenshots.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
