import type { Snapshot } from '../../../utils/storage/snapshot';
import type { ExtPage } from './page';

/** A refresh alarm, as the browser reports it. */
export interface Alarm {
  name: string;
  scheduledTime: number;
}

/** An address-bar suggestion. */
export interface Suggestion {
  content: string;
  description: string;
}

/**
 * The built extension loaded in a real browser, as a flow drives it. One implementation per
 * browser (./chromium.ts, ./firefox.ts); the flows in tests/e2e are written once against this.
 */
export interface Extension {
  readonly browser: 'chromium' | 'firefox';
  /** The extension pages the extension opened by itself when it was installed. */
  readonly openedOnInstall: string[];
  url(page: string): string;
  /** Opens one of the extension's pages (popup.html, options.html?x, …) in a new tab. */
  open(page: string): Promise<ExtPage>;
  /** Opens a web page (on api.ideogram.ai, answered by the fake API). */
  openWeb(url: string): Promise<ExtPage>;
  /** Every open tab's page, as the extension sees them (for the pages it opens by itself). */
  pageUrls(): Promise<string[]>;

  /** Runs `fn` in a hidden page of the extension (with the extension's APIs, as `browser`). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  storage(area?: 'local' | 'session' | 'sync'): Promise<Record<string, unknown>>;
  setStorage(items: Record<string, unknown>): Promise<void>;
  /** An account's stored snapshot (the first account's by default), decoded. */
  snapshot(accountId?: string): Promise<Snapshot>;
  badge(): Promise<{ text: string; title: string; color: number[] }>;
  /** An account's refresh alarm (any account's without an id). */
  alarm(accountId?: string): Promise<Alarm | null>;
  /** Brings every account’s refresh alarm forward to now, as if its time had come; resolves once each fired. */
  fireAlarms(): Promise<void>;
  /** Sends a protocol message as a page of the extension does; its raw reply. */
  send(type: string, data?: unknown): Promise<unknown>;
  /** Adds an account with this key, as the options page would, without its form; its id. */
  useKey(key?: string, label?: string): Promise<string>;

  /** Stops the background (a service worker stopped when idle, an event page unloaded). */
  stopBackground(): Promise<void>;
  /** Reloads the extension, as an update or a browser restart would. */
  reloadExtension(): Promise<void>;
  /** Takes the browser offline (navigator.onLine false), or back online. */
  setOffline(offline: boolean): Promise<void>;
  /** Every request to api.ideogram.ai fails before it reaches a server (throttling, a firewall). */
  failConnections(on: boolean): Promise<void>;
  /** What is on the clipboard now. */
  clipboard(): Promise<string>;
  /** Everything the extension's pages and background wrote to the console so far. */
  consoleText(): Promise<string>;
  /** The URLs every page of the browser requested (besides the fake API's own log). */
  requestedUrls(): string[];
  /**
   * Makes the background log `text`, to prove the console is heard; false where the browser
   * gives a test no way into the background (Firefox's event page).
   */
  logInBackground(text: string): Promise<boolean>;

  /** The address bar: typing after the keyword, and Enter. */
  omnibox: {
    type(text: string): Promise<Suggestion[]>;
    enter(text: string): Promise<void>;
  };
  /**
   * The right-click menu on a field of a web page: chooses "Insert Ideogram model" › `title`.
   * (Firefox: the real menu. Chromium: its menus cannot be driven headless, so the menu's click
   * event is fired in the background, with the same data the browser gives.)
   */
  insertFromMenu(
    page: ExtPage,
    field: string,
    item: { title: string; modelId: string },
    /** Runs once the menu is open, just before the item is chosen (to place the caret, say). */
    prepare?: () => Promise<void>,
  ): Promise<void>;
  /**
   * The entries of the "Insert Ideogram model" menu, as shown on a right-click in `field`; null
   * where the browser's menus cannot be read (Chromium headless).
   */
  insertMenuTitles(page: ExtPage, field: string): Promise<string[] | null>;
  /**
   * The right-click menu on an image of a web page: chooses "Add image to Ideogram dataset" ›
   * `title`. (Firefox: the real menu. Chromium: the menu's click event, fired in the background
   * with the image's address and the page's, as the browser gives them.)
   */
  collectFromMenu(
    page: ExtPage,
    image: string,
    item: { title: string; menuItemId: string },
  ): Promise<void>;
}
