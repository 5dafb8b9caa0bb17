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
} from '../accounts/accounts';
import type { ApiFailure } from '../api/errors';
import { updateBadgeFromStorage } from '../surfaces/badge-sync';
import { insertMenuEntries, onInsertMenuClick, showInsertMenu } from '../surfaces/insert-menu';
import { isOwnPage, serveMessages } from '../messaging/channel';
import { migrateStorage } from '../storage/migrate';
import { deliverNotices, showNotifiedModel } from '../surfaces/notifications';
import { onOmniboxEnter, onOmniboxInput } from '../surfaces/omnibox';
import { accountOfAlarm, ensureScheduled, reschedule, rescheduleAll } from '../refresh/alarm';
import { createRefresher } from '../refresh/engine';
import {
  type Account,
  accountsItem,
  normalizeSettings,
  readSettings,
  settingsItem,
  snapshotOf,
  snapshotsItem,
} from '../storage/items';

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

/** The ids in a stored accounts list, as one comparable text. */
function idsOf(accounts: unknown): string {
  return Array.isArray(accounts) ? (accounts as Account[]).map((a) => a.id).join() : '';
}

/** Rebuilds the right-click menu when what it shows changed (not at every refresh). */
function menuSyncer() {
  let shown = '';
  let running: Promise<void> = Promise.resolve();
  return {
    sync(force: boolean): Promise<void> {
      running = running.then(async () => {
        const entries = await insertMenuEntries();
        const text = JSON.stringify(entries);
        if (!force && text === shown) return;
        shown = text;
        await showInsertMenu(entries);
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
    await rescheduleEvery();
    return results.find((r) => r.status === 'failed')?.error ?? null;
  };

  /**
   * After accounts were added, removed or given new keys (by the options page, a migration or a
   * test): fetch the ones never fetched, then set every account's alarm.
   */
  const onAccountsChanged = async () => {
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
      // Each of these only writes the accounts; the storage listener below fetches and schedules.
      saveKey: ({ key, check, label, accountId }) =>
        afterMigration(() => saveKey(key, { check, label, accountId }, deps)),
      removeAccount: ({ id }) => afterMigration(() => removeAccount(id)),
      renameAccount: ({ id, label }) => afterMigration(() => renameAccount(id, label)),
      startSample: () => afterMigration(() => startSample(deps.now)),
      stopSample: () => afterMigration(stopSample),
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
    // Accounts added or removed, or a key saved. (A rename changes neither: nothing to fetch,
    // and no alarm to move.)
    const { accounts, apiKeys } = changes;
    if (apiKeys || (accounts && idsOf(accounts.oldValue) !== idsOf(accounts.newValue))) {
      void afterMigration(onAccountsChanged);
    }
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
