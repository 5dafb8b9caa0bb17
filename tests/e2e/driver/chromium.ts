import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BrowserContext,
  chromium,
  type JSHandle,
  type Page,
  type Route,
  type Worker,
} from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the npm scripts.
import { findChromium } from '../../../scripts/find-chromium.mjs';
import type { FakeApi } from '../../fake-api';
import { routeFakeApi } from '../../fake-api/playwright';
import { locateInPage } from './locate';
import { type Backend, ExtPage } from './page';
import { createExtension, type Probe } from './shared';
import type { Extension } from './types';

// The extension in Debian's Chromium, driven by Playwright: the production build loaded unpacked,
// api.ideogram.ai answered by the fake API through Playwright's routing (which sees the service
// worker's requests too).

export const CHROME_BUILD = path.resolve('.output/chrome-mv3');

function backendOf(page: Page): Backend {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    inject: async (source) => void (await page.evaluate(source)),
    async element(input) {
      const handle = (await page.evaluateHandle(locateInPage, input)) as JSHandle;
      const el = handle.asElement();
      if (!el) throw new Error(`${input.describe} is not an element.`);
      return {
        // The locator waited for the element itself; aria-disabled controls are clickable here.
        click: (options) => el.click({ button: options?.button ?? 'left', force: true }),
        hover: () => el.hover(),
        evaluate: (fn, arg) => el.evaluate(fn as never, arg) as never,
      };
    },
    press: (key) => page.keyboard.press(key),
    insertText: (text) => page.keyboard.insertText(text),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    viewport: (width, height) => page.setViewportSize({ width, height }),
    colorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    reload: async () => void (await page.reload()),
    close: () => page.close(),
    isClosed: () => page.isClosed(),
  };
}

export async function launchChromium(
  fakes: FakeApi[],
  buildDir = CHROME_BUILD,
): Promise<{ extension: Extension; context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs`.');
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'model-watch-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      `--disable-extensions-except=${buildDir}`,
      `--load-extension=${buildDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await routeFakeApi(context, ...fakes);
  const consoleLines: string[] = [];
  const urls: string[] = [];
  context.on('console', (message) => consoleLines.push(message.text()));
  context.on('request', (request) => urls.push(request.url()));

  // Workers the test stopped; Playwright may list them until the context closes.
  const stale = new Set<Worker>();
  const listening = new WeakSet<Worker>();
  const worker = async (): Promise<Worker> => {
    const found =
      context.serviceWorkers().find((w) => w.url().endsWith('/background.js') && !stale.has(w)) ??
      (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
    if (!listening.has(found)) {
      found.on('console', (message) => consoleLines.push(message.text()));
      listening.add(found);
    }
    return found;
  };
  const id = new URL((await worker()).url()).host;
  const url = (page: string) => `chrome-extension://${id}/${page}`;

  const open = async (target: string) => {
    const tab = await context.newPage();
    tab.on('console', (message) => consoleLines.push(message.text()));
    await tab.goto(target);
    return new ExtPage(backendOf(tab));
  };

  // A fresh profile is a first install: the extension opens its options page by itself. Wait
  // for it (so it cannot take over a tab a test opens), note it, and close it.
  const optionsUrl = url('options.html');
  let installPage: Page | undefined;
  for (let i = 0; i < 100 && !installPage; i++) {
    installPage = context.pages().find((p) => p.url() === optionsUrl);
    if (!installPage) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const openedOnInstall = installPage ? [optionsUrl] : [];
  await installPage?.close();

  let probePage: Page | undefined;
  const probe: Probe = async (fn, arg) => {
    if (!probePage || probePage.isClosed()) {
      probePage = await context.newPage();
      await probePage.goto(url('options.html?probe'));
    }
    return probePage.evaluate(fn as never, arg) as never;
  };

  /** Fires an event of the extension in its service worker, as the browser would. */
  const dispatch = async (event: string, args: unknown[]) =>
    (await worker()).evaluate(
      ([name, values]) => {
        const [api, key] = name.split('.') as [string, string];
        const target = (chrome as unknown as Record<string, Record<string, unknown>>)[api]![
          key
        ] as {
          dispatch: (...a: unknown[]) => unknown;
        };
        return target.dispatch(...values);
      },
      [event, args] as const,
    );

  let failing: ((route: Route) => Promise<void>) | null = null;

  const extension = createExtension({
    browser: 'chromium',
    openedOnInstall,
    url,
    open: (page) => open(url(page)),
    openWeb: open,
    probe,
    pageUrls: async () => context.pages().map((p) => p.url()),
    async stopBackground() {
      // DevTools' own "stop" for a service worker, from a session on one of the extension's pages.
      const page = await context.newPage();
      await page.goto(url('options.html?probe'));
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
    async reloadExtension() {
      // The extension is shut down and started again (what an update or a restart does to it),
      // from chrome://extensions, whose page may switch extensions off and on.
      const page = await context.newPage();
      await page.goto('chrome://extensions');
      const running = context.serviceWorkers().filter((w) => w.url().endsWith('/background.js'));
      for (const w of running) stale.add(w);
      const back = context.waitForEvent('serviceworker', { timeout: 15_000 });
      await page.evaluate(async (extensionId) => {
        await chrome.management.setEnabled(extensionId, false);
        await chrome.management.setEnabled(extensionId, true);
      }, id);
      await back;
      await page.close();
      probePage = undefined;
    },
    setOffline: (offline) => context.setOffline(offline),
    async failConnections(on) {
      if (on && !failing) {
        failing = (route) => route.abort('failed');
        await context.route('https://api.ideogram.ai/**', failing);
      } else if (!on && failing) {
        await context.unroute('https://api.ideogram.ai/**', failing);
        failing = null;
      }
    },
    clipboard: () => probe(() => navigator.clipboard.readText(), undefined),
    consoleText: async () => consoleLines.join('\n'),
    requestedUrls: () => urls,
    async logInBackground(text) {
      await (await worker()).evaluate((t) => console.log(t), text);
      return true;
    },
    omnibox: {
      // Chromium's address bar cannot be driven headless: its events are fired in the worker.
      type: (text) =>
        worker().then((w) =>
          w.evaluate(
            (t) =>
              new Promise<{ content: string; description: string }[]>((resolve) =>
                (
                  chrome.omnibox.onInputChanged as unknown as {
                    dispatch: (...a: unknown[]) => void;
                  }
                ).dispatch(t, resolve),
              ),
            text,
          ),
        ),
      enter: async (text) => void (await dispatch('omnibox.onInputEntered', [text, 'currentTab'])),
    },
    async insertFromMenu(page, field, item, prepare) {
      await page.css(field).focus();
      await prepare?.();
      const href = await page.evaluate(() => location.href);
      const tabId = await probe(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, href);
      await dispatch('contextMenus.onClicked', [
        { menuItemId: `insert:${item.modelId}`, frameId: 0, editable: true },
        { id: tabId },
      ]);
    },
    insertMenuTitles: async () => null,
    async collectFromMenu(page, image, item) {
      const srcUrl = await page.css(image).withElement((el) => (el as HTMLImageElement).src, null);
      const pageUrl = await page.evaluate(() => location.href);
      await dispatch('contextMenus.onClicked', [
        { menuItemId: item.menuItemId, srcUrl, pageUrl, mediaType: 'image', frameId: 0 },
        {},
      ]);
    },
  });
  return {
    extension,
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
