import { browser } from 'wxt/browser';

// Typed items in storage.local: what the extension needs of a storage library (a key, a
// fallback, read, write, remove, watch, and several items in one atomic write), in a few lines.
// It replaces @wxt-dev/storage, whose versioned migrations, metadata and locks went unused
// (utils/storage/migrate.ts moves layouts forward) and cost 3 KB gzip in every bundle.

export interface StoredItem<T> {
  /** The key in storage.local. */
  key: string;
  fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back on every change of this item (from any page or the background); returns "stop". */
  watch(callback: (next: T, previous: T) => void): () => void;
}

/** An item of storage.local; a missing (or null) value reads as `fallback`. */
export function defineItem<T>(key: string, { fallback }: { fallback: T }): StoredItem<T> {
  const read = (value: unknown) => (value ?? fallback) as T;
  return {
    key,
    fallback,
    async getValue() {
      return read((await browser.storage.local.get(key))[key]);
    },
    setValue: (value) => setItems([{ item: { key }, value }]),
    removeValue: () => browser.storage.local.remove(key),
    watch(callback) {
      return watchKey(key, (change) => callback(read(change.newValue), read(change.oldValue)));
    },
  };
}

type Change = { newValue?: unknown; oldValue?: unknown };
const watchers = new Map<string, Set<(change: Change) => void>>();

function dispatch(changes: Record<string, Change>, area: string) {
  if (area !== 'local') return;
  for (const [changed, change] of Object.entries(changes)) {
    for (const watcher of watchers.get(changed) ?? []) watcher(change);
  }
}

/**
 * One storage listener per page, shared by every watched item: each listener costs the page a
 * round trip to the browser when it registers, and a page's first paint waits behind them.
 */
function watchKey(key: string, callback: (change: Change) => void): () => void {
  if (!browser.storage.onChanged.hasListener(dispatch)) {
    browser.storage.onChanged.addListener(dispatch);
  }
  const set = watchers.get(key) ?? new Set();
  watchers.set(key, set);
  set.add(callback);
  return () => set.delete(callback);
}

export interface Entry {
  item: { key: string };
  value: unknown;
}

/** Writes several items in one storage call, so they change together; null removes an item. */
export async function setItems(entries: Entry[]): Promise<void> {
  const removed = entries.filter((e) => e.value == null).map((e) => e.item.key);
  const kept = entries.filter((e) => e.value != null);
  if (kept.length > 0) {
    await browser.storage.local.set(Object.fromEntries(kept.map((e) => [e.item.key, e.value])));
  }
  if (removed.length > 0) await browser.storage.local.remove(removed);
}

/** Reads several items in one storage call (raw values: a missing item is undefined). */
export async function getItems(items: { key: string }[]): Promise<unknown[]> {
  const stored = await browser.storage.local.get(items.map((i) => i.key));
  return items.map((i) => stored[i.key]);
}
