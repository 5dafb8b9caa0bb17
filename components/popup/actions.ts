// Long: every action a popup click starts (copy, pin, refresh, open, menus), each a few lines; split, they would scatter one list.
import { browser } from 'wxt/browser';
import type { Model } from '../../utils/api/types';
import { failureMessage, sendMessage } from '../../utils/messaging/channel';
import { ALL_ACCOUNTS, type PopupPrefs } from '../../utils/storage/choices';
import { studioPath } from '../../utils/studio/route';
import { primaryCopy, uriUnavailableReason } from '../../utils/models/pick';
import { waitWords } from '../../utils/words/wait';
import {
  announcement,
  datasetDetails,
  type DetailState,
  filtersOpen,
  highlighted,
  type Listed,
  listedModels,
  modelReads,
  openDatasetKey,
  openModelKey,
  query,
  refreshing,
  rowMenu,
  shownModels,
  state,
  waitUntil,
} from './model';

// What the user does in the popup. Each action changes the state in ./model (at once, so the
// popup answers without waiting) and asks the background for whatever must be fetched or kept.

export function announce(text: string, tone: 'ok' | 'error' = 'ok') {
  announcement.value = { text, tone, at: Date.now() };
}

export function togglePin(id: string) {
  const pinned = !state.pins.value.includes(id);
  // Shown at once; the background stores it (and the stored pins come back the same).
  state.pins.value = pinned ? [...state.pins.value, id] : state.pins.value.filter((p) => p !== id);
  announce(pinned ? 'Pinned: it comes first everywhere.' : 'Unpinned.');
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

export function setTab(tab: PopupPrefs['tab']) {
  const was = state.prefs.value.tab;
  updatePrefs({ tab });
  // The dataset list is fetched when its tab is shown (unless it is a minute old).
  if (tab === 'datasets' && was !== 'datasets') void refreshOnOpening(true);
}
export const setScope = (scope: PopupPrefs['scope']) => updatePrefs({ scope });
export const setSort = (sort: PopupPrefs['sort']) => updatePrefs({ sort });
export const setAccount = (account: string) => updatePrefs({ account });

export function toggleStatus(status: string) {
  const current = state.prefs.value.statuses;
  updatePrefs({
    statuses: current.includes(status) ? current.filter((s) => s !== status) : [...current, status],
  });
}

/** "Show all": no search, any status, mine and shared, every account. */
export function showAll() {
  query.value = '';
  updatePrefs({ statuses: [], scope: 'all', account: ALL_ACCOUNTS });
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

/**
 * The popup opened (or showed its Datasets tab): the background fetches what is stale, quietly
 * (the refresh control does not spin for it). What comes arrives through storage.
 */
export async function refreshOnOpening(datasets = state.prefs.value.tab === 'datasets') {
  try {
    await sendMessage('refresh', { opening: { datasets } });
  } catch {
    // Shown through the snapshots' errors, or the stale "Updated …" time.
  }
}

/** Asks the background for fresh lists; the new snapshots arrive through storage. */
export async function refresh(force: boolean) {
  // While Ideogram asks to wait, nothing is sent: the control that was pressed says why.
  const until = waitUntil.value;
  if (force && until !== null) {
    announce(waitWords(until), 'error');
    return;
  }
  if (refreshing.value) return;
  refreshing.value = true;
  try {
    await sendMessage('refresh', { force });
  } catch {
    // Shown through the snapshots' errors, or the stale "Updated …" time.
  } finally {
    refreshing.value = false;
  }
}

/** Copies a model's text ("the URI of Brand v2"), says so, and counts it as used. */
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

/** Copies a dataset's ID (what uploading to it or training from it takes). */
export async function copyDatasetId(dataset: { id: string; name: string }) {
  try {
    await navigator.clipboard.writeText(dataset.id);
    announce(`Copied the ID of the dataset ${dataset.name}.`);
  } catch {
    announce('The browser did not allow copying. Select the text and copy it by hand.', 'error');
  }
}

/** The row's primary action: its URI when a generate call can use it, else its ID (and says so). */
export function copyPrimary(model: Model) {
  const { text, isUri } = primaryCopy(model);
  return copyText(text, isUri ? 'URI' : 'ID (no usable URI)', model);
}

export const copyId = (model: Model) => copyText(model.id, 'ID', model);

/** Copies the URI, or says (where the user asked) why there is none to copy. */
export function copyUri(model: Model) {
  const reason = uriUnavailableReason(model);
  if (reason) {
    announce(reason, 'error');
    return Promise.resolve(false);
  }
  return copyText(model.uri!, 'URI', model);
}

/** Opens the studio (a dataset's page in it, when given) in a tab. */
export function openStudio(accountId?: string, datasetId?: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(studioPath(accountId, datasetId)) });
  window.close();
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

/**
 * Opens a model's page over the list, and reads its detail now (for the user's own models, the
 * training runs); what is read is kept with the lists, so the page (and the row) update.
 */
export async function openModel(model: Listed<Model> | null) {
  if (model === null) {
    const key = openModelKey.value;
    openModelKey.value = null;
    // Back to the list where it was, on the row that was opened.
    const id = key?.slice(key.indexOf(':') + 1) ?? '';
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-model-id="${CSS.escape(id)}"]`)?.focus(),
    );
    return;
  }
  rowMenu.value = null;
  const key = `${model.accountId}:${model.id}`;
  openModelKey.value = key;
  if (!model.owned) return;
  const setRead = (read: { state: 'loading' } | { state: 'error'; message: string } | null) => {
    const next = new Map(modelReads.value);
    if (read) next.set(key, read);
    else next.delete(key);
    modelReads.value = next;
  };
  setRead({ state: 'loading' });
  try {
    await sendMessage('getModel', { accountId: model.accountId, id: model.id });
    setRead(null);
  } catch (error) {
    setRead({
      state: 'error',
      message: failureMessage(error, 'Model Watch could not read this model’s details.'),
    });
  }
}

/** Shows a model in the Models tab, clearing filters (and account choice) that would hide it. */
export function showModel(id: string) {
  if (!listedModels.value.some((m) => m.id === id) || !shownModels.value.some((m) => m.id === id)) {
    showAll();
  }
  filtersOpen.value = false;
  setTab('models');
  highlighted.value = id;
}

/** A model named by a notification click (stored) or the page's address (`?model=`). */
export async function takeModelToShow(): Promise<string | null> {
  const fromUrl = new URLSearchParams(location.search).get('model');
  const stored = await sendMessage('takeFocusModel').catch(() => null);
  return fromUrl ?? stored;
}
