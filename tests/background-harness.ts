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
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
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
  if (options.stored) await fakeBrowser.storage.local.set(options.stored);
  options.beforeStart?.();
  for (const name of options.alarms ?? [])
    await fakeBrowser.alarms.create(name, { delayInMinutes: 1 });
  // One frozen clock for the background and the fake, moved only by `advance`, so that delays
  // read in a test are exact.
  const base = Date.now();
  let offset = 0;
  const now = () => base + offset;
  const fake = createFakeApi(options.account, now);
  // More accounts' APIs: a request goes to the fake whose key it carries (else the first, a 401).
  const fakes = [fake, ...(options.otherAccounts ?? []).map((a) => createFakeApi(a, now))];
  const fakeFor = (apiKey: string) => fakes.find((f) => f.account.apiKey === apiKey) ?? fake;
  // Requests a previous test left held or hanging are not this test's.
  pending = 0;
  current = fakes;
  let online = true;
  const fetchSpy = { calls: 0 };
  let onlineListeners: (() => void)[] = [];
  /** The background's "look every few seconds" timers, fired by `tick()`. */
  let tickers: (() => void)[] = [];

  async function boot() {
    onlineListeners = [];
    tickers = [];
    const { ready } = startBackground({
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
    });
    await ready;
  }
  await boot();

  /** Sends a protocol message as `sender` would, and says whether (and what) it answered. */
  async function send(type: string, data: unknown, sender: object = OWN_PAGE): Promise<Reply> {
    let respond!: (value: unknown) => void;
    const response = new Promise((resolve) => (respond = resolve));
    const results = await fakeBrowser.runtime.onMessage.trigger(
      { tag: 'model-watch', type, data },
      sender,
      respond,
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
      await browserState.menuClicked.trigger(
        { menuItemId: id, frameId, editable: true, ...info },
        { id: tabId },
      );
      await settle();
    },
    /** Types in the address bar after the keyword; returns the suggestions. */
    async typeInAddressBar(text: string) {
      let suggestions: { content: string; description: string }[] = [];
      await browserState.omnibox.onInputChanged.trigger(text, (s) => {
        suggestions = s as typeof suggestions;
      });
      await settle();
      return suggestions;
    },
    async enterInAddressBar(text: string) {
      await browserState.omnibox.onInputEntered.trigger(text);
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
      if (value && announce) for (const listener of onlineListeners) listener();
      await settle();
    },
    /** How many "look again in a few seconds" timers the background is running. */
    get watchers() {
      return tickers.length;
    },
    /** A few seconds pass: the background's timers fire once. */
    async tick() {
      for (const tick of [...tickers]) tick();
      await settle();
    },
    advance(ms: number) {
      offset += ms;
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
        await fakeBrowser.alarms.onAlarm.trigger({ ...alarm, scheduledTime: now() });
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
     * badge and the alarms gone, as the browser forgets them.
     */
    async restart() {
      const local = await fakeBrowser.storage.local.get(null);
      const granted = [...browserState.granted];
      browserState = resetBrowser();
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
