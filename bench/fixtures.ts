import path from 'node:path';
import { test as base, type BrowserContext } from '@playwright/test';
import { createFakeApi, type FakeApi } from '../tests/fake-api';
import { launchChromium } from '../tests/e2e/driver/chromium';
import type { Extension } from '../tests/e2e/driver/types';

// The browser measurements run in Chromium only (its DevTools protocol reads heap and timings),
// on a copy of the production build with the floor pages added (bench/prepare.mjs).

export const BENCH_BUILD = path.resolve(process.env.BENCH_BUILD ?? '.output/bench-chrome-mv3');

/**
 * Where a measurement is written: `bench/<name>.json`, or `bench/<name>.before.json` when the
 * build measured is the earlier one bench/before.mjs made (same run, same machine).
 */
export const resultFile = (name: string) =>
  `bench/${name}${process.env.BENCH_LABEL ? `.${process.env.BENCH_LABEL}` : ''}.json`;

export const test = base.extend<{
  fake: FakeApi;
  launched: Awaited<ReturnType<typeof launchChromium>>;
  context: BrowserContext;
  extension: Extension;
}>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  fake: async ({}, use) => use(createFakeApi()),
  launched: async ({ fake }, use) => {
    const launched = await launchChromium([fake], BENCH_BUILD);
    await use(launched);
    await launched.close();
  },
  context: async ({ launched }, use) => use(launched.context),
  extension: async ({ launched }, use) => use(launched.extension),
});

export { expect } from '@playwright/test';
