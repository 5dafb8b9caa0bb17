import { test as base, expect } from '@playwright/test';
import { createFakeApi, type FakeApi } from '../fake-api';
import type { FakeAccount } from '../../utils/sample/server';
import { launchChromium } from './driver/chromium';
import { launchFirefox } from './driver/firefox';
import type { Extension } from './driver/types';

// Every flow in tests/e2e is written once against the driver (./driver) and runs in each browser
// project of playwright.config.ts: Chromium (Playwright) and Firefox ESR (puppeteer-core over
// WebDriver BiDi). Each test gets a fresh browser with the production build, and fake APIs that
// answer api.ideogram.ai.

export type Engine = 'chromium' | 'firefox';

interface Fixtures {
  /** Which browser runs the flow (set by the Playwright project). */
  engine: Engine;
  fake: FakeApi;
  /** More fakes for other keys (several accounts); requests go to the one whose key they carry. */
  otherFakes: FakeApi[];
  extension: Extension;
}

export const test = base.extend<Fixtures>({
  engine: ['chromium', { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  fake: async ({}, use) => {
    await use(createFakeApi());
  },
  otherFakes: [[], { option: true }],
  extension: async ({ engine, fake, otherFakes }, use) => {
    const launched =
      engine === 'firefox'
        ? await launchFirefox([fake, ...otherFakes])
        : await launchChromium([fake, ...otherFakes]);
    await use(launched.extension);
    await launched.close();
  },
});

export { expect };
export type { Extension };
export * from './driver/expect';

/** For `test.use(...)`: the suite's fake API serves this account (made fresh for each test). */
export function withAccount(make: () => FakeAccount) {
  return {
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from it.
    fake: async ({}, use: (fake: FakeApi) => Promise<void>) => use(createFakeApi(make())),
  };
}

/**
 * Waits until the background is done with a newly saved key: its lists stored, its datasets'
 * images counted, and no request to the fake API for a moment (the phases of its models in
 * training and a few finished trainings' details are read after the lists), so none is still on
 * its way when a test starts counting requests.
 */
export async function listedAndCounted(extension: Extension, fake: FakeApi) {
  await expect
    .poll(async () => {
      const snapshot = await extension.snapshot();
      return (
        snapshot.listedAt !== null && snapshot.datasets.every((d) => d.fileCount !== undefined)
      );
    })
    .toBe(true);
  await requestsSettled(fake);
}

/** Waits until no request has reached the fake API for half a second. */
export async function requestsSettled(fake: FakeApi) {
  let seen = -1;
  await expect
    .poll(
      () => {
        const quiet = fake.requests.length === seen;
        seen = fake.requests.length;
        return quiet;
      },
      { intervals: [500] },
    )
    .toBe(true);
}
