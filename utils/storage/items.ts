import * as v from 'valibot';
import { EMPTY_SNAPSHOT, parseSnapshot, type Snapshot } from './snapshot';

export type { Snapshot, SnapshotError } from './snapshot';
export { EMPTY_SNAPSHOT } from './snapshot';
import { exactly, listOf, objectOf, recordOf } from './parse';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings, SettingsSchema } from './settings';
import { defineItem, defineJsonItem, describeRaw } from './store';

// Everything the extension keeps, declared once, each item with how a stored value is parsed.
// All of it is in storage.local: it survives browser restarts (the badge needs it at start-up)
// and never syncs through the browser account. The layout has a version (`schema`);
// ./migrate.ts moves older layouts forward and leaves newer ones alone. Only the background
// writes, through ./writer.ts.

export const SCHEMA_VERSION = 2;
export const schemaItem = /* @__PURE__ */ defineItem<number | null>('schema', {
  fallback: null,
  parse: exactly(v.pipe(v.number(), v.integer(), v.minValue(0))),
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

const AccountEntry = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    // A label or time that cannot be read is not a reason to lose the account (and its key).
    label: v.fallback(v.pipe(v.string(), v.maxLength(200)), ''),
    since: v.fallback(v.pipe(v.number(), v.finite()), 0),
    sample: v.fallback(v.optional(v.boolean()), undefined),
  }),
  v.transform((a): Account => {
    const account: Account = { id: a.id, label: a.label, since: a.since };
    if (a.sample === true) account.sample = true;
    return account;
  }),
);
const StrictAccount = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  since: v.pipe(v.number(), v.finite()),
  sample: v.optional(v.literal(true)),
});

export const accountsItem = /* @__PURE__ */ defineItem<Account[]>('accounts', {
  fallback: [],
  parse(raw) {
    const listed = listOf(AccountEntry, 'accounts')(raw);
    if (!listed) return null;
    const seen = new Set<string>();
    const problems = listed.problem ? [listed.problem] : [];
    const accounts: Account[] = [];
    let n = 0;
    for (const account of listed.value) {
      if (seen.has(account.id)) {
        problems.push('an account was listed twice');
        continue;
      }
      seen.add(account.id);
      n += 1;
      accounts.push(account.label.trim() === '' ? { ...account, label: `Account ${n}` } : account);
    }
    const strict = Array.isArray(raw) && raw.every((a) => v.is(StrictAccount, a));
    if (!strict && problems.length === 0) problems.push('some accounts had unusable fields');
    return { value: accounts, problem: problems.length > 0 ? problems.join('; ') : null };
  },
});

/** The API keys, by account id. Read by the background only; pages never need them. */
export const apiKeysItem = /* @__PURE__ */ defineItem<Record<string, string>>('apiKeys', {
  fallback: {},
  parse: recordOf(v.pipe(v.string(), v.minLength(1)), 'keys'),
});

/** Every account's snapshot, by account id, in one item: a page reads them all in one call. */
export const snapshotsItem = /* @__PURE__ */ defineJsonItem<Record<string, Snapshot>>('snapshots', {
  fallback: {},
  parse(raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const snapshots: Record<string, Snapshot> = {};
    let repaired = 0;
    for (const [id, value] of Object.entries(raw)) {
      const parsed = parseSnapshot(value);
      if (!parsed) {
        repaired += 1;
        continue;
      }
      snapshots[id] = parsed.value;
      repaired += parsed.repaired;
    }
    return {
      value: snapshots,
      problem:
        repaired > 0
          ? `${repaired} unreadable ${repaired === 1 ? 'part was' : 'parts were'} left out; the lists will be fetched again`
          : null,
    };
  },
});

/** One account's snapshot, complete even if stored by an older version. */
export function snapshotOf(snapshots: Record<string, Snapshot>, accountId: string): Snapshot {
  const stored = snapshots[accountId];
  return stored ? { ...EMPTY_SNAPSHOT, ...stored } : EMPTY_SNAPSHOT;
}

export const settingsItem = /* @__PURE__ */ defineItem<Settings>('settings', {
  fallback: DEFAULT_SETTINGS,
  parse(raw) {
    if (typeof raw !== 'object' || Array.isArray(raw)) return null;
    const value = normalizeSettings(raw);
    // Settings an older version saved lack newer fields: that is not damage.
    const complete = { ...DEFAULT_SETTINGS, ...(raw as object) };
    return {
      value,
      problem: v.is(SettingsSchema, complete)
        ? null
        : 'some settings had unusable values and were set to the nearest valid ones',
    };
  },
});

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
  {
    fallback: {},
    parse: recordOf(
      v.object({
        failures: v.pipe(v.number(), v.integer(), v.minValue(0)),
        retryAt: v.nullable(v.pipe(v.number(), v.finite())),
      }),
      'refresh states',
    ),
  },
);

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

