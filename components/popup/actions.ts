import { browser } from 'wxt/browser';
import type { Model } from '../../utils/api/types';
import { failureMessage, sendMessage } from '../../utils/messaging/channel';
import { valueOf } from '../../utils/surfaces/pick';
import { ALL_ACCOUNTS, type PopupPrefs } from '../../utils/storage/choices';
import {
  announcement,
  datasetDetails,
  type DetailState,
  highlighted,
  listedModels,
  openDatasetKey,
  refreshing,
  shownModels,
  state,
  query,
} from './model';

// What the user does in the popup. Each action changes the state in ./model (at once, so the
// popup answers without waiting) and asks the background for whatever must be fetched or kept.

export function togglePin(id: string) {
  const pinned = !state.pins.value.includes(id);
  // Shown at once; the background stores it (and the stored pins come back the same).
  state.pins.value = pinned ? [...state.pins.value, id] : state.pins.value.filter((p) => p !== id);
  sendMessage('setPin', { modelId: id, pinned }).catch((error: unknown) =>
    announce(failureMessage(error, 'Model Watch could not save the pin.'), 'error'),
  );
}

function updatePrefs(changes: Partial<PopupPrefs>) {
  // Shown at once; the background remembers the fields that changed for the next opening.
  state.prefs.value = { ...state.prefs.value, ...changes };
  // A choice not remembered is not worth interrupting anyone for: it still applies now.
  sendMessage('setPopupPrefs', changes).catch(() => undefined);
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
  const current = state.prefs.value.statuses;
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
    sendMessage('recordRecent', { modelId: model.id }).catch(() => undefined);
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
  const stored = await sendMessage('takeFocusModel').catch(() => null);
  return fromUrl ?? stored;
}
