import { defineItem, type Entry } from './store';
import type { Model } from '../api/types';
import { EMPTY_SNAPSHOT, type Snapshot } from './snapshot';

// Everything the extension keeps, declared once. All of it is in storage.local: it survives
// browser restarts (the badge needs it at start-up) and never syncs through the browser account.
// The layout has a version (`schema`); utils/storage/migrate.ts moves older layouts forward.

export const SCHEMA_VERSION = 2;
export const schemaItem = /* @__PURE__ */ defineItem<number | null>('schema', {
  fallback: null,
});

/**
 * An account: one API key, with the label the user gave it. The sample workspace is an account
 * too (`sample: true`, no key), so every part of the extension treats both alike. Pages read this
 * list, never the keys.
 */
export interface Account {
  id: string;
  label: string;
  /** When the account (or its current key) was added; data fetched before belongs to no one. */
  since: number;
  sample?: true;
}

export const accountsItem = /* @__PURE__ */ defineItem<Account[]>('accounts', {
  fallback: [],
});

/** The API keys, by account id. Read by the background only; pages never need them. */
export const apiKeysItem = /* @__PURE__ */ defineItem<Record<string, string>>('apiKeys', {
  fallback: {},
});

/** What the extension is showing: nothing yet, the user's accounts, or the sample workspace. */
export type Mode = 'none' | 'key' | 'sample';

export function modeOf(accounts: readonly Account[]): Mode {
  if (accounts.length === 0) return 'none';
  return accounts.every((a) => a.sample) ? 'sample' : 'key';
}

export { EMPTY_SNAPSHOT, type Snapshot, type SnapshotError } from './snapshot';

/**
 * A storage item kept as JSON text. Chrome reads a string out of storage.local several times faster
 * than the same data as objects (measured: 0.7 ms against 6 ms for 500 models), and the popup's
 * first paint waits on this read.
 */
export function jsonItem<T extends object>(key: string, fallback: T) {
  const raw = defineItem<string | null>(key, { fallback: null });
  const decode = (text: string | null): T => {
    if (typeof text !== 'string' || text === '') return fallback;
    try {
      // Merged over the fallback, so a value written by an older version gains new fields.
      return { ...fallback, ...(JSON.parse(text) as Partial<T>) };
    } catch {
      return fallback;
    }
  };
  return {
    raw,
    fallback,
    decode,
    getValue: async () => decode(await raw.getValue()),
    setValue: (value: T) => raw.setValue(JSON.stringify(value)),
    removeValue: () => raw.removeValue(),
    watch: (callback: (next: T, previous: T) => void) =>
      raw.watch((next, previous) => callback(decode(next), decode(previous))),
    /** The write for `setItems`, so it can share one atomic write with other items. */
    entry: (value: T) => ({ item: raw, value: JSON.stringify(value) }),
  };
}

export type JsonItem<T extends object> = ReturnType<typeof jsonItem<T>>;

/** Every account's snapshot, by account id, in one item: a page reads them all in one call. */
export const snapshotsItem = /* @__PURE__ */ jsonItem<Record<string, Snapshot>>('snapshots', {});

/** One account's snapshot, complete even if stored by an older version. */
export function snapshotOf(snapshots: Record<string, Snapshot>, accountId: string): Snapshot {
  const stored = snapshots[accountId];
  return stored ? { ...EMPTY_SNAPSHOT, ...stored } : EMPTY_SNAPSHOT;
}

/** The user's choices on the options page. */
export interface Settings {
  /** Minutes between checks while a model of yours is being created or trained. */
  activeMinutes: number;
  /** Minutes between checks when nothing is training. */
  idleMinutes: number;
  /** Notify when a model finishes training or fails (needs the optional permission). */
  notify: boolean;
  /** The badge counts models being created (CREATING) as well as TRAINING ones. */
  countCreating: boolean;
}

/** The safe range of each interval: the API is not hammered, and news is not hours late. */
export const INTERVAL_BOUNDS = {
  activeMinutes: { min: 1, max: 10 },
  idleMinutes: { min: 5, max: 120 },
} as const;

export const DEFAULT_SETTINGS: Settings = {
  activeMinutes: 1,
  idleMinutes: 15,
  notify: false,
  countCreating: false,
};

export const settingsItem = /* @__PURE__ */ defineItem<Settings>('settings', {
  fallback: DEFAULT_SETTINGS,
});

