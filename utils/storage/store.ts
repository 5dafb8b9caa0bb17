import { browser } from 'wxt/browser';
import { describeRaw, type Parsed } from './parse';

// Typed items in storage.local, each parsed when it is read, like data from the network: a
// malformed value never reaches the code, it is repaired (or replaced by the fallback) on the way
// in, and the problem is named so the background can report it once. Writing is not here: only
// the background's single writer (./writer.ts) writes, one transaction at a time.

/** What reading a stored value gave (declared in ./parse.ts, beside what produces it). */
export type { Parsed } from './parse';

/** The storage areas items live in: local (kept across restarts), session (until the browser closes). */
export type Area = 'local' | 'session';

export interface StoredItem<T> {
  /** The key in its area. */
  key: string;
  area: Area;
  fallback: T;
  /** Turns a raw stored value into a value of the item's type; never throws. */
  parse(raw: unknown): Parsed<T>;
  /** What storage.local is given for a value (JSON items store text). */
  encode(value: T): unknown;
  getValue(): Promise<T>;
  /** Calls back on every change of this item (from any page or the background); returns "stop". */
  watch(callback: (next: T, previous: T) => void): () => void;
}

export interface ItemSpec<T> {
  fallback: T;
  /**
   * Parses a value that is present (never undefined or null, which read as the fallback):
   * the value and what was repaired in it, or null when nothing of it can be used.
   */
  parse: (raw: unknown) => Parsed<T> | null;
  /** Where it lives; storage.local unless said. */
  area?: Area;
}

/** What a page or the background says when an item could not be used at all. */
const unusable = (raw: unknown) =>
  `it held ${describeRaw(raw)} where Model Watch expected something else, so it was reset`;

/** An item of storage.local (or the area it names); a missing (or null) value reads as `fallback`. */
export function defineItem<T>(key: string, spec: ItemSpec<T>): StoredItem<T> {
  const area = spec.area ?? 'local';
  const parse = (raw: unknown): Parsed<T> => {
    if (raw === undefined || raw === null) return { value: spec.fallback, problem: null };
    try {
      return spec.parse(raw) ?? { value: spec.fallback, problem: unusable(raw) };
    } catch {
      return { value: spec.fallback, problem: unusable(raw) };
    }
  };
  return {
    key,
    area,
    fallback: spec.fallback,
    parse,
    encode: (value) => value,
    async getValue() {
      return parse((await browser.storage[area].get(key))[key]).value;
    },
    watch(callback) {
      return watchKey(area, key, (change) =>
        callback(parse(change.newValue).value, parse(change.oldValue).value),
      );
    },
  };
}

/**
 * An item kept as JSON text. Chrome reads a string out of storage.local several times faster than
 * the same data as objects (measured: 0.7 ms against 6 ms for 500 models), and the popup's first
 * paint waits on this read. The last text parsed is remembered: the background reads the same
 * (large) text at every refresh, and comparing it costs far less than parsing it again.
 */
export function defineJsonItem<T>(key: string, spec: ItemSpec<T>): StoredItem<T> {
  let last: { text: string; parsed: Parsed<T> } | undefined;
  const item = defineItem<T>(key, {
    ...(spec.area && { area: spec.area }),
    fallback: spec.fallback,
    parse(raw) {
      if (typeof raw !== 'string') return spec.parse(raw);
      if (last?.text === raw) return last.parsed;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return {
          value: spec.fallback,
          problem: 'it was cut off or unreadable (half-written), so it was reset',
        };
      }
      const parsed = json === null ? { value: spec.fallback, problem: null } : spec.parse(json);
      if (parsed) last = { text: raw, parsed };
      return parsed;
    },
  });
  return { ...item, encode: (value) => JSON.stringify(value) };
}

type Change = { newValue?: unknown; oldValue?: unknown };
const watchers = new Map<string, Set<(change: Change) => void>>();

function dispatch(changes: Record<string, Change>, area: string) {
  for (const [changed, change] of Object.entries(changes)) {
    for (const watcher of watchers.get(`${area}:${changed}`) ?? []) watcher(change);
  }
}

/**
 * One storage listener per page, shared by every watched item: each listener costs the page a
 * round trip to the browser when it registers, and a page's first paint waits behind them.
 */
function watchKey(area: Area, key: string, callback: (change: Change) => void): () => void {
  if (!browser.storage.onChanged.hasListener(dispatch)) {
    browser.storage.onChanged.addListener(dispatch);
  }
  const set = watchers.get(`${area}:${key}`) ?? new Set();
  watchers.set(`${area}:${key}`, set);
  set.add(callback);
  return () => set.delete(callback);
}

/** Reads several items in one storage call (raw values: a missing item is undefined). */
export async function getRaw(keys: readonly string[]): Promise<Record<string, unknown>> {
  return browser.storage.local.get([...keys]);
}

/** Reads several items in one storage call, each parsed. */
export async function getItems<T extends readonly StoredItem<unknown>[]>(
  ...items: T
): Promise<{ [K in keyof T]: T[K] extends StoredItem<infer V> ? V : never }> {
  const raw = await getRaw(items.map((i) => i.key));
  // eslint-disable-next-line no-restricted-syntax -- each value was parsed by its own item just now
  return items.map((item) => item.parse(raw[item.key]).value) as {
    [K in keyof T]: T[K] extends StoredItem<infer V> ? V : never;
  };
}

/**
 * Keeps content scripts (there are none, but one could be injected) away from the keys: Chrome
 * closes `storage.local` to them from version 140 (the manifest's minimum_chrome_version). Firefox
 * supports it only for `storage.session`: there `storage.local` stays open to the extension's own
 * content scripts, of which it has none (PRIVACY.md says so).
 */
export async function limitStorageAccess(): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- an API the polyfill's types do not have yet
  const local = browser.storage.local as {
    setAccessLevel?: (options: { accessLevel: string }) => Promise<void>;
  };
  try {
    await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // Firefox refuses it for storage.local: its extension pages are the only readers anyway.
  }
}

/** Calls `onChange` with what changed in storage.local: its keys, with old and new values. */
export function watchLocal(
  onChange: (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => void,
): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') onChange(changes);
  });
}
