import { AsyncLocalStorage } from 'node:async_hooks';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createIdeogramApi } from '../utils/api/client';
import { startBackground } from '../utils/background/start';
import type { FakeAccount } from './fake-api';
import type { Protocol } from '../utils/messaging/protocol';
import { parseSampleData } from '../utils/sample/data';
import { accountsItem, snapshotOf, snapshotsItem } from '../utils/storage/items';
import sampleJson from '../public/sample-account.json';
import { createFakeApi, TEST_KEY } from './fake-api';
import { realNotifications, resetBrowser } from './fake-browser';

const sampleData = parseSampleData(sampleJson);

export const OWN_PAGE = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/options.html',
};

export type Reply = { answered: false } | { answered: true; reply: unknown };

/** How long the harness's client waits for an answer (production waits `DEFAULT_TIMEOUT_MS`). */
export const HARNESS_TIMEOUT_MS = 100;

let pending = 0;
/** Requests started so far (to tell when work has stopped leading to more). */
let started = 0;
/** The fakes of the running test: requests they hold back on purpose are not waited for. */
let current: { held: number }[] = [];
const held = () => current.reduce((sum, fake) => sum + fake.held, 0);

// A stopped worker is gone mid-step: whatever it was doing (a check, a write) takes no effect
// after that moment. Each worker runs in a generation of its own (its events are dispatched
// inside it, and every promise continuation keeps it); the browser's effectful calls (storage
// writes, badge, alarms, notifications, menus, fetch) made by an older generation never return.
const workerRun = new AsyncLocalStorage<number>();
let generation = 0;
const isGhost = () => {
  const running = workerRun.getStore();
  return running !== undefined && running !== generation;
};
const inWorker = <T>(work: () => T): T => workerRun.run(generation, work);
const guarded = new WeakSet<object>();
const never = () => new Promise<never>(() => {});

/** Makes the effectful methods of the fake browser's namespaces hang for a stopped worker. */
function guardGhosts(onNotification?: (id: string, options: { title?: string }) => void) {
  const effects: [object | undefined, string[]][] = [
    [fakeBrowser.storage.local, ['set', 'remove', 'clear']],
    [fakeBrowser.storage.session, ['set', 'remove', 'clear']],
    [fakeBrowser.action, ['setBadgeText', 'setTitle', 'setBadgeBackgroundColor']],
    [fakeBrowser.alarms, ['create', 'clear', 'clearAll']],
    [realNotifications, ['create', 'clear']],
    [(fakeBrowser as { contextMenus?: object }).contextMenus, ['create', 'removeAll']],
    [(fakeBrowser as { omnibox?: object }).omnibox, ['setDefaultSuggestion']],
  ];
  for (const [target, names] of effects) {
    if (!target || guarded.has(target)) continue;
    guarded.add(target);
    const methods = target as Record<string, (...args: unknown[]) => unknown>;
    for (const name of names) {
      const real = methods[name]!;
      methods[name] = (...args: unknown[]) => {
        if (isGhost()) {
          cutEffects += 1;
          return never();
        }
        if (target === realNotifications && name === 'create') {
          notificationHook?.(String(args[0]), (args[1] ?? {}) as { title?: string });
        }
        return real.apply(target, args);
      };
    }
  }
  if (onNotification) notificationHook = onNotification;
}
/** A stopped worker's unfinished work lives on in its modules: later workers load their own. */
let staleModules = false;
async function freshStart() {
  vi.resetModules();
  return (await import('../utils/background/start')).startBackground;
}
/** Effects (writes, calls, badge updates) a stopped worker never got to make. */
let cutEffects = 0;
let notificationHook: ((id: string, options: { title?: string }) => void) | undefined;

/**
 * Lets pending work run to the end: requests in flight (a hanging one until its timeout, but not
 * one the test holds back), then the promise chains after them (storage listeners, badge updates).
 */
