import { browser } from 'wxt/browser';
import {
  apiFor,
  productionSource,
  removeAccount,
  renameAccount,
  type SourceDeps,
  saveKey,
  startSample,
  stopSample,
} from './accounts';
import type { ApiFailure } from './api/errors';
import { updateBadgeFromStorage } from './badge-sync';
import { insertMenuEntries, onInsertMenuClick, syncInsertMenu } from './context-menu';
import { isOwnPage, serveMessages } from './messaging';
import { migrateStorage } from './migrate';
import { deliverNotices, showNotifiedModel } from './notifications';
import { onOmniboxEnter, onOmniboxInput } from './omnibox';
import { accountOfAlarm, ensureScheduled, reschedule, rescheduleAll } from './refresh/alarm';
import { createRefresher } from './refresh/engine';
import {
  accountsItem,
  normalizeSettings,
  readSettings,
  settingsItem,
  snapshotOf,
  snapshotsItem,
} from './storage';

export interface BackgroundDeps extends SourceDeps {
  isOnline: () => boolean;
  /** Calls `listener` when the browser comes back online. */
  onOnline: (listener: () => void) => void;
}

const productionDeps: BackgroundDeps = {
  ...productionSource,
  isOnline: () => globalThis.navigator?.onLine ?? true,
  onOnline: (listener) => globalThis.addEventListener?.('online', listener),
};

/** Storage keys whose change alters the badge, and the right-click menu. */
const BADGE_INPUTS = new Set(['accounts', 'snapshots', 'settings', 'migrationError']);
const MENU_INPUTS = new Set(['accounts', 'snapshots', 'pins', 'recents']);

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

/** Keeps content scripts (there are none, but one could be injected) away from the keys. */
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
 * Listeners wait for `ready` (the storage layout brought up to date) before touching storage.
 */
export function startBackground(deps: BackgroundDeps = productionDeps): { ready: Promise<void> } {
  const menu = menuSyncer();
  const refresher = createRefresher({
    now: deps.now,
    isOnline: deps.isOnline,
    apiFor: (account) => apiFor(account, deps),
  });
  const migrated = migrateStorage(deps.now);
  /** Runs `work` once the stored layout is current. */
  const afterMigration = <T>(work: () => Promise<T>) => migrated.then(work);

  const accountIds = async () => (await accountsItem.getValue()).map((a) => a.id);
  const rescheduleEvery = () => rescheduleAll(deps.now());

  /** The alarm of one account: its cheap check, then its next alarm. */
  const periodicCheck = async (accountId: string) => {
    await refresher.refresh(accountId, { kind: 'check' });
    await reschedule(accountId, deps.now());
  };
  /** Every account's full lists (a page asked); the first failure, if any, is reported. */
  const refreshLists = async (force: boolean): Promise<ApiFailure | null> => {
    const ids = await accountIds();
    const results = await Promise.all(
      ids.map((id) => refresher.refresh(id, { kind: 'lists', force })),
    );
    for (const id of ids) await reschedule(id, deps.now());
    return results.find((r) => r.status === 'failed')?.error ?? null;
  };

  /** Accounts never fetched yet (added, or written by a migration or a test): fetch them. */
  const refreshNewAccounts = async () => {
    const [accounts, snapshots] = await Promise.all([
      accountsItem.getValue(),
      snapshotsItem.getValue(),
    ]);
    const fresh = accounts.filter((a) => {
      const snapshot = snapshotOf(snapshots, a.id);
      return snapshot.checkedAt === null && snapshot.error === null;
    });
    await Promise.all(fresh.map((a) => refresher.refresh(a.id, { kind: 'lists' })));
    await rescheduleEvery();
  };

  serveMessages(
    {
      refresh: ({ force }) =>
        afterMigration(async () => ({ error: await refreshLists(force ?? false) })),
      saveKey: ({ key, check, label, accountId }) =>
        afterMigration(async () => {
          const result = await saveKey(key, { check, label, accountId }, deps);
          if (result.saved) {
            await refresher.refresh(result.accountId, { kind: 'lists' });
            await rescheduleEvery();
          }
          return result;
        }),
      removeAccount: ({ id }) =>
        afterMigration(async () => {
          await removeAccount(id);
          await rescheduleEvery();
        }),
      renameAccount: ({ id, label }) => afterMigration(() => renameAccount(id, label)),
      startSample: () =>
        afterMigration(async () => {
          await startSample(deps.now);
          await refreshLists(true);
        }),
      stopSample: () =>
        afterMigration(async () => {
          await stopSample();
          await rescheduleEvery();
        }),
      saveSettings: (changes) =>
        afterMigration(async () => {
          const settings = normalizeSettings({ ...(await readSettings()), ...changes });
          await settingsItem.setValue(settings);
          await rescheduleEvery();
          return settings;
        }),
      getDataset: ({ accountId, id }) =>
        afterMigration(async () => {
          const account = (await accountsItem.getValue()).find((a) => a.id === accountId);
          const api = account ? await apiFor(account, deps) : null;
          if (!api) throw new Error('That account is gone: open the popup again.');
          return api.getDataset(id);
        }),
      retryMigration: async () => ({ ok: (await migrateStorage(deps.now)) !== 'failed' }),
    },
    isOwnPage,
  );

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
    void afterMigration(async () => {
      await rescheduleEvery();
      await menu.sync(true);
    });
  });
  browser.runtime.onStartup.addListener(() => {
    void afterMigration(async () => {
      await rescheduleEvery();
      await menu.sync(true);
    });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    const accountId = accountOfAlarm(alarm.name);
    if (accountId !== null) void afterMigration(() => periodicCheck(accountId));
  });
  browser.omnibox.onInputChanged.addListener(
    (text, suggest) => void afterMigration(() => onOmniboxInput(text, suggest)),
  );
  browser.omnibox.onInputEntered.addListener(
    (text) => void afterMigration(() => onOmniboxEnter(text)),
  );
  browser.contextMenus.onClicked.addListener(
    (info, tab) => void afterMigration(() => onInsertMenuClick(info, tab)),
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    if (keys.some((key) => BADGE_INPUTS.has(key))) void updateBadgeFromStorage();
    if (keys.includes('pendingNotices')) void deliverNotices();
    if (keys.some((key) => MENU_INPUTS.has(key))) void menu.sync(false);
    if (keys.includes('accounts')) void afterMigration(refreshNewAccounts);
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
  // Back online: check every account at once instead of waiting for the next alarms.
  deps.onOnline(
    () =>
      void afterMigration(async () => {
        for (const id of await accountIds()) await periodicCheck(id);
      }),
  );

  // Every worker start: the browser forgets the badge on restart, and may have lost the alarms.
  const ready = afterMigration(async () => {
    await limitStorageAccess();
    await updateBadgeFromStorage();
    await ensureScheduled(deps.now());
    await deliverNotices();
  });
  return { ready };
}
