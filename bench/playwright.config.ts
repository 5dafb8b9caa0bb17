import { defineConfig } from '@playwright/test';

// The browser measurements of `npm run bench`: one worker, so runs do not compete for the CPU.
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.spec.ts',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
});
