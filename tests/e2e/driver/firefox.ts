import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
// @ts-expect-error: a plain ES module shared with the npm scripts.
import { findFirefox } from '../../../scripts/find-firefox.mjs';
import type { FakeApi } from '../../fake-api';
import { startFakeApiProxy } from '../../fake-api/https';
import { locateInPage } from './locate';
import { type Backend, ExtPage } from './page';
import { createExtension, type Probe } from './shared';
import type { Extension, Suggestion } from './types';

// The extension in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (no patched
// browser, no driver binary). The production build is installed as a temporary add-on; Firefox
// reaches api.ideogram.ai through a local proxy that answers from the fake API (BiDi's request
// interception does not see the background's requests). What only the browser itself can do
// (go offline, stop the event page, read the clipboard, open the real right-click menu, run
// the address bar's search) is done in its chrome (parent-process) scope, which
// `--remote-allow-system-access` opens to the test.

export const FIREFOX_BUILD = path.resolve('.output/firefox-mv3');
const GECKO_ID = 'ideogram-model-watch@modelwatch';
/** A fixed extension UUID (by pref), so that the extension's pages have a known address. */
export const FIREFOX_UUID = '3f1c9a2e-7b4d-4e8a-9c61-0d2f5a7b8e90';

type Connection = {
  send(method: string, params: object): Promise<{ result: unknown }>;
};
const connectionOf = (browser: Browser) =>
  (browser as unknown as { connection: Connection }).connection;
const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;

/** Presses a key or a chord ("Control+v") with puppeteer's keyboard. */
async function pressKeys(page: Page, keys: string) {
  const parts = keys.split('+');
  const key = parts.pop()!;
  for (const modifier of parts) await page.keyboard.down(modifier as never);
  await page.keyboard.press(key as never);
  for (const modifier of parts.reverse()) await page.keyboard.up(modifier as never);
}

/**
 * One Firefox for many tests (a Playwright worker's): each test installs the production build
 * afresh as a temporary add-on (a first install: empty storage, IndexedDB and optional
 * permissions, all removed with the add-on) and uninstalls it at its end, which takes a tenth
 * of a second where a new browser takes three to six.
 */
export interface FirefoxSession {
  browser: Browser;
  install(fakes: FakeApi[], buildDir?: string): Promise<InstalledExtension>;
  close(): Promise<void>;
}

export interface InstalledExtension {
  extension: Extension;
  /** Removes the add-on and everything it stored; the browser is ready for the next test. */
  uninstall(): Promise<void>;
}

