import { type ChildProcess, spawn } from 'node:child_process';
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

// The extension in Debian's Chromium, driven by Playwright over the DevTools protocol: the
// production build installed unpacked (DevTools' Extensions.loadUnpacked, so that one browser
// serves many tests, each with a fresh install), api.ideogram.ai answered by the fake API through
// Playwright's routing (which sees the service worker's requests too).

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

/** Starts Debian's Chromium with DevTools on a local port; resolves with its WebSocket address. */
function spawnChromium(userDataDir: string): Promise<{ process: ChildProcess; endpoint: string }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs`.');
  const child = spawn(
    executablePath,
    [
      '--headless',
      '--remote-debugging-port=0',
      // What lets DevTools install and remove an unpacked extension (Extensions.loadUnpacked).
      '--enable-unsafe-extension-debugging',
      `--user-data-dir=${userDataDir}`,
      '--no-sandbox',
      '--disable-gpu',
      // What Playwright passes when it launches a browser itself (less the switch that turns
      // extensions off): nothing fetched at startup, and no tab's timers slowed for being
      // in the background (a probe tab's polling would crawl).
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-field-trial-config',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--disable-back-forward-cache',
      '--disable-breakpad',
      '--disable-component-extensions-with-background-pages',
      '--disable-default-apps',
      '--disable-dev-shm-usage',
      '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch,Translate',
      '--disable-hang-monitor',
      '--disable-ipc-flooding-protection',
      '--disable-popup-blocking',
      '--disable-prompt-on-repost',
      '--disable-search-engine-choice-screen',
      '--allow-pre-commit-input',
      '--force-color-profile=srgb',
      '--metrics-recording-only',
      '--password-store=basic',
      '--use-mock-keychain',
      '--no-service-autorun',
      '--hide-scrollbars',
      '--mute-audio',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${said}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const endpoint = /DevTools listening on (ws:\/\/\S+)/.exec(said)?.[1];
      if (endpoint) {
        clearTimeout(timer);
        resolve({ process: child, endpoint });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}): ${said}`));
    });
  });
}

/**
 * One Chromium for many tests (a Playwright worker's): each test installs the production build
 * afresh (a first install, with empty storage and no permission granted beyond the manifest's)
 * and removes it at its end, which takes a tenth of a second where a new browser takes one.
 */
export interface ChromiumSession {
  context: BrowserContext;
  /** Installs the build for one test, its api.ideogram.ai answered by `fakes`. */
  install(fakes: FakeApi[], buildDir?: string): Promise<InstalledExtension>;
  close(): Promise<void>;
}

export interface InstalledExtension {
  extension: Extension;
  context: BrowserContext;
  /** Removes the extension and everything it stored; the browser is ready for the next test. */
  uninstall(): Promise<void>;
}

export async function startChromium(): Promise<ChromiumSession> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'model-watch-e2e-'));
  const started = await spawnChromium(userDataDir);
  const browser = await chromium.connectOverCDP(started.endpoint);
  const context = browser.contexts()[0]!;
  const cdp = await browser.newBrowserCDPSession();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The fakes of the test running now: the route is set once, its answers follow the test.
  let fakes: FakeApi[] = [];
  await routeFakeApi(context, () => fakes);
  const consoleLines: string[] = [];
  const urls: string[] = [];
  context.on('console', (message) => consoleLines.push(message.text()));
  context.on('request', (request) => urls.push(request.url()));
  // Workers of earlier installs (or stopped by a test); Playwright may list them for a while.
  const stale = new Set<Worker>();
  const listening = new WeakSet<Worker>();

  return {
    context,
    async install(testFakes, buildDir = CHROME_BUILD) {
      fakes = testFakes;
      consoleLines.length = 0;
      urls.length = 0;
      for (const w of context.serviceWorkers()) stale.add(w);
      const { id } = (await cdp.send(
        'Extensions.loadUnpacked' as never,
        {
          path: buildDir,
        } as never,
      )) as { id: string };
      const installed = await installedIn(context, id, { consoleLines, urls, stale, listening });
      return {
        ...installed,
        context,
        async uninstall() {
          await installed.reset();
          await cdp.send('Extensions.uninstall' as never, { id } as never);
          for (const w of context.serviceWorkers()) stale.add(w);
        },
      };
    },
    async close() {
      await browser.close().catch(() => {});
      started.process.kill();
      await new Promise((resolve) => {
        if (started.process.exitCode !== null) resolve(undefined);
        else started.process.once('exit', resolve);
      });
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Starts a Chromium and installs the build in it (a browser of its own, for one use). */
export async function launchChromium(
  fakes: FakeApi[],
  buildDir = CHROME_BUILD,
): Promise<{ extension: Extension; context: BrowserContext; close: () => Promise<void> }> {
  const session = await startChromium();
  const installed = await session.install(fakes, buildDir);
  return {
    extension: installed.extension,
    context: session.context,
    close: async () => {
      await installed.uninstall();
      await session.close();
    },
  };
}

/** The extension `id`, just installed in `context`, as a flow drives it. */
async function installedIn(
  context: BrowserContext,
  id: string,
  seen: {
    consoleLines: string[];
    urls: string[];
    stale: Set<Worker>;
    listening: WeakSet<Worker>;
  },
): Promise<{ extension: Extension; reset(): Promise<void> }> {
  const { consoleLines, urls, stale, listening } = seen;
  const ours = (w: Worker) => w.url() === `chrome-extension://${id}/background.js` && !stale.has(w);
  const worker = async (): Promise<Worker> => {
    const found =
      context.serviceWorkers().find(ours) ??
      (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 10_000 }));
    if (!listening.has(found)) {
      found.on('console', (message) => consoleLines.push(message.text()));
      listening.add(found);
    }
    return found;
  };
  await worker();
  const url = (page: string) => `chrome-extension://${id}/${page}`;

  const open = async (target: string) => {
    const tab = await context.newPage();
    await tab.goto(target);
    return new ExtPage(backendOf(tab));
  };

  // A fresh install: the extension opens its options page by itself. Wait for it (so it cannot
  // take over a tab a test opens), note it, and close it.
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
    async reset() {
      // Back to a plain browser: one blank tab, online, connections allowed.
      const pages = context.pages();
      const blank = pages.find((p) => p.url() === 'about:blank') ?? (await context.newPage());
      for (const page of pages) if (page !== blank) await page.close().catch(() => {});
      await context.setOffline(false);
      if (failing) await context.unroute('https://api.ideogram.ai/**', failing);
      failing = null;
    },
  };
}
