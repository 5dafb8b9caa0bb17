import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    restoreMocks: true,
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