/** Settings as stored, with anything missing or out of range replaced by a safe value. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

export function normalizeSettings(stored: Partial<Settings> | null | undefined): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...stored };
  const clampMinutes = (key: keyof typeof INTERVAL_BOUNDS) => {
    const { min, max } = INTERVAL_BOUNDS[key];
    const value = Number(merged[key]);
    return Number.isFinite(value)
      ? Math.min(max, Math.max(min, Math.round(value)))
      : DEFAULT_SETTINGS[key];
  };
  return {
    activeMinutes: clampMinutes('activeMinutes'),
    idleMinutes: clampMinutes('idleMinutes'),
    notify: merged.notify === true,
    countCreating: merged.countCreating === true,
  };
}

/** How refreshing an account has been going: consecutive failures, and a server-set wait. */
export interface RefreshState {
  failures: number;
  /** Until then the API asked not to be called (Retry-After); null when it did not. */
  retryAt: number | null;
}

export const FRESH_STATE: RefreshState = { failures: 0, retryAt: null };

/** Each account's refresh state, by account id. */
export const refreshStatesItem = /* @__PURE__ */ defineItem<Record<string, RefreshState>>(
  'refreshStates',
  { fallback: {} },
);

/** What adding, removing or migrating accounts rewrites, always together. */
export interface Layout {
  accounts: Account[];
  apiKeys: Record<string, string>;
  snapshots: Record<string, Snapshot>;
  refreshStates: Record<string, RefreshState>;
}

/** A layout as entries of one `setItems` write, so accounts, keys and data change at once. */
export function layoutEntries(layout: Layout): Entry[] {
  return [
    { item: accountsItem, value: layout.accounts },
    { item: apiKeysItem, value: layout.apiKeys },
    snapshotsItem.entry(layout.snapshots),
    { item: refreshStatesItem, value: layout.refreshStates },
  ];
}

/** A model that finished training or failed, waiting to be announced. */
export interface Notice {
  modelId: string;
  name: string;
  status: 'COMPLETED' | 'ERRORED';
  uri: string | null;
  at: number;
  /** The account's label, when there is more than one account to tell apart. */
  account?: string;
}

/** Written in the same storage write as the snapshot that revealed them, so none is lost or doubled. */
export const noticesItem = /* @__PURE__ */ defineItem<Notice[]>('pendingNotices', {
  fallback: [],
});

/** A model the popup should scroll to and highlight when it next opens (set by a notification click). */
export const focusModelItem = /* @__PURE__ */ defineItem<string | null>('focusModel', {
  fallback: null,
});

/** What the popup remembers between openings. */
export interface PopupPrefs {
  tab: 'models' | 'datasets';
  /** Status toggles that are on; none on shows every status. */
  statuses: string[];
  scope: 'all' | 'mine' | 'shared';
  sort: 'updated' | 'name' | 'status';
  /** The account shown, or every account. */
  account: string;
}

export const ALL_ACCOUNTS = 'all';

export const popupPrefsItem = /* @__PURE__ */ defineItem<PopupPrefs>('popupPrefs', {
  fallback: { tab: 'models', statuses: [], scope: 'all', sort: 'updated', account: ALL_ACCOUNTS },
});

/** Models the user pinned (ids): they come first in the popup, the address bar and the menu. */
export const pinsItem = /* @__PURE__ */ defineItem<string[]>('pins', {
  fallback: [],
});

/** The last models copied or inserted (ids, newest first). */
export const recentsItem = /* @__PURE__ */ defineItem<string[]>('recents', {
  fallback: [],
});
export const MAX_RECENTS = 5;

/** Remembers that a model was just copied or inserted. */
export async function recordRecent(modelId: string): Promise<void> {
  const recents = await recentsItem.getValue();
  await recentsItem.setValue(
    [modelId, ...recents.filter((id) => id !== modelId)].slice(0, MAX_RECENTS),
  );
}

/** When moving an older layout forward failed: what to tell the user (the old data is kept). */
export const migrationErrorItem = /* @__PURE__ */ defineItem<{
  message: string;
  at: number;
} | null>('migrationError', { fallback: null });

/** A model or dataset, with the account it was listed in. */
export type Listed<T> = T & { accountId: string };

/**
 * Every account's models, each model once (a model shared with two accounts is listed under the
 * first), with the account it is listed under.
 */
export function allModels(
  accounts: readonly Account[],
  snapshots: Record<string, Snapshot>,
): Listed<Model>[] {
  const seen = new Set<string>();
  const models: Listed<Model>[] = [];
  for (const account of accounts) {
    for (const model of snapshotOf(snapshots, account.id).models) {
      if (seen.has(model.id)) continue;
      seen.add(model.id);
      models.push({ ...model, accountId: account.id });
    }
  }
  return models;
}
