// Long: the popup's state and the views derived from it, one signal graph; pieces would import each other.
import { computed, signal } from '@preact/signals';
import type { Dataset, DatasetDetail, Model } from '../../utils/api/types';
import { ALL_ACCOUNTS, pinsItem, popupPrefsItem } from '../../utils/storage/choices';
import { firstScreenItem } from '../../utils/storage/first-screen-item';
import {
  type Account,
  accountsItem,
  refreshStatesItem,
  type Snapshot,
  snapshotOf,
  snapshotsItem,
} from '../../utils/storage/items';
import { allModels, type Listed, modeOf } from '../../utils/storage/all-accounts';
import {
  firstScreenKey,
  historiesOf,
  listedDatasetsOf,
  shownAccountsOf,
} from '../../utils/views/first-screen';
import type { PastTraining } from '../../utils/models/training';
import { countByStatus, indexModels, visibleModels } from '../../utils/views/models';
import { waitEnd } from '../../utils/words/wait';
import { loadStored, storedSignal } from '../stored';
import type { TrainingBase } from '../../utils/api/types';
import { trainingsItem } from '../../utils/storage/trainings';

// The popup's state. What the background stored is mirrored as signals; what the popup shows is
// computed from them; ./actions holds what the user does. Components only read and call.
//
// The popup paints from small items first (the accounts, its choices, and the first screen the
// background prepared) and reads the whole lists just after: with 10,000 models those take tens
// of milliseconds to read, which the first row does not wait for.

const accounts = storedSignal(accountsItem);
const snapshots = storedSignal(snapshotsItem);
const firstScreen = storedSignal(firstScreenItem);
const prefs = storedSignal(popupPrefsItem);
const pins = storedSignal(pinsItem);
const refreshStates = storedSignal(refreshStatesItem);
/** The trainings started here: the base (4.0 or 3.0) the API never says. Read with the lists. */
const trainings = storedSignal(trainingsItem);

/** The base a model was trained on, when Model Watch started its training. */
export const baseOf = (modelId: string): TrainingBase | null =>
  trainings.value[modelId]?.base ?? null;

export const loaded = loadStored(accounts, firstScreen, prefs, pins, refreshStates);

/** True once the whole lists are read (or arrived with a change). */
export const listsLoaded = signal(false);
snapshotsItem.watch(() => (listsLoaded.value = true));

/** Reads the whole lists (after the first paint). */
export async function loadLists(): Promise<void> {
  await loadStored(snapshots, trainings);
  listsLoaded.value = true;
}

export type { Listed };

/** Text in the search box (not remembered: a fresh opening starts with every model). */
export const query = signal('');
/** The clock the "2 min ago" texts read; ticks while the popup is open. */
export const now = signal(Date.now());
export const refreshing = signal(false);
/** The last thing said to the user about an action ("Copied the URI of Brand v2"). */
export const announcement = signal<{ text: string; tone: 'ok' | 'error'; at: number } | null>(null);
/** A model to scroll to and highlight (from a dataset's model list or a notification). */
export const highlighted = signal<string | null>(null);
/** The dataset open in the Datasets tab, as `account:dataset`. */
export const openDatasetKey = signal<string | null>(null);
/** The row whose menu is open, and where to draw it. */
export const rowMenu = signal<{
  modelId: string;
  /** Where the menu opens: under its button, or (without room below) above it. */
  below: number;
  above: number;
  right: number;
} | null>(null);
/** Whether the filter panel is open. */
export const filtersOpen = signal(false);
/** The model whose page is open over the list, as `account:model`. */
export const openModelKey = signal<string | null>(null);
/** Reading an open model's detail: under way, or what went wrong (by `account:model`). */
export const modelReads = signal<
  ReadonlyMap<string, { state: 'loading' } | { state: 'error'; message: string }>
>(new Map());
export type DetailState =
  | { state: 'loading' }
  | { state: 'ready'; detail: DatasetDetail }
  | { state: 'error'; message: string };
export const datasetDetails = signal<ReadonlyMap<string, DetailState>>(new Map());

/**
 * Images waiting in the studio's trays, per `accountId:datasetId`: read after the first paint, by
 * code loaded then (IndexedDB's, which no row needs: only the Datasets tab says what waits).
 */
export const trayWaiting = signal<ReadonlyMap<string, number>>(new Map());
export async function loadTrayWaiting(): Promise<void> {
  const tray = await import('../../utils/studio/tray').catch(() => null);
  // The extension's own file did not load (an update replaced it): no counts, as when unreadable.
  if (!tray) return;
  const read = () =>
    tray.trayCounts().then(
      (counts) => (trayWaiting.value = counts),
      () => {},
    );
  tray.watchTray(() => void read());
  await read();
}

export const state = {
  accounts,
  snapshots,
  prefs,
  pins,
  refreshStates,
  firstScreen,
};

export const mode = computed(() => modeOf(accounts.value));
export const multiAccount = computed(() => accounts.value.length > 1);
export const accountLabels = computed(() => new Map(accounts.value.map((a) => [a.id, a.label])));
/** The account shown: one that still exists, or every account. */
export const selectedAccount = computed(() => {
  const chosen = prefs.value.account ?? ALL_ACCOUNTS;
  return accounts.value.some((a) => a.id === chosen) ? chosen : ALL_ACCOUNTS;
});
export const shownAccounts = computed((): Account[] =>
  shownAccountsOf(accounts.value, { ...prefs.value, account: selectedAccount.value }),
);

/** Whether the background's first screen is what this popup would show now (and is used). */
export const onFirstScreen = computed(() => {
  const first = firstScreen.value;
  return (
    !listsLoaded.value &&
    first !== null &&
    query.value === '' &&
    first.key === firstScreenKey(accounts.value, prefs.value, pins.value)
  );
});

