import { computed, signal } from '@preact/signals';
import type { Dataset, DatasetDetail } from '../../utils/api/types';
import {
  type Account,
  accountsItem,
  refreshStatesItem,
  snapshotOf,
  snapshotsItem,
} from '../../utils/storage/items';
import { ALL_ACCOUNTS, pinsItem, popupPrefsItem, settingsItem } from '../../utils/storage/choices';
import { allModels, type Listed, modeOf } from '../../utils/storage/layout';
import type { SnapshotError } from '../../utils/storage/snapshot';
import { loadStored, storedSignal } from '../stored';
import { waitEnd } from '../../utils/words/wait';
import { countByStatus, indexModels, visibleModels } from './view-logic';

// The popup's state. What the background stored is mirrored as signals; what the popup shows is
// computed from them; ./actions holds what the user does. Components only read and call.

const accounts = storedSignal(accountsItem);
const snapshots = storedSignal(snapshotsItem);
const settings = storedSignal(settingsItem);
const prefs = storedSignal(popupPrefsItem);
const pins = storedSignal(pinsItem);
const refreshStates = storedSignal(refreshStatesItem);

export const loaded = loadStored(accounts, snapshots, settings, prefs, pins, refreshStates);

export type { Listed };

/** Text in the search box (not remembered: a fresh opening starts with every model). */
export const query = signal('');
/** The clock the "2 min ago" texts read; ticks while the popup is open. */
export const now = signal(Date.now());
export const refreshing = signal(false);
/** The last thing said to the user about an action ("Copied the URI of Brand v2"). */
export const announcement = signal<{ text: string; tone: 'ok' | 'error'; at: number } | null>(null);
/** A model to scroll to and highlight (from a dataset's link or a notification). */
export const highlighted = signal<string | null>(null);
/** The dataset open in the Datasets tab, as `account:dataset`. */
export const openDatasetKey = signal<string | null>(null);
/** The row whose "More" menu is open, and where to draw it. */
export const rowMenu = signal<{ modelId: string; top: number; right: number } | null>(null);
export type DetailState =
  | { state: 'loading' }
  | { state: 'ready'; detail: DatasetDetail }
  | { state: 'error'; message: string };
export const datasetDetails = signal<ReadonlyMap<string, DetailState>>(new Map());

export const state = {
  accounts: accounts.value,
  snapshots: snapshots.value,
  settings: settings.value,
  prefs: prefs.value,
  pins: pins.value,
  refreshStates: refreshStates.value,
};

export const mode = computed(() => modeOf(accounts.value.value));
export const multiAccount = computed(() => accounts.value.value.length > 1);
export const accountLabels = computed(
  () => new Map(accounts.value.value.map((a) => [a.id, a.label])),
);
/** The account shown: one that still exists, or every account. */
export const selectedAccount = computed(() => {
  const chosen = prefs.value.value.account ?? ALL_ACCOUNTS;
  return accounts.value.value.some((a) => a.id === chosen) ? chosen : ALL_ACCOUNTS;
});
export const shownAccounts = computed((): Account[] =>
  selectedAccount.value === ALL_ACCOUNTS
    ? accounts.value.value
    : accounts.value.value.filter((a) => a.id === selectedAccount.value),
);
const shownSnapshots = computed(() =>
  shownAccounts.value.map((account) => ({
    account,
    snapshot: snapshotOf(snapshots.value.value, account.id),
  })),
);

/** The shown accounts' models, each once, with its account. */
export const listedModels = computed(() => allModels(shownAccounts.value, snapshots.value.value));
export const listedDatasets = computed(() =>
  shownSnapshots.value.flatMap(({ account, snapshot }) =>
    snapshot.datasets.map((d): Listed<Dataset> => ({ ...d, accountId: account.id })),
  ),
);
/** Accounts shown whose latest refresh failed. */
export const accountErrors = computed(() =>
  shownSnapshots.value.flatMap(({ account, snapshot }) =>
    snapshot.error ? [{ account, error: snapshot.error as SnapshotError }] : [],
  ),
);
/**
 * Until when Ideogram asked not to be called (Retry-After), for the shown accounts: the refresh
 * controls are disabled until then and count down. Null when nothing is waiting.
 */
export const waitUntil = computed(() => {
  const ends = shownAccounts.value.flatMap((a) => {
    const state = refreshStates.value.value[a.id];
    return state ? [waitEnd(state, now.value)] : [];
  });
  const waiting = ends.filter((t): t is number => t !== null);
  return waiting.length > 0 ? Math.min(...waiting) : null;
});

/** Accounts shown whose dataset list alone failed (the models came): said on the Datasets tab. */
export const datasetErrors = computed(() =>
  shownSnapshots.value.flatMap(({ account, snapshot }) =>
    snapshot.datasetsError && !snapshot.error
      ? [{ account, error: snapshot.datasetsError as SnapshotError }]
      : [],
  ),
);

/** True once any shown account has lists to show. */
export const hasData = computed(() =>
  shownSnapshots.value.some((s) => s.snapshot.listedAt !== null),
);
/** When the shown data was checked: the least recent account counts. */
export const checkedAt = computed(() => {
  const times = shownSnapshots.value.map((s) => s.snapshot.checkedAt);
  return times.some((t) => t === null) ? null : Math.min(...(times as number[]));
});

/** Whose a row is: named only when the rows of several accounts are shown together. */
export function accountTag(accountId: string): string | undefined {
  return multiAccount.value && selectedAccount.value === ALL_ACCOUNTS
    ? accountLabels.value.get(accountId)
    : undefined;
}

/** Pinned models come first in every list. */
export const pinned = computed(() => new Set(pins.value.value));

export const index = computed(() => indexModels(listedModels.value));
export const statusCounts = computed(() =>
  countByStatus(index.value, { scope: prefs.value.value.scope, query: query.value }),
);
export const shownModels = computed(() => {
  const { statuses, scope, sort } = prefs.value.value;
  return visibleModels(index.value, { statuses, scope, query: query.value }, sort, pinned.value);
});
export const datasetNames = computed(
  () => new Map(listedDatasets.value.map((d) => [`${d.accountId}:${d.id}`, d.name])),
);
export const modelsById = computed(() => new Map(listedModels.value.map((m) => [m.id, m])));
