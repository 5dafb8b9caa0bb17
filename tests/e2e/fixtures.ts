import { test as base, expect } from '@playwright/test';
import { createFakeApi, type FakeApi } from '../fake-api';
import type { FakeAccount } from '../fake-api';
import { startChromium } from './driver/chromium';
import { startFirefox } from './driver/firefox';
import type { Extension } from './driver/types';

// Every flow in tests/e2e is written once against the driver (./driver) and runs in the browser
// projects of playwright.config.ts its tags ask for: Chromium (Playwright) and Firefox ESR
// (puppeteer-core over WebDriver BiDi). Each Playwright worker starts one browser; each test
// installs the production build in it afresh (a first install, nothing kept from the test
// before) with fake APIs that answer api.ideogram.ai, and uninstalls it at its end.

export type Engine = 'chromium' | 'firefox';

interface WorkerFixtures {
  /** Which browser runs the flow (set by the Playwright project). */
  engine: Engine;
  /** The worker's browser, shared by its tests. */
  session: {
    install(fakes: FakeApi[]): Promise<{ extension: Extension; uninstall(): Promise<void> }>;
    close(): Promise<void>;
  };
}

interface Fixtures {
  fake: FakeApi;
  /** More fakes for other keys (several accounts); requests go to the one whose key they carry. */
  otherFakes: FakeApi[];
  extension: Extension;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  session: [
    async ({ engine }, use) => {
      const session = engine === 'firefox' ? await startFirefox() : await startChromium();
      await use(session);
      await session.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  fake: async ({}, use) => {
    await use(createFakeApi());
  },
  otherFakes: [[], { option: true }],
  extension: async ({ session, fake, otherFakes }, use) => {
    const installed = await session.install([fake, ...otherFakes]);
    await use(installed.extension);
    await installed.uninstall();
  },
});

export { expect };

/**
 * For a flow that tests a contract of the browser itself (the background's lifecycle, alarms,
 * permissions and consent, the clipboard, menus and the address bar, storage access, the
 * network stack, notifications) or the main path: it runs in Firefox as well as in Chromium.
 * Every other flow tests the extension's own pages and logic, which are the same code in both,
 * and runs in Chromium only (see playwright.config.ts and the README's table).
 */
export const BOTH_BROWSERS = { tag: '@firefox' };
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