/** The snapshots to show: the whole lists, or (until read) the first screen's rows. */
const viewSnapshots = computed((): Record<string, Snapshot> => {
  if (listsLoaded.value || !onFirstScreen.value) return snapshots.value;
  const first = firstScreen.value!;
  return Object.fromEntries(
    Object.entries(first.accounts).map(([id, s]) => [
      id,
      {
        ...s,
        sharedAt: s.listedAt,
        datasetsAt: s.listedAt,
        models: first.rows.filter((m) => m.accountId === id),
        datasets: first.datasetRows.filter((d) => d.accountId === id),
        dropped: 0,
      },
    ]),
  );
});

/** Nothing to show yet: neither the first screen nor the lists are there. */
export const waitingForLists = computed(() => !listsLoaded.value && !onFirstScreen.value);

const shownSnapshots = computed(() =>
  shownAccounts.value.map((account) => ({
    account,
    snapshot: snapshotOf(viewSnapshots.value, account.id),
  })),
);

/** The shown accounts' models, each once, with its account. */
export const listedModels = computed(() => allModels(shownAccounts.value, viewSnapshots.value));
export const listedDatasets = computed(() =>
  listedDatasetsOf(shownAccounts.value, viewSnapshots.value),
);
/** Each shown account's past trainings, newest first: what the rows' estimates come from. */
export const histories = computed((): ReadonlyMap<string, PastTraining[]> => {
  if (onFirstScreen.value) {
    return new Map(Object.entries(firstScreen.value!.histories));
  }
  return historiesOf(shownAccounts.value, snapshots.value);
});

/** The counts on the tabs (the first screen knows them before the lists are read). */
export const tabCounts = computed(() =>
  onFirstScreen.value
    ? { models: firstScreen.value!.models, datasets: firstScreen.value!.datasets }
    : { models: listedModels.value.length, datasets: listedDatasets.value.length },
);
/** Accounts shown whose latest refresh failed. */
export const accountErrors = computed(() =>
  shownSnapshots.value.flatMap(({ account, snapshot }) =>
    snapshot.error ? [{ account, error: snapshot.error }] : [],
  ),
);
/** Accounts shown whose dataset list alone failed (the models came): said on the Datasets tab. */
export const datasetErrors = computed(() =>
  shownSnapshots.value.flatMap(({ account, snapshot }) =>
    snapshot.datasetsError && !snapshot.error ? [{ account, error: snapshot.datasetsError }] : [],
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

/**
 * Until when Ideogram asked not to be called (Retry-After), for the shown accounts: the refresh
 * controls are disabled until then and count down. Null when nothing is waiting.
 */
export const waitUntil = computed(() => {
  const ends = shownAccounts.value.flatMap((a) => {
    const stored = refreshStates.value[a.id];
    return stored ? [waitEnd(stored, now.value)] : [];
  });
  const waiting = ends.filter((t): t is number => t !== null);
  return waiting.length > 0 ? Math.min(...waiting) : null;
});

/** Longest account label a row shows before it is shortened, at a word, with an ellipsis. */
const TAG_LENGTH = 14;

/** A label short enough for a row's details, cut between words (the whole one is its title). */
export function shortLabel(label: string): string {
  if (label.length <= TAG_LENGTH) return label;
  const cut = label.slice(0, TAG_LENGTH + 1).replace(/[\s\p{P}]+\S*$/u, '');
  return `${cut.length > 0 ? cut : label.slice(0, TAG_LENGTH)}…`;
}

/** Whose a row is: named only when the rows of several accounts are shown together. */
export function accountTag(accountId: string): string | undefined {
  return multiAccount.value && selectedAccount.value === ALL_ACCOUNTS
    ? accountLabels.value.get(accountId)
    : undefined;
}

/** Pinned models come first in every list. */
export const pinned = computed(() => new Set(pins.value));

export const index = computed(() => indexModels(listedModels.value));
export const statusCounts = computed(() =>
  countByStatus(index.value, { scope: prefs.value.scope, query: query.value }),
);
export const shownModels = computed(() => {
  const { statuses, scope, sort } = prefs.value;
  return visibleModels(index.value, { statuses, scope, query: query.value }, sort, pinned.value);
});

/** Whether anything narrows the list (a search, a status, whose, an account). */
export const filtered = computed(() => {
  const { statuses, scope } = prefs.value;
  return (
    query.value.trim() !== '' ||
    statuses.length > 0 ||
    scope !== 'all' ||
    (multiAccount.value && selectedAccount.value !== ALL_ACCOUNTS)
  );
});

/**
 * What changes the list's order or contents: when it does, the list goes back to its top, so the
 * first match (the one Enter copies) is always on screen.
 */
export const listKey = computed(() => {
  const { statuses, scope, sort } = prefs.value;
  return JSON.stringify([query.value, statuses, scope, sort, selectedAccount.value]);
});

export const datasetNames = computed((): Map<string, string> => {
  if (onFirstScreen.value) {
    return new Map(Object.entries(firstScreen.value!.datasetNames));
  }
  return new Map(listedDatasets.value.map((d) => [`${d.accountId}:${d.id}`, d.name]));
});
export const modelsById = computed(
  () => new Map(listedModels.value.map((m): [string, Listed<Model>] => [m.id, m])),
);
/** The models trained from each dataset (`account:dataset`), from the lists. */
export const modelsOfDataset = computed(() => {
  const map = new Map<string, Listed<Model>[]>();
  for (const m of listedModels.value) {
    if (!m.datasetId) continue;
    const key = `${m.accountId}:${m.datasetId}`;
    map.set(key, [...(map.get(key) ?? []), m]);
  }
  return map;
});

export type ListedDataset = Listed<Dataset>;