export async function settle(): Promise<void> {
  // Until no request is in flight and none started for a few rounds: work can lead to more work
  // (lists fetched, then their datasets counted).
  let quietRounds = 0;
  let seen = started;
  while (quietRounds < 3) {
    while (pending - held() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    quietRounds = started === seen && pending - held() === 0 ? quietRounds + 1 : 0;
    seen = started;
  }
}

/**
 * The real background, started on WXT's fake browser with the fake API behind its client. The
 * fake's clock and the background's move together (`advance`).
 */
export async function startTestBackground(
  options: {
    account?: FakeAccount;
    /** What storage.local holds when the worker starts (a dump from an earlier version, say). */
    stored?: Record<string, unknown>;
    /** Alarms the browser has when the worker starts. */
    alarms?: string[];
    /** Other accounts on the fake API, each answering to its own key. */
    otherAccounts?: FakeAccount[];
    /** Runs just before the worker starts (after `stored` is in place). */
    beforeStart?: () => void;
  } = {},
) {
  let browserState = resetBrowser();
  const notificationLog: { id: string; title: string; at: number }[] = [];
  const guard = () =>
    guardGhosts((id, { title }) => notificationLog.push({ id, title: title ?? '', at: now() }));
  guard();
  if (options.stored) await fakeBrowser.storage.local.set(options.stored);
  options.beforeStart?.();
  for (const name of options.alarms ?? [])
    await fakeBrowser.alarms.create(name, { delayInMinutes: 1 });
  // One frozen clock for the background and the fake, moved only by `advance`, so that delays
  // read in a test are exact.
  const base = Date.now();
  let offset = 0;
  /** The API's clock, and the browser's (the same unless the computer's clock jumps). */
  const serverNow = () => base + offset;
  let skew = 0;
  const now = () => serverNow() + skew;
  const fake = createFakeApi(options.account, serverNow);
  // More accounts' APIs: a request goes to the fake whose key it carries (else the first, a 401).
  const fakes = [fake, ...(options.otherAccounts ?? []).map((a) => createFakeApi(a, serverNow))];
  const fakeFor = (apiKey: string) => fakes.find((f) => f.account.apiKey === apiKey) ?? fake;
  // Requests a previous test left held or hanging are not this test's.
  pending = 0;
  current = fakes;
  let online = true;
  const fetchSpy = { calls: 0 };
  let onlineListeners: (() => void)[] = [];
  /** The background's "look every few seconds" timers, fired by `tick()`. */
  let tickers: (() => void)[] = [];

  /**
   * The worker's code: the modules loaded once, or loaded afresh for a worker that restarts (and
   * after one did: the stopped worker's unfinished work holds the first modules' queues).
   */
  let start = staleModules ? await freshStart() : startBackground;
  async function boot() {
    onlineListeners = [];
    tickers = [];
    const { ready } = inWorker(() =>
      start({
        onOnline: (listener) => void onlineListeners.push(listener),
        every: (_ms, tick) => {
          tickers.push(tick);
          return () => (tickers = tickers.filter((t) => t !== tick));
        },
        throttlesAfterErrors: true,
        loadSample: async () => sampleData,
        makeApi: (apiKey, hide) =>
          createIdeogramApi({
            apiKey,
            hide,
            fetch: async (input, init) => {
              if (isGhost()) return never();
              fetchSpy.calls += 1;
              started += 1;
              pending += 1;
              try {
                return await fakeFor(apiKey).fetch(input, init);
              } finally {
                pending -= 1;
              }
            },
            isOnline: () => online,
            timeoutMs: HARNESS_TIMEOUT_MS,
          }),
        now,
        isOnline: () => online,
      }),
    );
    await ready;
  }
  await boot();

  /**
   * The worker stops where it is and starts again: its modules loaded afresh (nothing kept in
   * memory), what the browser keeps (storage, alarms, the badge, granted permissions) kept.
   */
  async function stopWorker({ browserRestart = false } = {}) {
    // From this moment on, nothing the stopped worker does takes effect.
    generation += 1;
    const local = await fakeBrowser.storage.local.get(null);
    const session = browserRestart ? {} : await fakeBrowser.storage.session.get(null);
    const alarms = browserRestart ? [] : await fakeBrowser.alarms.getAll();
    const badge = await env.badge();
    const granted = [...browserState.granted];
    browserState = resetBrowser();
    guard();
    for (const p of granted) browserState.granted.add(p);
    await fakeBrowser.storage.local.set(local);
    await fakeBrowser.storage.session.set(session);
    for (const a of alarms) await fakeBrowser.alarms.create(a.name, { when: a.scheduledTime });
    if (!browserRestart) {
      await fakeBrowser.action.setBadgeText({ text: badge.text });
      await fakeBrowser.action.setTitle({ title: badge.title });
      await fakeBrowser.action.setBadgeBackgroundColor({ color: badge.color });
    }
    staleModules = true;
    start = await freshStart();
    await boot();
    if (browserRestart) await inWorker(() => fakeBrowser.runtime.onStartup.trigger());
    await settle();
  }

  /** Sends a protocol message as `sender` would, and says whether (and what) it answered. */
  async function send(type: string, data: unknown, sender: object = OWN_PAGE): Promise<Reply> {
    let respond!: (value: unknown) => void;
    const response = new Promise((resolve) => (respond = resolve));
    const results = await inWorker(() =>
      fakeBrowser.runtime.onMessage.trigger({ tag: 'model-watch', type, data }, sender, respond),
    );
    if (!(results as unknown[]).includes(true)) return { answered: false };
    return { answered: true, reply: await response };
  }

  /** Sends a message from the options page and returns the handler's value (throws on failure). */
  async function ask<K extends keyof Protocol>(
    type: K,
    data?: Parameters<Protocol[K]>[0],
  ): Promise<Awaited<ReturnType<Protocol[K]>>> {
    const result = await send(type, data);
    if (!result.answered) throw new Error(`${type} got no answer`);
    const reply = result.reply as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value as Awaited<ReturnType<Protocol[K]>>;
  }

  const env = {
    fake,
    fakes,
    get calls() {
      return browserState.calls;
    },
    get granted() {
      return browserState.granted;
    },
    /** The right-click menu's items, the address bar, injected scripts, the clipboard. */
    get menu() {
      return browserState.menuItems;
    },
    get omnibox() {
      return browserState.omnibox;
    },
    get scripting() {
      return browserState.scripting;
    },
    get clipboard() {
      return browserState.clipboard;
    },
    /** Clicks a right-click menu item, in a tab. */
    async clickMenu(id: string, tabId = 7, frameId = 0, info: object = {}) {
      await inWorker(() =>
        browserState.menuClicked.trigger(
          { menuItemId: id, frameId, editable: true, ...info },
          { id: tabId },
        ),
      );
      await settle();
    },
    /** Types in the address bar after the keyword; returns the suggestions. */
    async typeInAddressBar(text: string) {
      let suggestions: { content: string; description: string }[] = [];
      await inWorker(() =>
        browserState.omnibox.onInputChanged.trigger(text, (s) => {
          suggestions = s as typeof suggestions;
        }),
      );
      await settle();
      return suggestions;
    },
    async enterInAddressBar(text: string) {
      await inWorker(() => browserState.omnibox.onInputEntered.trigger(text));
      await settle();
    },
    fetchSpy,
    send,
    ask,
    now,
    /**
     * Goes offline, or comes back online: announced by the browser (as Firefox's background page
     * hears it), or silently (`announce: false`: a service worker gets no event).
     */
    async setOnline(value: boolean, { announce = true } = {}) {
      online = value;
      if (value && announce) for (const listener of onlineListeners) inWorker(listener);
      await settle();
    },
    /** How many "look again in a few seconds" timers the background is running. */
    get watchers() {
      return tickers.length;
    },
    /** A few seconds pass: the background's timers fire once. */
    async tick() {
      for (const tick of [...tickers]) inWorker(tick);
      await settle();
    },
    advance(ms: number) {
      offset += ms;
    },
    /** The computer's clock jumps (backwards when negative); the API's clock goes on. */
    jumpClock(ms: number) {
      skew += ms;
    },
    serverNow,
    /** Every notification shown, in order (the system replaces one shown again under its id). */
    notificationLog,
    /** The worker stops wherever it is, and the next event starts it again. */
    stopWorker: () => stopWorker(),
    /** The browser quits wherever the worker is, and starts again (alarms and badge lost). */
    restartBrowser: () => stopWorker({ browserRestart: true }),
    /** Runs `work` as the worker's own (an event it handles). */
    inWorker,
    /** Effects stopped workers never made, so far (in every test of this file). */
    get cutEffects() {
      return cutEffects;
    },
    /** The stored accounts (labels and ids; never keys). */
    accounts() {
      return accountsItem.getValue();
    },
    /** The id of the first account (the only one, in most tests). */
    async accountId(): Promise<string> {
      const [first] = await accountsItem.getValue();
      if (!first) throw new Error('no account');
      return first.id;
    },
    /** An account's stored snapshot, decoded (the first account's by default). */
    async snapshot(accountId?: string) {
      const id = accountId ?? (await accountsItem.getValue())[0]?.id ?? '';
      return snapshotOf(await snapshotsItem.getValue(), id);
    },
    async storage(area: 'local' | 'session' | 'sync' = 'local') {
      return fakeBrowser.storage[area].get(null) as Promise<Record<string, unknown>>;
    },
    async badge() {
      return {
        text: await fakeBrowser.action.getBadgeText({}),
        title: await fakeBrowser.action.getTitle({}),
        color: await fakeBrowser.action.getBadgeBackgroundColor({}),
      };
    },
    /** An account's refresh alarm (the first account's by default). */
    async alarm(accountId?: string) {
      const id = accountId ?? (await accountsItem.getValue())[0]?.id;
      return id === undefined ? undefined : fakeBrowser.alarms.get(`refresh:${id}`);
    },
    /** Delay until an account's refresh alarm, in ms from the background's now. */
    async alarmDelay(accountId?: string) {
      const alarm = await env.alarm(accountId);
      return alarm ? alarm.scheduledTime - now() : null;
    },
    /** Every refresh alarm, as [account id, delay]. */
    async alarms() {
      return (await fakeBrowser.alarms.getAll())
        .filter((a) => a.name.startsWith('refresh:'))
        .map((a) => [a.name.slice('refresh:'.length), a.scheduledTime - now()] as const);
    },
    /**
     * Fires the refresh alarms as the browser would (all of them, in order, or one account's),
     * and waits for their work to finish.
     */
    async fireAlarm(accountId?: string) {
      const all = (await fakeBrowser.alarms.getAll())
        .filter((a) => a.name.startsWith('refresh:'))
        .filter((a) => accountId === undefined || a.name === `refresh:${accountId}`)
        .sort((a, b) => a.scheduledTime - b.scheduledTime);
      for (const alarm of all) {
        await inWorker(() =>
          fakeBrowser.alarms.onAlarm.trigger({ ...alarm, scheduledTime: now() }),
        );
        await settle();
      }
    },
    /** The notifications on screen (read whatever the permission says). */
    notifications() {
      return realNotifications.getAllCreateOptions() as Record<
        string,
        { title: string; message: string }
      >;
    },
    /**
     * A browser restart: the worker starts again on the stored data, with its listeners, the
     * badge and the alarms gone, as the browser forgets them. Its modules stay loaded (a test
     * may compare errors by class); `restartBrowser` is the same with the old worker stopped
     * mid-flight and its modules loaded afresh.
     */
    async restart() {
      const local = await fakeBrowser.storage.local.get(null);
      const granted = [...browserState.granted];
      browserState = resetBrowser();
      guard();
      for (const p of granted) browserState.granted.add(p);
      await fakeBrowser.storage.local.set(local);
      await boot();
      await settle();
    },
    /** The user closes a notification. */
    async clearNotification(id: string) {
      await realNotifications.clear(id);
    },
    /** Turns notifications on as the options page does: permission first, then the setting. */
    async enableNotifications() {
      await fakeBrowser.permissions.request({ permissions: ['notifications'] });
      await ask('saveSettings', { notify: true });
    },
  };
  return env;
}

export type TestBackground = Awaited<ReturnType<typeof startTestBackground>>;

/** The background with the standard test account's key saved, and the request log cleared. */
export async function startWithKey(): Promise<TestBackground> {
  const env = await startTestBackground();
  await env.ask('saveKey', { key: TEST_KEY, check: true });
  await settle();
  env.fake.clearRequests();
  return env;
}

/** The id of the fake's model with this name. */
export const idOf = (env: TestBackground, name: string) =>
  env.fake.account.models.find((m) => m.name === name)!.model_id;
