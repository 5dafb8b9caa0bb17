import { browser } from 'wxt/browser';
import { updateBadgeFromStorage } from './badge-sync';
import {
  apiFor,
  realApi,
  removeKey,
  type SourceDeps,
  saveKey,
  startSample,
  stopSample,
} from './connection';
import { insertMenuEntries, onInsertMenuClick, syncInsertMenu } from './context-menu';
import { isOwnPage, serveMessages } from './messaging';
import { loadSampleData } from './sample/account';
import { onOmniboxEnter, onOmniboxInput } from './omnibox';
import { deliverNotices, showNotifiedModel } from './notifications';
import { REFRESH_ALARM, ensureScheduled, reschedule } from './refresh/alarm';
import { createRefresher } from './refresh/engine';
import { connectionItem, normalizeSettings, readSettings, settingsItem } from './storage';

export interface BackgroundDeps extends SourceDeps {
  isOnline: () => boolean;
  /** Calls `listener` when the browser comes back online. */
  onOnline: (listener: () => void) => void;
}

const productionDeps: BackgroundDeps = {
  makeApi: realApi,
  now: Date.now,
  loadSample: loadSampleData,
  isOnline: () => globalThis.navigator?.onLine ?? true,
  onOnline: (listener) => globalThis.addEventListener?.('online', listener),
};

/** Storage keys whose change alters the badge, and the right-click menu. */
const BADGE_INPUTS = new Set(['connection', 'snapshot', 'settings']);
const MENU_INPUTS = new Set(['connection', 'snapshot', 'pins', 'recents']);

/** Rebuilds the right-click menu when what it shows changed (not at every refresh). */
function menuSyncer() {
  let shown = '';
  let running: Promise<void> = Promise.resolve();
  return {
    sync(force: boolean): Promise<void> {
      running = running.then(async () => {
        const entries = JSON.stringify(await insertMenuEntries());
        if (!force && entries === shown) return;
        shown = entries;
        await syncInsertMenu();
      });
      return running.catch(() => {});
    },
  };
}

/** Keeps content scripts (there are none, but one could be injected) away from the key. */
async function limitStorageAccess(): Promise<void> {
  const local = browser.storage.local as {
    setAccessLevel?: (options: { accessLevel: string }) => Promise<void>;
  };
  try {
    await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    // Firefox only supports it for storage.session; extension pages are its only readers anyway.
  }
}

/**
 * Wires the background. Every listener is registered synchronously, before any await, so an event
 * that woke the worker finds its listener; the work itself lives in the modules imported above.
 */
export function startBackground(deps: BackgroundDeps = productionDeps): { ready: Promise<void> } {
  const menu = menuSyncer();
  const refresher = createRefresher({
    now: deps.now,
    isOnline: deps.isOnline,
    apiFor: (connection) => apiFor(connection, deps),
  });
  const afterChange = () => reschedule(deps.now());
  const periodicCheck = async () => {
    await refresher.refresh({ kind: 'check' });
    await afterChange();
  };
  /** A new key or sample session: fetch its lists (skipped when saving already did). */
  const refreshForNewSource = async () => {
    await refresher.refresh({ kind: 'lists' });
    await afterChange();
  };

  serveMessages(
    {
      async refresh({ force }) {
        const result = await refresher.refresh({ kind: 'lists', force: force ?? false });
        await afterChange();
        return { error: result.status === 'failed' ? result.error : null };
      },
      async saveKey({ key, check }) {
        const result = await saveKey(key, check, deps.makeApi, deps.now);
        if (result.saved) await refreshForNewSource();
        return result;
      },
      async removeKey() {
        await removeKey();
        await afterChange();
      },
      async startSample() {
        await startSample(deps.now);
        await refreshForNewSource();
      },
      async stopSample() {
        await stopSample();
        await afterChange();
      },
      async saveSettings(changes) {
        const settings = normalizeSettings({ ...(await readSettings()), ...changes });
        await settingsItem.setValue(settings);
        await afterChange();
        return settings;
      },
      async getDataset({ id }) {
        const api = await apiFor(await connectionItem.getValue(), deps);
        if (!api) throw new Error('Add your API key in Options to see datasets.');
        return api.getDataset(id);
      },
    },
    isOwnPage,
  );

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
    void afterChange();
    void menu.sync(true);
  });
  browser.runtime.onStartup.addListener(() => {
    void afterChange();
    void menu.sync(true);
  });
  browser.omnibox.onInputChanged.addListener((text, suggest) => void onOmniboxInput(text, suggest));
  browser.omnibox.onInputEntered.addListener((text) => void onOmniboxEnter(text));
  browser.contextMenus.onClicked.addListener((info, tab) => void onInsertMenuClick(info, tab));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void periodicCheck();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    if (keys.some((key) => BADGE_INPUTS.has(key))) void updateBadgeFromStorage();
    if (keys.includes('connection')) void refreshForNewSource();
    if (keys.some((key) => MENU_INPUTS.has(key))) void menu.sync(false);
    if (keys.includes('pendingNotices')) void deliverNotices();
  });
  let notificationClicksWired = false;
  const wireNotificationClicks = () => {
    // The API exists only while its optional permission is granted.
    if (notificationClicksWired || !browser.notifications) return;
    browser.notifications.onClicked.addListener((id) => void showNotifiedModel(id));
    notificationClicksWired = true;
  };
  wireNotificationClicks();
  browser.permissions.onAdded.addListener(wireNotificationClicks);
  // Back online: check at once instead of waiting for the next alarm.
  deps.onOnline(() => void periodicCheck());

  // Every worker start: the browser forgets the badge on restart, and may have lost the alarm.
  const ready = (async () => {
    await limitStorageAccess();
    await updateBadgeFromStorage();
    await ensureScheduled(deps.now());
    await deliverNotices();
  })();
  return { ready };
}
