import { computed, signal } from '@preact/signals';
import type { DatasetDetail, Model } from '../../utils/api/types';
import { MessageError, sendMessage } from '../../utils/messaging';
import {
  connectionItem,
  focusModelItem,
  type PopupPrefs,
  pinsItem,
  popupPrefsItem,
  recordRecent,
  settingsItem,
  snapshotItem,
} from '../../utils/storage';
import { loadStored, storedSignal } from '../stored';
import { copyTarget, countByStatus, indexModels, visibleModels } from './view-logic';

// The popup's state. What the background stored is mirrored as signals; what the popup shows is
// computed from them; the functions below are the user's actions. Components only read and call.

const connection = storedSignal(connectionItem);
const snapshot = storedSignal(snapshotItem);
const settings = storedSignal(settingsItem);
const prefs = storedSignal(popupPrefsItem);
const pins = storedSignal(pinsItem);

export const loaded = loadStored(connection, snapshot, settings, prefs, pins);

/** Text in the search box (not remembered: a fresh opening starts with every model). */
export const query = signal('');
/** The clock the "2 min ago" texts read; ticks while the popup is open. */
export const now = signal(Date.now());
export const refreshing = signal(false);
/** The last thing said to the user about an action ("Copied the URI of Brand v2"). */
export const announcement = signal<{ text: string; tone: 'ok' | 'error'; at: number } | null>(null);
/** A model to scroll to and highlight (from a dataset's link or a notification). */
export const highlighted = signal<string | null>(null);
export const openDatasetId = signal<string | null>(null);
/** The row whose "More" menu is open, and where to draw it. */
export const rowMenu = signal<{ modelId: string; top: number; right: number } | null>(null);
export type DetailState =
  | { state: 'loading' }
  | { state: 'ready'; detail: DatasetDetail }
  | { state: 'error'; message: string };
export const datasetDetails = signal<ReadonlyMap<string, DetailState>>(new Map());

export const state = {
  connection: connection.value,
  snapshot: snapshot.value,
  settings: settings.value,
  prefs: prefs.value,
  pins: pins.value,
};

/** Pinned models come first in every list. */
export const pinned = computed(() => new Set(pins.value.value));

export function togglePin(id: string) {
  const current = pins.value.value;
  const next = current.includes(id) ? current.filter((p) => p !== id) : [...current, id];
  pins.value.value = next;
  void pinsItem.setValue(next);
}

export const index = computed(() => indexModels(snapshot.value.value.models));
export const statusCounts = computed(() =>
  countByStatus(index.value, { scope: prefs.value.value.scope, query: query.value }),
);
export const shownModels = computed(() => {
  const { statuses, scope, sort } = prefs.value.value;
  return visibleModels(index.value, { statuses, scope, query: query.value }, sort, pinned.value);
});
export const datasetNames = computed(
  () => new Map(snapshot.value.value.datasets.map((d) => [d.id, d.name])),
);
export const modelsById = computed(
  () => new Map(snapshot.value.value.models.map((m) => [m.id, m])),
);

function updatePrefs(changes: Partial<PopupPrefs>) {
  const next = { ...prefs.value.value, ...changes };
  // Shown at once; stored on the side so the next opening remembers it.
  prefs.value.value = next;
  void popupPrefsItem.setValue(next);
}

export const setTab = (tab: PopupPrefs['tab']) => updatePrefs({ tab });
export const setScope = (scope: PopupPrefs['scope']) => updatePrefs({ scope });
export const setSort = (sort: PopupPrefs['sort']) => updatePrefs({ sort });
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

/** Asks the background for fresh lists; the new snapshot arrives through storage. */
export async function refresh(force: boolean) {
  refreshing.value = true;
  try {
    await sendMessage('refresh', { force });
  } catch {
    // Shown through the snapshot's error, or the stale "Updated …" time.
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
  const target = copyTarget(model);
  return copyText(target.text, target.what === 'URI' ? 'URI' : 'ID (it has no URI)', model);
}

export async function openDataset(id: string | null) {
  openDatasetId.value = id;
  if (id === null) return;
  const known = datasetDetails.value.get(id);
  if (known && known.state !== 'error') return;
  const setDetail = (detail: DetailState) => {
    const next = new Map(datasetDetails.value);
    next.set(id, detail);
    datasetDetails.value = next;
  };
  setDetail({ state: 'loading' });
  try {
    setDetail({ state: 'ready', detail: await sendMessage('getDataset', { id }) });
  } catch (error) {
    setDetail({
      state: 'error',
      message: error instanceof MessageError ? error.message : 'Model Watch could not load it.',
    });
  }
}

/** Shows a dataset in the Datasets tab, opened. */
export function showDataset(id: string) {
  setTab('datasets');
  void openDataset(id);
}

/** Shows a model in the Models tab, clearing filters that would hide it. */
export function showModel(id: string) {
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
