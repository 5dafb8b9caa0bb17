import { TEST_KEY } from '../../fake-api';
import { EMPTY_SNAPSHOT, type Snapshot } from '../../../utils/storage/snapshot';
import type { ExtPage } from './page';
import type { Alarm, Extension, Suggestion } from './types';

// What both browsers do alike, through an extension page's own APIs: `browser.*` exists in every
// extension page of Firefox and of Chromium 156 (the probe page is a hidden options.html?probe).

/** Runs `fn` in an extension page kept open for reading the extension's state. */
export type Probe = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

/** What each browser supplies; the rest of Extension is built from the probe. */
export interface BrowserParts {
  browser: Extension['browser'];
  openedOnInstall: string[];
  url(page: string): string;
  open(page: string): Promise<ExtPage>;
  openWeb(url: string): Promise<ExtPage>;
  pageUrls(): Promise<string[]>;
  probe: Probe;
  stopBackground(): Promise<void>;
  reloadExtension(): Promise<void>;
  setOffline(offline: boolean): Promise<void>;
  failConnections(on: boolean): Promise<void>;
  clipboard(): Promise<string>;
  consoleText(): Promise<string>;
  requestedUrls(): string[];
  logInBackground(text: string): Promise<boolean>;
  omnibox: { type(text: string): Promise<Suggestion[]>; enter(text: string): Promise<void> };
  insertFromMenu: Extension['insertFromMenu'];
  insertMenuTitles: Extension['insertMenuTitles'];
  collectFromMenu: Extension['collectFromMenu'];
}

export function createExtension(parts: BrowserParts): Extension {
  const { probe } = parts;
  const extension: Extension = {
    ...parts,
    evaluate: (fn, arg) => probe(fn, arg as never),
    storage: (area = 'local') => probe((a) => browser.storage[a].get(null), area),
    setStorage: (items) => probe((i) => browser.storage.local.set(i), items),
    async snapshot(accountId) {
      const stored = await extension.storage();
      const id = accountId ?? (stored.accounts as { id: string }[] | undefined)?.[0]?.id ?? '';
      const all = JSON.parse((stored.snapshots as string | undefined) ?? '{}') as Record<
        string,
        Partial<Snapshot>
      >;
      return { ...EMPTY_SNAPSHOT, ...all[id] };
    },
    badge: () =>
      probe(
        async () => ({
          text: await browser.action.getBadgeText({}),
          title: await browser.action.getTitle({}),
          color: (await browser.action.getBadgeBackgroundColor({})) as number[],
        }),
        undefined,
      ),
    alarm: (accountId) =>
      probe(
        async (id) =>
          ((await browser.alarms.getAll()).find((a) =>
            id ? a.name === `refresh:${id}` : a.name.startsWith('refresh:'),
          ) as Alarm | undefined) ?? null,
        accountId ?? null,
      ),
    fireAlarms: () =>
      probe(async () => {
        // Brought forward, then waited for. The background may not have set an account's alarm
        // yet (a key saved a moment ago: it is set once the first lists are in), or may be
        // re-setting every alarm (after a setting was saved), which puts one back at its usual
        // time. So: an alarm not there yet is waited for a while; one put back is brought forward
        // again; one the background cleared for good (a rejected key) is not waited for. An
        // alarm heard here was heard by the background too: both listen.
        const stored = (await browser.storage.local.get('accounts')).accounts;
        const ids = Array.isArray(stored)
          ? stored.flatMap((a: unknown) =>
              typeof (a as { id?: unknown })?.id === 'string' ? [(a as { id: string }).id] : [],
            )
          : [];
        const pending = new Set([
          ...ids.map((id) => `refresh:${id}`),
          ...(await browser.alarms.getAll())
            .map((a) => a.name)
            .filter((n) => n.startsWith('refresh:')),
        ]);
        const brought = new Set<string>();
        const heard = (alarm: { name: string }) => pending.delete(alarm.name);
        browser.alarms.onAlarm.addListener(heard);
        try {
          for (let round = 0; round < 10 && pending.size > 0; round++) {
            for (const name of [...pending]) {
              const alarm = await browser.alarms.get(name);
              if (!alarm) {
                if (round >= 2) pending.delete(name);
              } else if (!brought.has(name) || alarm.scheduledTime > Date.now() + 1000) {
                await browser.alarms.create(name, { when: Date.now() + 50 });
                brought.add(name);
              }
            }
            const until = Date.now() + 1500;
            while (pending.size > 0 && Date.now() < until) {
              await new Promise((resolve) => setTimeout(resolve, 25));
            }
          }
          if (pending.size > 0) throw new Error(`Alarms never fired: ${[...pending].join(', ')}`);
        } finally {
          browser.alarms.onAlarm.removeListener(heard);
        }
      }, undefined),
    send: (type, data = {}) =>
      probe(([t, d]) => browser.runtime.sendMessage({ tag: 'model-watch', type: t, data: d }), [
        type,
        data,
      ] as const),
    async useKey(key = TEST_KEY, label = 'Account 1') {
      // Through the background's one writer, as the options page saves a key (kept without a
      // check, so a test can set faults first). Writing storage from here would race the
      // background's own writes to the accounts (a key hint filled in), and lose an account.
      type Saved = { saved: true; accountId: string } | { saved: false; problem?: string };
      const reply = (await extension.send('saveKey', { key, check: false, label })) as
        { ok: true; value: Saved } | { ok: false; error: { message: string } } | undefined;
      if (!reply?.ok)
        throw new Error(`The key was not saved: ${reply?.error.message ?? 'no answer'}`);
      const result = reply.value;
      if (!result.saved) throw new Error(`The key was not saved: ${result.problem ?? 'refused'}`);
      return result.accountId;
    },
  };
  return extension;
}
