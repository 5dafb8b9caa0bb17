import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  expect,
  type Page,
  type Worker,
} from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the npm scripts.
import { findChromium } from '../../scripts/find-chromium.mjs';
import { createFakeApi, type FakeApi, TEST_KEY } from '../fake-api';
import type { FakeAccount } from '../../utils/sample/server';
import { routeFakeApi } from '../fake-api/playwright';
import { EMPTY_SNAPSHOT, type Snapshot } from '../../utils/storage/snapshot';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

/** The extension as a test drives it: its id, its worker, its storage, its pages. */
export interface Extension {
  id: string;
  /** The pages the extension opened by itself when it was installed. */
  openedOnInstall: string[];
  url(page: string): string;
  /** The current service worker (a new one after the worker was stopped). */
  worker(): Promise<Worker>;
  storage(area?: 'local' | 'session' | 'sync'): Promise<Record<string, unknown>>;
  /** An account's stored snapshot (the first account's by default), decoded from its JSON text. */
  snapshot(accountId?: string): Promise<Snapshot>;
  setStorage(items: Record<string, unknown>): Promise<void>;
  badge(): Promise<{ text: string; title: string; color: number[] }>;
  /** An account's refresh alarm (any account's, without an id). */
  alarm(accountId?: string): Promise<chrome.alarms.Alarm | null>;
  /** Opens one of the extension's pages (popup.html, options.html, …) in a tab. */
  open(page: string): Promise<Page>;
  /** Adds an account with this key, as the options page would, without its form; its id. */
  useKey(key?: string, label?: string): Promise<string>;
  /** Stops the service worker, as the browser does after 30 s idle. */
  stopWorker(): Promise<void>;
}

interface Fixtures {
  /** The unpacked extension to load: the production build unless a suite needs another. */
  extensionDir: string;
  fake: FakeApi;
  /** More fakes for other keys (several accounts); requests go to the one whose key they carry. */
  otherFakes: FakeApi[];
  context: BrowserContext;
  extension: Extension;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  fake: async ({}, use) => {
    await use(createFakeApi());
  },
  otherFakes: [[], { option: true }],
  extensionDir: [EXTENSION_DIR, { option: true }],
  context: async ({ fake, otherFakes, extensionDir }, use) => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs`.');
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'model-watch-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await routeFakeApi(context, fake, ...otherFakes);
    await use(context);
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  },
  extension: async ({ context }, use) => {
    // Workers the test stopped; Playwright may list them until the context closes.
    const stale = new Set<Worker>();
    const worker = async (): Promise<Worker> =>
      context.serviceWorkers().find((w) => w.url().endsWith('/background.js') && !stale.has(w)) ??
      (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
    const id = new URL((await worker()).url()).host;
    // A fresh profile is a first install: the extension opens its options page by itself. Wait
    // for it (so it cannot take over a tab a test opens), note it, and close it.
    const optionsUrl = `chrome-extension://${id}/options.html`;
    let installPage: Page | undefined;
    await expect
      .poll(() => (installPage = context.pages().find((p) => p.url() === optionsUrl)), {
        message: 'the options page should open on install',
      })
      .toBeDefined();
    await installPage?.close();
    // An extension page to read state through. The worker itself may be stopped (and Playwright
    // does not always hand out the restarted one); extension pages see the same APIs.
    let probePage: Page | undefined;
    const probe = async (): Promise<Page> => {
      if (!probePage || probePage.isClosed()) {
        probePage = await context.newPage();
        await probePage.goto(`chrome-extension://${id}/options.html?probe`);
      }
      return probePage;
    };
    const extension: Extension = {
      id,
      openedOnInstall: [optionsUrl],
      url: (page) => `chrome-extension://${id}/${page}`,
      worker,
      async storage(area = 'local') {
        return (await probe()).evaluate((a) => chrome.storage[a].get(null), area);
      },
      async snapshot(accountId) {
        const stored = await extension.storage();
        const id = accountId ?? (stored.accounts as { id: string }[] | undefined)?.[0]?.id ?? '';
        const all = JSON.parse((stored.snapshots as string | undefined) ?? '{}') as Record<
          string,
          Partial<Snapshot>
        >;
        return { ...EMPTY_SNAPSHOT, ...all[id] };
      },
      async setStorage(items) {
        await (await probe()).evaluate((i) => chrome.storage.local.set(i), items);
      },
      async badge() {
        return (await probe()).evaluate(async () => ({
          text: await chrome.action.getBadgeText({}),
          title: await chrome.action.getTitle({}),
          color: await chrome.action.getBadgeBackgroundColor({}),
        }));
      },
      async alarm(accountId) {
        return (await probe()).evaluate(
          async (id) =>
            (await chrome.alarms.getAll()).find((a) =>
              id ? a.name === `refresh:${id}` : a.name.startsWith('refresh:'),
            ) ?? null,
          accountId ?? null,
        );
      },
      async open(page) {
        const tab = await context.newPage();
        await tab.goto(extension.url(page));
        return tab;
      },
      async useKey(key = TEST_KEY, label = 'Account 1') {
        const stored = await extension.storage();
        const accounts = (stored.accounts as object[] | undefined) ?? [];
        const id = `acct-e2e${accounts.length + 1}`;
        await extension.setStorage({
          accounts: [...accounts, { id, label, since: Date.now() }],
          apiKeys: { ...(stored.apiKeys as object | undefined), [id]: key },
        });
        return id;
      },
      async stopWorker() {
        // DevTools' own "stop" for a service worker, from a session on one of the extension's pages.
        const page = await extension.open('options.html');
        const session = await context.newCDPSession(page);
        let versionId: string | undefined;
        const stopped = new Promise<void>((resolve) =>
          session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
            for (const v of versions) {
              if (!v.scriptURL.endsWith('/background.js')) continue;
              if (v.runningStatus === 'running' && versionId === undefined) {
                versionId = v.versionId;
                void session.send('ServiceWorker.stopWorker', { versionId });
              }
              if (v.versionId === versionId && v.runningStatus === 'stopped') resolve();
            }
          }),
        );
        const running = context.serviceWorkers().filter((w) => w.url().endsWith('/background.js'));
        await session.send('ServiceWorker.enable');
        await stopped;
        await page.close();
        for (const w of running) stale.add(w);
      },
    };
    await use(extension);
  },
});

export { expect };

/** For `test.use(...)`: the suite's fake API serves this account (made fresh for each test). */
export function withAccount(make: () => FakeAccount) {
  return {
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from it.
    fake: async ({}, use: (fake: FakeApi) => Promise<void>) => use(createFakeApi(make())),
  };
}

/**
 * Brings every refresh alarm forward to now, as if its time had come (unpacked builds allow it),
 * from an extension page: a new one, or `page` when the test needs it kept open.
 */
export async function fireRefreshAlarms(extension: Extension, page?: Page): Promise<void> {
  const from = page ?? (await extension.open('options.html'));
  await from.evaluate(async () => {
    for (const alarm of await chrome.alarms.getAll()) {
      if (alarm.name.startsWith('refresh:')) {
        await chrome.alarms.create(alarm.name, { when: Date.now() + 50 });
      }
    }
  });
  if (!page) await from.close();
}

/** Sends a protocol message from an extension page, as the popup and options page do. */
export async function sendFromPage(page: Page, type: string, data: unknown = {}): Promise<unknown> {
  return page.evaluate(
    ([t, d]) => chrome.runtime.sendMessage({ tag: 'model-watch', type: t, data: d }),
    [type, data] as const,
  );
}
