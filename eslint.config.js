import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'scratch/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // One writer: pages send what the user changed to the background and never write storage,
    // nor run the background's own work (see docs/architecture.md).
    files: ['components/**', 'entrypoints/!(background).ts', 'entrypoints/*/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/storage/writer',
                '**/storage/changes',
                '**/storage/migrate',
                '**/storage/repair',
                '**/accounts/accounts',
                '**/accounts/source',
                '**/refresh/*',
                // The background's own modules, the studio's writes among them
                // (utils/background/studio.ts: createDataset, uploadBatch, startTraining,
                // fetchWaiting), and what those writes store (utils/studio/snapshot.ts).
                '**/background/*',
                '**/studio/snapshot',
              ],
              message:
                'Pages never write storage or do the background’s work: send a message (utils/messaging).',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts report to the terminal; tests log on purpose (console capture probes).
    files: ['scripts/**', 'bench/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