const NoticeEntry: v.GenericSchema<unknown, Notice> = v.pipe(
  v.object({
    modelId: v.pipe(v.string(), v.minLength(1)),
    name: v.string(),
    status: v.picklist(['COMPLETED', 'ERRORED']),
    uri: v.nullable(v.string()),
    at: v.number(),
    account: v.optional(v.string()),
  }),
  v.transform((n) => {
    if (n.account === undefined) delete n.account;
    return n as Notice;
  }),
);

/** Written in the same transaction as the snapshot that revealed them, so none is lost. */
export const noticesItem = /* @__PURE__ */ defineItem<Notice[]>('pendingNotices', {
  fallback: [],
  parse: listOf(NoticeEntry, 'notices'),
});

/**
 * The finishes already announced (`<model id>:<status>`), newest last: a model seen by two keys of
 * the same user, or by a check and a full list, is announced once.
 */
export const announcedItem = /* @__PURE__ */ defineItem<string[]>('announced', {
  fallback: [],
  parse: listOf(v.string(), 'entries'),
});
export const MAX_ANNOUNCED = 500;

/** A model the popup should scroll to and highlight when it next opens (set by a notification click). */
export const focusModelItem = /* @__PURE__ */ defineItem<string | null>('focusModel', {
  fallback: null,
  parse: exactly(v.pipe(v.string(), v.minLength(1))),
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

const DEFAULT_PREFS: PopupPrefs = {
  tab: 'models',
  statuses: [],
  scope: 'all',
  sort: 'updated',
  account: ALL_ACCOUNTS,
};

const Tab = v.picklist(['models', 'datasets']);
const Statuses = v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64)));
const Scope = v.picklist(['all', 'mine', 'shared']);
const Sort = v.picklist(['updated', 'name', 'status']);
const AccountChoice = v.pipe(v.string(), v.minLength(1));

/** A change of preferences a page sends: any of the fields, each valid. */
export const PopupPrefsChanges = v.partial(
  v.object({ tab: Tab, statuses: Statuses, scope: Scope, sort: Sort, account: AccountChoice }),
);

/** A field an older version did not store takes its default, silently; a bad one is repaired. */
const field = <T>(schema: v.GenericSchema<unknown, T>, fallback: T, lenient: boolean) =>
  lenient ? v.fallback(v.optional(schema, fallback), fallback) : v.optional(schema, fallback);
const prefsSchema = (lenient: boolean): v.GenericSchema<unknown, PopupPrefs> =>
  v.object({
    tab: field(Tab, DEFAULT_PREFS.tab, lenient),
    statuses: field(Statuses, DEFAULT_PREFS.statuses, lenient),
    scope: field(Scope, DEFAULT_PREFS.scope, lenient),
    sort: field(Sort, DEFAULT_PREFS.sort, lenient),
    account: field(AccountChoice, DEFAULT_PREFS.account, lenient),
  });

export const popupPrefsItem = /* @__PURE__ */ defineItem<PopupPrefs>('popupPrefs', {
  fallback: DEFAULT_PREFS,
  parse: objectOf(prefsSchema(false), prefsSchema(true)),
});

const ModelIds = listOf(v.pipe(v.string(), v.minLength(1)), 'entries');

/** Models the user pinned (ids): they come first in the popup, the address bar and the menu. */
export const pinsItem = /* @__PURE__ */ defineItem<string[]>('pins', {
  fallback: [],
  parse: ModelIds,
});

/** The last models copied or inserted (ids, newest first). */
export const recentsItem = /* @__PURE__ */ defineItem<string[]>('recents', {
  fallback: [],
  parse: ModelIds,
});
export const MAX_RECENTS = 5;

/** When moving an older layout forward failed: what to tell the user (the old data is kept). */
export const migrationErrorItem = /* @__PURE__ */ defineItem<{
  message: string;
  at: number;
} | null>('migrationError', {
  fallback: null,
  parse: exactly(v.object({ message: v.string(), at: v.number() })),
});

/** A stored item that was found damaged and repaired: told once in the options page. */
export interface StorageRepair {
  /** What the item holds, in words ("your accounts"). */
  what: string;
  /** What was wrong and what was done. */
  problem: string;
  at: number;
}

export const storageReportItem = /* @__PURE__ */ defineItem<StorageRepair[]>('storageReport', {
  fallback: [],
  parse: listOf(v.object({ what: v.string(), problem: v.string(), at: v.number() }), 'entries'),
});

export { describeRaw };
