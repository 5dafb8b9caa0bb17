import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    restoreMocks: true,
    // Vitest's default on a 2-core machine is one worker; many tests wait on timers and promises
    // rather than the CPU, so three finish the unit suite in about half the time.
    maxWorkers: 3,
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['**/*.test.{ts,tsx}'],
          exclude: ['node_modules/**', '.output/**', 'tests/e2e/**', 'tests/build/**', 'bench/**'],
        },
      },
      {
        // Checks of what `npm run build` and `npm run build:firefox` produced.
        test: { name: 'build', include: ['tests/build/**/*.test.ts'] },
      },
      {
        // Measurements for `npm run bench` (slow; not part of `npm test`).
        plugins: [WxtVitest()],
        test: { name: 'bench', include: ['bench/**/*.bench.test.ts'] },
      },
    ],
  },
});