export async function startFirefox(): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  let fakes: FakeApi[] = [];
  const proxy = await startFakeApiProxy(() => fakes);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      // The extension's console output, for the test that checks no key is ever logged.
      'devtools.console.stdout.content': true,
      // Offline is the test's to decide, not the machine's network state.
      'network.manage-offline-status': false,
      // Optional permissions are granted without the doorhanger prompt, which a headless browser
      // cannot show (what Firefox's own extension tests do): the request is still made.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const consoleLines: string[] = [];
  browser.process()?.stdout?.on('data', (chunk: Buffer) =>
    consoleLines.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('console.')),
    ),
  );
  const connection = connectionOf(browser);

  /** Runs `expression` in the browser's own (chrome) scope; returns its JSON-able value. */
  async function inChrome<T>(expression: string): Promise<T> {
    const tree = (await connection.send('browsingContext.getTree', {
      'moz:scope': 'chrome',
    })) as { result: { contexts: { context: string }[] } };
    const top = tree.result.contexts[0]!.context;
    const reply = (await connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (async () => { ${expression} })()))()`,
      target: { context: top },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as {
      result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } };
    };
    if (reply.result.type === 'exception') {
      throw new Error(`Firefox's chrome scope: ${reply.result.exceptionDetails?.text}`);
    }
    const value = reply.result.result?.value;
    return (value === undefined ? undefined : JSON.parse(value)) as T;
  }

  // A tab that is not the extension's, and not blank (Firefox may open an extension page in a
  // blank tab): Firefox closes a window whose last tab closes (and quits with its last window),
  // and the extension's own tabs close when it is reloaded or removed.
  const holdOpen = async () => {
    const page = await browser.newPage();
    await page.goto('data:text/html,<title>Model Watch tests</title>');
    return page;
  };
  await holdOpen();
  const url = (page: string) => `moz-extension://${FIREFOX_UUID}/${page}`;
  const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => 'about:blank');

  const backendOf = (page: Page): Backend => ({
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    inject: async (source) => void (await page.evaluate(source)),
    async element(input) {
      const handle = await page.evaluateHandle(locateInPage, input);
      const el = handle.asElement() as ElementHandle<Element> | null;
      if (!el) throw new Error(`${input.describe} is not an element.`);
      return {
        click: (options) => el.click({ button: options?.button ?? 'left' }),
        hover: () => el.hover(),
        evaluate: (fn, arg) => el.evaluate(fn as never, arg) as never,
      };
    },
    press: (keys) => pressKeys(page, keys),
    async insertText(text) {
      // One insertion, as a paste or an input method gives (puppeteer's BiDi keyboard sends one
      // character at a time, which a 10 KB paste makes slow).
      const done = await page.evaluate((t) => document.execCommand('insertText', false, t), text);
      if (!done) await page.keyboard.type(text);
    },
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    viewport: (width, height) => page.setViewport({ width, height }),
    colorScheme: (scheme) =>
      inChrome(
        `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1});`,
      ),
    reload: async () =>
      void (await connection.send('browsingContext.reload', {
        context: contextOf(page),
        wait: 'complete',
      })),
    close: () => page.close(),
    isClosed: () => page.isClosed(),
  });

  /** A new tab at `target`; extension pages load through BiDi (page.goto never sees them load). */
  async function openTab(target: string): Promise<Page> {
    const page = await browser.newPage();
    if (target.startsWith('moz-extension:')) {
      await connection.send('browsingContext.navigate', {
        context: contextOf(page),
        url: target,
        wait: 'complete',
      });
    } else {
      await page.goto(target);
    }
    return page;
  }
  const open = async (target: string) => new ExtPage(backendOf(await openTab(target)));

  async function install(testFakes: FakeApi[], buildDir = FIREFOX_BUILD) {
    fakes = testFakes;
    consoleLines.length = 0;
    // Firefox forgets an add-on's UUID when it is uninstalled: the fixed one is set again.
    await inChrome(
      `Services.prefs.setStringPref('extensions.webextensions.uuids', ${JSON.stringify(
        JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      )});`,
    );
    await browser.installExtension(buildDir);
    return { extension: await installed(), uninstall };
  }

  async function uninstall() {
    // Back to a plain browser: the one tab that holds the window open, online, the light
    // scheme, connections allowed.
    const keep = await holdOpen();
    for (const page of await browser.pages()) {
      if (page !== keep) await page.close().catch(() => {});
    }
    await inChrome(
      `Services.io.offline = false; Services.prefs.clearUserPref('layout.css.prefers-color-scheme.content-override');`,
    );
    proxy.reset();
    await browser.uninstallExtension(GECKO_ID);
  }

  async function installed(): Promise<Extension> {
    // A fresh install: the extension opens its options page by itself. Up to 20 s: on a loaded
    // 2-core machine Firefox once took longer than 10 s to open it.
    const optionsUrl = url('options.html');
    let installPage: Page | undefined;
    for (let i = 0; i < 200 && !installPage; i++) {
      for (const page of await browser.pages()) {
        if ((await hrefOf(page)) === optionsUrl) installPage = page;
      }
      if (!installPage) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const openedOnInstall = installPage ? [optionsUrl] : [];
    await installPage?.close();

    let probePage: Page | undefined;
    const probe: Probe = async (fn, arg) => {
      if (!probePage || probePage.isClosed()) probePage = await openTab(url('options.html?probe'));
      return probePage.evaluate(fn as never, arg) as never;
    };

    /** The right-click menu on `field`: its "Insert Ideogram model" submenu, opened. */
    async function openInsertMenu(page: ExtPage, field: string) {
      await page.css(field).focus();
      await openSubmenu(page, field, 'Insert Ideogram model');
    }
    async function openSubmenu(page: ExtPage, target: string, label: string) {
      await page.css(target).click({ button: 'right' });
      await inChrome(`
      const menu = document.getElementById('contentAreaContextMenu');
      for (let i = 0; i < 50 && menu.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50));
      const parent = [...menu.querySelectorAll('menu')].find((m) => m.label === ${JSON.stringify(label)});
      if (!parent) throw new Error('no ' + ${JSON.stringify(label)} + ' in the menu');
      parent.openMenu(true);
      await new Promise((r) => setTimeout(r, 200));
    `);
    }
    const closeMenu = `document.getElementById('contentAreaContextMenu').hidePopup();`;
    const insertItems = `[...document.getElementById('contentAreaContextMenu').querySelectorAll('menu')]
    .find((m) => m.label === 'Insert Ideogram model').querySelectorAll('menuitem')`;

    const extension = createExtension({
      browser: 'firefox',
      openedOnInstall,
      url,
      open: (page) => open(url(page)),
      openWeb: open,
      probe,
      // The browser's own list of tabs (a tab a page opened may not be one puppeteer tracks yet).
      pageUrls: () =>
        inChrome<string[]>(`return gBrowser.tabs.map((t) => t.linkedBrowser.currentURI.spec);`),
      async stopBackground() {
        // What about:debugging's "Terminate background script" does: the event page unloads.
        // Firefox may decline while the page is busy (a storage event being handled): asked again
        // until it is stopped, so the next event really starts a fresh background.
        const state = await inChrome(`
        const extension = WebExtensionPolicy.getByID('${GECKO_ID}').extension;
        for (let i = 0; i < 50; i++) {
          await extension.terminateBackground();
          if (extension.backgroundState === 'stopped') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return extension.backgroundState;
      `);
        if (state !== 'stopped') throw new Error(`Firefox did not stop the background (${state})`);
      },
      async reloadExtension() {
        // The add-on is shut down and started again (what an update or a restart does to it).
        await inChrome(`
        const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
        const addon = await AddonManager.getAddonByID('${GECKO_ID}');
        await addon.disable();
        await addon.enable();
      `);
        probePage = undefined;
      },
      setOffline: (offline) => inChrome(`Services.io.offline = ${offline};`),
      failConnections: async (on) => proxy.refuse(on),
      clipboard: () =>
        inChrome(`
        const t = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
        t.init(null);
        t.addDataFlavor('text/plain');
        Services.clipboard.getData(t, Ci.nsIClipboard.kGlobalClipboard, null);
        const out = {};
        try { t.getTransferData('text/plain', out); } catch { return ''; }
        return out.value.QueryInterface(Ci.nsISupportsString).data;
      `),
      consoleText: async () => consoleLines.join('\n'),
      requestedUrls: () => proxy.connects,
      // The event page is not reachable from a test: its console is heard (stdout), not spoken to.
      logInBackground: async () => false,
      omnibox: {
        // The address bar's own search backend, which the keyword's typing runs.
        type: (text) =>
          inChrome<Suggestion[]>(`
          const { ExtensionSearchHandler } = ChromeUtils.importESModule('resource://gre/modules/ExtensionSearchHandler.sys.mjs');
          return new Promise((resolve) => ExtensionSearchHandler.handleSearch(
            { keyword: 'im', text: ${JSON.stringify(`im ${text}`)}, inPrivateWindow: false }, resolve));
        `),
        enter: (text) =>
          inChrome(`
          const { ExtensionSearchHandler } = ChromeUtils.importESModule('resource://gre/modules/ExtensionSearchHandler.sys.mjs');
          ExtensionSearchHandler.handleSearch({ keyword: 'im', text: ${JSON.stringify(`im ${text}`)}, inPrivateWindow: false }, () => {});
          ExtensionSearchHandler.handleInputEntered('im', ${JSON.stringify(`im ${text}`)}, 'current');
        `),
      },
      async insertFromMenu(page, field, item, prepare) {
        await openInsertMenu(page, field);
        await prepare?.();
        await inChrome(`
        const item = [...${insertItems}].find((i) => i.label === ${JSON.stringify(item.title)});
        if (!item) throw new Error('no menu item ' + ${JSON.stringify(item.title)});
        item.click();
        ${closeMenu}
      `);
      },
      async collectFromMenu(page, image, item) {
        const label = 'Add image to Ideogram dataset';
        await openSubmenu(page, image, label);
        await inChrome(`
        const parent = [...document.getElementById('contentAreaContextMenu').querySelectorAll('menu')]
          .find((m) => m.label === ${JSON.stringify(label)});
        const entry = [...parent.querySelectorAll('menuitem')].find((i) => i.label === ${JSON.stringify(item.title)});
        if (!entry) throw new Error('no menu item ' + ${JSON.stringify(item.title)});
        entry.click();
        ${closeMenu}
      `);
      },
      async insertMenuTitles(page, field) {
        await openInsertMenu(page, field);
        return inChrome<string[]>(`
        const labels = [...${insertItems}].map((i) => i.label);
        ${closeMenu}
        return labels;
      `);
      },
    });
    return extension;
  }

  return {
    browser,
    install,
    async close() {
      await browser.close();
      await proxy.close();
    },
  };
}

/** Starts a Firefox and installs the build in it (a browser of its own, for one use). */
export async function launchFirefox(
  fakes: FakeApi[],
  buildDir = FIREFOX_BUILD,
): Promise<{ extension: Extension; browser: Browser; close: () => Promise<void> }> {
  const session = await startFirefox();
  const { extension, uninstall } = await session.install(fakes, buildDir);
  return {
    extension,
    browser: session.browser,
    close: async () => {
      await uninstall();
      await session.close();
    },
  };
}
