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
    // Each store has one door: the extension's storage areas are reached through utils/storage
    // (which parses every item it reads), the tray's IndexedDB through utils/studio/tray.ts
    // (which parses every record). See "Three stores" in docs/architecture.md.
    files: ['utils/**', 'components/**', 'entrypoints/**'],
    ignores: ['utils/storage/**', 'utils/studio/tray.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'browser',
          property: 'storage',
          message: 'Read and write storage through utils/storage.',
        },
        {
          object: 'chrome',
          property: 'storage',
          message: 'Read and write storage through utils/storage.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'indexedDB', message: 'The tray is kept through utils/studio/tray.ts.' },
      ],
    },
  },
  {
    // Stored data is input: it is parsed (valibot), never cast to the type it should have.
    files: ['utils/storage/**', 'utils/studio/tray*.ts', 'utils/sample/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression:not([typeAnnotation.typeName.name='const']), TSTypeAssertion",
          message: 'Parse stored values with a schema (utils/storage/parse.ts) instead of casting.',
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
