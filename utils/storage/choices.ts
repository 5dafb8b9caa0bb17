import * as v from 'valibot';
import { isRecord } from './is-record';
import { exactly, listOf, objectOf } from './parse';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings, SettingsSchema } from './settings';
import { defineItem } from './store';

// What the user chose and what the extension remembers for them: settings, the popup's filters,
// pins, recently copied models, and the model a notification asked the popup to show.

export const settingsItem = /* @__PURE__ */ defineItem<Settings>('settings', {
  fallback: DEFAULT_SETTINGS,
  parse(raw) {
    if (!isRecord(raw)) return null;
    const value = normalizeSettings(raw);
    // Settings an older version saved lack newer fields: that is not damage.
    const complete = { ...DEFAULT_SETTINGS, ...raw };
    return {
      value,
      problem: v.is(SettingsSchema, complete)
        ? null
        : 'some settings had unusable values and were set to the nearest valid ones',
    };
  },
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

/** A model the popup should scroll to and highlight when it next opens (set by a notification click). */
export const focusModelItem = /* @__PURE__ */ defineItem<string | null>('focusModel', {
  fallback: null,
  parse: exactly(v.pipe(v.string(), v.minLength(1))),
});

/** Hints the user dismissed (by id), so they are not shown again. */
export const dismissedHintsItem = /* @__PURE__ */ defineItem<string[]>('dismissedHints', {
  fallback: [],
  parse: listOf(v.pipe(v.string(), v.minLength(1), v.maxLength(40)), 'hints'),
});
