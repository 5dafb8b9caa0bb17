import { browser } from 'wxt/browser';
import { apiFor, productionSource, type SourceDeps } from '../accounts/source';
import { isOwnPage, serveMessages } from '../messaging/channel';
import { accountOfAlarm, ensureScheduled } from '../refresh/alarm';
import { createRefresher } from '../refresh/engine';
import { accountsItem, snapshotsItem } from '../storage/items';
import { migrateStorage, newAccountId } from '../storage/migrate';
import { repairStorage } from '../storage/repair';
import { limitStorageAccess, watchLocal } from '../storage/store';
import { sweepTray } from '../studio/tray';
import { updateBadgeFromStorage } from '../surfaces/badge-sync';
import { createMenuSyncer, onMenuClick } from '../surfaces/menus';
import { deliverNotices, showNotifiedModel } from '../surfaces/notifications';
import { onOmniboxEnter, onOmniboxInput } from '../surfaces/omnibox';
import type { ConnectionDeps } from './connection';
import { createJobs } from './jobs';
import { createFirstScreenKeeper, FIRST_SCREEN_INPUTS } from './keep-first-screen';
import { createHandlers } from './handlers';

export interface BackgroundDeps extends SourceDeps, ConnectionDeps {
  /** Chromium holds back requests after server errors; Firefox does not. */
  throttlesAfterErrors: boolean;
}

const productionDeps: BackgroundDeps = {
  ...productionSource,
  isOnline: () => globalThis.navigator?.onLine ?? true,
  onOnline: (listener) => globalThis.addEventListener?.('online', listener),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
  throttlesAfterErrors: !import.meta.env.FIREFOX,
};

/** Storage keys whose change alters the badge, and the right-click menu. */
const BADGE_INPUTS = new Set(['accounts', 'snapshots', 'settings', 'migrationError']);
const MENU_INPUTS = new Set(['accounts', 'snapshots', 'pins', 'recents']);

/** The ids in a stored accounts list, as one comparable text. */
const idsOf = (accounts: unknown) =>
  accountsItem
    .parse(accounts)
    .value.map((a) => a.id)
    .join();

/**
 * Removes the tray items of accounts that are gone (removed, or the sample account ended), also
 * those an older version left behind: the images, captions and sites of an account are forgotten
 * with it, as the privacy policy says.
 */
async function forgetRemovedTrays(): Promise<void> {
  const ids = new Set((await accountsItem.getValue()).map((a) => a.id));
  try {
    await sweepTray(ids);
  } catch {
    // A tray the browser will not open (a private window's) holds nothing to forget.
  }
}

/**
 * Wires the background. Every listener is registered synchronously, before any await, so an event
 * that woke the worker finds its listener; the work itself lives in the modules imported above.
 * Listeners wait for `ready` (the storage layout brought up to date, damaged items repaired)
 * before touching storage.
 */
export function startBackground(deps: BackgroundDeps = productionDeps): { ready: Promise<void> } {
  const menu = createMenuSyncer();
  const refresher = createRefresher({
    now: deps.now,
    isOnline: deps.isOnline,
    apiFor: (account) => apiFor(account, deps),
    throttlesAfterErrors: deps.throttlesAfterErrors,
  });
  // Storage is closed to content scripts before anything reads or writes it (migrations
  // included); it is one call, which the migrations wait for.
  const closed = limitStorageAccess();
  const prepared = closed
    .then(() => migrateStorage(deps.now))
    .then(async (result) => {
      await repairStorage(deps.now(), newAccountId).catch((error: unknown) =>
        console.warn('Model Watch could not check its saved data:', (error as Error).message),
      );
      return result;
    });
  /** Runs `work` once the stored layout is current. */
  const ready = <T>(work: () => Promise<T>) => prepared.then(work);

  const jobs = createJobs({ deps, refresher, ready });
  const firstScreen = createFirstScreenKeeper();
  const { periodicCheck, refreshLists, onAccountsChanged, fetchNeverFetched, countListed } = jobs;
  const { connection } = jobs;

  serveMessages(
    createHandlers({ deps, ready, refreshLists, rescheduleAll: jobs.rescheduleEvery }),
    isOwnPage,
  );

  const startUp = () =>
    void ready(async () => {
      await jobs.rescheduleEvery();
      await menu.sync(true);
      // An install, an update or a browser start (not every wake): what an older version left.
      await forgetRemovedTrays();
    });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
    startUp();
  });
  browser.runtime.onStartup.addListener(startUp);
  browser.alarms.onAlarm.addListener((alarm) => {
    const accountId = accountOfAlarm(alarm.name);
    if (accountId !== null) void ready(() => periodicCheck(accountId));
  });
  browser.omnibox.onInputChanged.addListener(
    (text, suggest) => void ready(() => onOmniboxInput(text, suggest)),
  );
  browser.omnibox.onInputEntered.addListener((text) => void ready(() => onOmniboxEnter(text)));
  browser.contextMenus.onClicked.addListener((info, tab) =>
    onMenuClick(info, tab, ready, deps.now),
  );
  watchLocal((changes) => {
    const keys = Object.keys(changes);
    if (keys.some((key) => BADGE_INPUTS.has(key))) void updateBadgeFromStorage();
    if (keys.includes('pendingNotices')) void deliverNotices();
    if (keys.some((key) => MENU_INPUTS.has(key))) void menu.sync(false);
    if (keys.some((key) => FIRST_SCREEN_INPUTS.has(key))) void ready(firstScreen.update);
    // Accounts added or removed, or a key saved. (A rename changes neither: nothing to fetch,
    // and no alarm to move.)
    const { accounts, apiKeys } = changes;
    const idsChanged = accounts && idsOf(accounts.oldValue) !== idsOf(accounts.newValue);
    if (apiKeys || idsChanged) void ready(onAccountsChanged);
    if (idsChanged) void ready(forgetRemovedTrays);
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

  // Every worker start: the browser forgets the badge on restart, and may have lost the alarms.
  const started = ready(async () => {
    await updateBadgeFromStorage();
    await ensureScheduled(deps.now());
    await deliverNotices();
    await firstScreen.update();
    // Accounts without lists (a repair cleared them, say) are not left waiting for an alarm.
    const fetched = await fetchNeverFetched();
    await countListed(fetched.ids, fetched.results);
    const snapshots = await snapshotsItem.getValue();
    if (Object.values(snapshots).some((s) => s.error?.kind === 'offline')) connection.watch();
  });
  return { ready: started };
}
