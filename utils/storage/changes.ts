import * as v from 'valibot';
import {
  dismissedHintsItem,
  focusModelItem,
  MAX_RECENTS,
  pinsItem,
  type PopupPrefs,
  PopupPrefsChanges,
  popupPrefsItem,
  recentsItem,
  settingsItem,
} from './choices';
import { type Account, accountsItem, type Snapshot, snapshotOf, snapshotsItem } from './items';
import { type Notice, noticesItem, storageReportItem } from './notices';
import { normalizeSettings, type Settings } from './settings';
import { write } from './writer';

// The small changes pages ask for, as writer transactions: each applies what the user changed to
// what is stored now, so two changes made at the same moment (two tabs, two fields) both land.

/**
 * Changes an account's snapshot as it is now (`change` returns null for no change), unless the
 * account was removed or given a new key meanwhile: what was read with the old key is no one's.
 */
export function changeSnapshot(
  account: Account,
  change: (snapshot: Snapshot) => Snapshot | null,
): Promise<void> {
  return write(async (tx) => {
    const current = (await tx.get(accountsItem)).find((a) => a.id === account.id);
    if (!current || current.since !== account.since) return;
    const snapshots = await tx.get(snapshotsItem);
    const changed = change(snapshotOf(snapshots, account.id));
    if (changed) tx.set(snapshotsItem, { ...snapshots, [account.id]: changed });
  });
}

/** Remembers that a model was just copied or inserted. */
export function recordRecent(modelId: string): Promise<void> {
  return write(async (tx) => {
    const recents = await tx.get(recentsItem);
    tx.set(recentsItem, [modelId, ...recents.filter((id) => id !== modelId)].slice(0, MAX_RECENTS));
  });
}

/** Pins or unpins a model; returns the pins. */
export function setPin(modelId: string, pinned: boolean): Promise<string[]> {
  return write(async (tx) => {
    const pins = (await tx.get(pinsItem)).filter((id) => id !== modelId);
    const next = pinned ? [...pins, modelId] : pins;
    tx.set(pinsItem, next);
    return next;
  });
}

/** Applies the fields the popup changed; a field that is not valid is refused, with the reason. */
export function setPopupPrefs(changes: unknown): Promise<PopupPrefs> {
  const parsed = v.safeParse(PopupPrefsChanges, changes);
  if (!parsed.success) throw new Error('Model Watch could not remember that choice.');
  return write(async (tx) => {
    const next = { ...(await tx.get(popupPrefsItem)), ...parsed.output };
    tx.set(popupPrefsItem, next);
    return next;
  });
}

/** Applies the settings the user changed to the stored ones; returns all of them. */
export function saveSettings(changes: Partial<Settings>): Promise<Settings> {
  return write(async (tx) => {
    const next = normalizeSettings({ ...(await tx.get(settingsItem)), ...changes });
    tx.set(settingsItem, next);
    return next;
  });
}

/** The model a notification asked the popup to show, taken (so it is shown once). */
export function takeFocusModel(): Promise<string | null> {
  return write(async (tx) => {
    const id = await tx.get(focusModelItem);
    if (id !== null) tx.remove(focusModelItem);
    return id;
  });
}

export function setFocusModel(modelId: string): Promise<void> {
  return write((tx) => tx.set(focusModelItem, modelId));
}

/** A hint the user dismissed: it is not shown again. */
export function dismissHint(id: string): Promise<void> {
  return write(async (tx) => {
    const dismissed = await tx.get(dismissedHintsItem);
    if (!dismissed.includes(id)) tx.set(dismissedHintsItem, [...dismissed, id]);
  });
}

/** The options page showed the repair report and the user dismissed it. */
export function dismissStorageReport(): Promise<void> {
  return write((tx) => tx.remove(storageReportItem));
}

/** The notices waiting to be shown (left in place: see surfaces/notifications.ts). */
export function pendingNotices(): Promise<Notice[]> {
  return noticesItem.getValue();
}

/** Takes notices off the waiting list once they are on screen. */
export function forgetNotices(shown: readonly Notice[]): Promise<void> {
  const done = new Set(shown.map((n) => `${n.modelId}:${n.status}`));
  return write(async (tx) => {
    const pending = await tx.get(noticesItem);
    tx.set(
      noticesItem,
      pending.filter((n) => !done.has(`${n.modelId}:${n.status}`)),
    );
  });
}
