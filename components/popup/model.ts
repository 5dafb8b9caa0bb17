import { computed, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { Dataset, DatasetDetail, Model } from '../../utils/api/types';
import { failureMessage, sendMessage } from '../../utils/messaging/channel';
import {
  type Account,
  ALL_ACCOUNTS,
  accountsItem,
  allModels,
  focusModelItem,
  type Listed,
  modeOf,
  type PopupPrefs,
  pinsItem,
  popupPrefsItem,
  recordRecent,
  type SnapshotError,
  settingsItem,
  snapshotOf,
  snapshotsItem,
} from '../../utils/storage/items';
import { loadStored, storedSignal } from '../stored';
import { valueOf } from '../../utils/surfaces/pick';
import { countByStatus, indexModels, visibleModels } from './view-logic';

// The popup's state. What the background stored is mirrored as signals; what the popup shows is
// computed from them; the functions below are the user's actions. Components only read and call.

const accounts = storedSignal(accountsItem);
const snapshots = storedSignal(snapshotsItem);
const settings = storedSignal(settingsItem);
const prefs = storedSignal(popupPrefsItem);
const pins = storedSignal(pinsItem);

export const loaded = loadStored(accounts, snapshots, settings, prefs, pins);

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

export function togglePin(id: string) {
  const current = pins.value.value;
  const next = current.includes(id) ? current.filter((p) => p !== id) : [...current, id];
  pins.value.value = next;
  void pinsItem.setValue(next);
}

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

function updatePrefs(changes: Partial<PopupPrefs>) {
  const next = { ...prefs.value.value, ...changes };
  // Shown at once; stored on the side so the next opening remembers it.
  prefs.value.value = next;
  void popupPrefsItem.setValue(next);
}

export const setTab = (tab: PopupPrefs['tab']) => updatePrefs({ tab });
export const setScope = (scope: PopupPrefs['scope']) => updatePrefs({ scope });
export const setSort = (sort: PopupPrefs['sort']) => updatePrefs({ sort });
export const setAccount = (account: string) => updatePrefs({ account });
export const clearStatuses = () => updatePrefs({ statuses: [] });

/** Back to every model: no search, no status toggle, all scopes. */
export function clearFilters() {
  query.value = '';
  updatePrefs({ statuses: [], scope: 'all' });
}

export function toggleStatus(status: string) {
  const current = prefs.value.value.statuses;
  updatePrefs({
    statuses: current.includes(status) ? current.filter((s) => s !== status) : [...current, status],
  });
}

export function announce(text: string, tone: 'ok' | 'error' = 'ok') {
  announcement.value = { text, tone, at: Date.now() };
}

/** Opens the options page (the popup would close anyway as focus leaves it). */
export function openOptions() {
  void browser.runtime.openOptionsPage();
  window.close();
}

/** Fills the extension with the built-in sample account (from the set-up card). */
export async function startSample() {
  try {
    await sendMessage('startSample');
  } catch (error) {
    announce(failureMessage(error, 'Model Watch could not start the sample data.'), 'error');
  }
}

/** Asks the background for fresh lists; the new snapshots arrive through storage. */
export async function refresh(force: boolean) {
  refreshing.value = true;
  try {
    await sendMessage('refresh', { force });
  } catch {
    // Shown through the snapshots' errors, or the stale "Updated …" time.
  } finally {
    refreshing.value = false;
  }
}

export async function copyText(text: string, what: string, model: Model) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`Copied the ${what} of ${model.name}.`);
    void recordRecent(model.id);
    return true;
  } catch {
    announce('The browser did not allow copying. Select the text and copy it by hand.', 'error');
    return false;
  }
}

/** Enter on a row: its URI, or its ID when it has none (and says so). */
export function copyBest(model: Model) {
  const { text, isUri } = valueOf(model);
  return copyText(text, isUri ? 'URI' : 'ID (it has no URI)', model);
}

export async function openDataset(accountId: string, id: string | null) {
  if (id === null) {
    openDatasetKey.value = null;
    return;
  }
  const key = `${accountId}:${id}`;
  openDatasetKey.value = key;
  const known = datasetDetails.value.get(key);
  if (known && known.state !== 'error') return;
  const setDetail = (detail: DetailState) => {
    const next = new Map(datasetDetails.value);
    next.set(key, detail);
    datasetDetails.value = next;
  };
  setDetail({ state: 'loading' });
  try {
    setDetail({ state: 'ready', detail: await sendMessage('getDataset', { accountId, id }) });
  } catch (error) {
    setDetail({
      state: 'error',
      message: failureMessage(error, 'Model Watch could not load it.'),
    });
  }
}

/** Shows a dataset in the Datasets tab, opened. */
export function showDataset(accountId: string, id: string) {
  setTab('datasets');
  void openDataset(accountId, id);
}

/** Shows a model in the Models tab, clearing filters (and account choice) that would hide it. */
export function showModel(id: string) {
  if (!listedModels.value.some((m) => m.id === id)) setAccount(ALL_ACCOUNTS);
  if (!shownModels.value.some((m) => m.id === id)) clearFilters();
  setTab('models');
  highlighted.value = id;
}

/** A model named by a notification click (stored) or the page's address (`?model=`). */
export async function takeModelToShow(): Promise<string | null> {
  const fromUrl = new URLSearchParams(location.search).get('model');
  const stored = await focusModelItem.getValue();
  if (stored !== null) await focusModelItem.removeValue();
  return fromUrl ?? stored;
}
