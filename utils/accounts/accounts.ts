import { ApiError, toFailure } from '../api/errors';
import type { KeyCheck, SaveKeyResult } from '../messaging/protocol';
import { allModels } from '../storage/all-accounts';
import {
  type Account,
  accountsItem,
  apiKeysItem,
  FRESH_STATE,
  keyHintOf,
  refreshStatesItem,
  type Snapshot,
  snapshotsItem,
} from '../storage/items';
import { ALL_ACCOUNTS, pinsItem, popupPrefsItem, recentsItem } from '../storage/choices';
import { baseChoicesItem, trainingsItem, trainingsOf } from '../storage/trainings';
import { noticesItem } from '../storage/notices';
import { newAccountId, SAMPLE_ACCOUNT_ID } from '../storage/migrate';
import { type Transaction, write } from '../storage/writer';
import { cleanKey } from './key';
import { accountLabel } from './labels';
import { productionSource, type SourceDeps } from './source';

// Adding, replacing, renaming and removing accounts, and the sample workspace. Each change is one
// writer transaction on what is stored at that moment: two keys saved at once give two accounts,
// and nothing the refresh engine wrote meanwhile is reverted.

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  const { [id]: _, ...rest } = record;
  return rest;
}

export interface SaveKeyOptions {
  /** Try the key first (both lists); without, it is saved as typed. */
  check: boolean;
  /** For a new account; empty gives "Account N". */
  label?: string;
  /** Replace this account's key (keeping its label and pins) instead of adding an account. */
  accountId?: string;
}

/** The account holding this key, other than `except`. */
async function holderOf(
  key: string,
  except: string | undefined,
  tx?: Transaction,
): Promise<Account | undefined> {
  const [accounts, keys] = tx
    ? await Promise.all([tx.get(accountsItem), tx.get(apiKeysItem)])
    : await Promise.all([accountsItem.getValue(), apiKeysItem.getValue()]);
  return accounts.find((a) => a.id !== except && keys[a.id] === key);
}

const alreadySaved = (holder: Account): SaveKeyResult => ({
  saved: false,
  problem: `This key is already saved, as “${holder.label}”.`,
});

/** Tries a key on both lists; they become the account's snapshot, so saving costs no second call. */
async function tryKey(
  key: string,
  deps: SourceDeps,
): Promise<{ snapshot: Snapshot; check: KeyCheck }> {
  // The key being checked is hidden in the answers, and so is every key already saved.
  const api = deps.makeApi(key, Object.values(await apiKeysItem.getValue()));
  const [models, datasets] = await Promise.all([api.listModels(), api.listDatasets()]);
  const at = deps.now();
  const owned = models.items.filter((m) => m.owned).length;
  return {
    snapshot: {
      models: models.items,
      datasets: datasets.items,
      listedAt: at,
      sharedAt: at,
      datasetsAt: at,
      checkedAt: at,
      error: null,
      datasetsError: null,
      dropped: models.dropped + datasets.dropped,
    },
    check: { owned, shared: models.items.length - owned, datasets: datasets.items.length },
  };
}

/**
 * Saves a key, as a new account or as a new key for an existing one. With `check`, it is tried
 * first; a key that fails the check is not saved, and the user decides whether to keep it anyway
 * (`check: false`) or fix it. A key already saved under another account is refused.
 */
export async function saveKey(
  input: string,
  options: SaveKeyOptions,
  deps: SourceDeps = productionSource,
): Promise<SaveKeyResult> {
  const cleaned = cleanKey(input);
  if (!cleaned.ok) return { saved: false, problem: cleaned.problem };
  const early = await holderOf(cleaned.key, options.accountId);
  if (early) return alreadySaved(early);
  const note = cleaned.note === undefined ? {} : { note: cleaned.note };

  let tried: Awaited<ReturnType<typeof tryKey>> | undefined;
  if (options.check) {
    try {
      tried = await tryKey(cleaned.key, deps);
    } catch (error) {
      if (error instanceof ApiError) return { saved: false, error: toFailure(error) };
      throw error;
    }
  }

  return write(async (tx): Promise<SaveKeyResult> => {
    // The check took a while: another page may have saved this key, or changed the accounts.
    const holder = await holderOf(cleaned.key, options.accountId, tx);
    if (holder) return alreadySaved(holder);
    const accounts = await tx.get(accountsItem);
    const replaced = accounts.find((a) => a.id === options.accountId && !a.sample);
    // A real key ends the sample workspace.
    const keep = accounts.filter((a) => !a.sample && a.id !== replaced?.id);
    const account: Account = {
      id: replaced?.id ?? newAccountId(),
      label: replaced?.label ?? accountLabel(options.label, keep),
      since: deps.now(),
      keyHint: keyHintOf(cleaned.key),
    };
    tx.set(
      accountsItem,
      replaced
        ? accounts.filter((a) => !a.sample).map((a) => (a.id === account.id ? account : a))
        : [...keep, account],
    );
    tx.set(apiKeysItem, { ...(await tx.get(apiKeysItem)), [account.id]: cleaned.key });
    const snapshots = without(await tx.get(snapshotsItem), SAMPLE_ACCOUNT_ID);
    const old = replaced ? snapshots[account.id] : undefined;
    if (old?.checkedAt != null && old.models.length > 0) {
      // A key replaced (rotated, or fixed after a rejection) keeps the lists it had, its error
      // cleared: the check that follows at once compares them with what the new key reads, so
      // a model that finished meanwhile is announced like any other finish.
      snapshots[account.id] = { ...old, error: null };
    } else if (tried) snapshots[account.id] = tried.snapshot;
    else delete snapshots[account.id];
    tx.set(snapshotsItem, snapshots);
    const states = without(await tx.get(refreshStatesItem), SAMPLE_ACCOUNT_ID);
    tx.set(refreshStatesItem, { ...states, [account.id]: FRESH_STATE });
    if (accounts.some((a) => a.sample)) {
      tx.set(pinsItem, []);
      tx.set(recentsItem, []);
    }
    return { saved: true, check: tried?.check ?? null, accountId: account.id, ...note };
  });
}

/** Forgets an account: its key and everything fetched with it. The other accounts are untouched. */
export function removeAccount(id: string): Promise<void> {
  return write(async (tx) => {
    const accounts = (await tx.get(accountsItem)).filter((a) => a.id !== id);
    const snapshots = without(await tx.get(snapshotsItem), id);
    tx.set(accountsItem, accounts);
    tx.set(apiKeysItem, without(await tx.get(apiKeysItem), id));
    tx.set(snapshotsItem, snapshots);
    tx.set(refreshStatesItem, without(await tx.get(refreshStatesItem), id));
    // Pins and recents that only the removed account had go with it.
    const remaining = new Set(allModels(accounts, snapshots).map((m) => m.id));
    tx.set(
      pinsItem,
      (await tx.get(pinsItem)).filter((p) => remaining.has(p)),
    );
    tx.set(
      recentsItem,
      (await tx.get(recentsItem)).filter((r) => remaining.has(r)),
    );
    if (accounts.length === 0) tx.set(noticesItem, []);
    // What it trained, and the bases chosen for its datasets.
    const kept = trainingsOf(
      await tx.get(trainingsItem),
      await tx.get(baseChoicesItem),
      new Set(accounts.map((a) => a.id)),
    );
    tx.set(trainingsItem, kept.trainings);
    tx.set(baseChoicesItem, kept.choices);
    // The popup showing this account goes back to all of them.
    const prefs = await tx.get(popupPrefsItem);
    if (prefs.account === id) tx.set(popupPrefsItem, { ...prefs, account: ALL_ACCOUNTS });
  });
}

export function renameAccount(id: string, label: string): Promise<Account[]> {
  return write(async (tx) => {
    const accounts = await tx.get(accountsItem);
    const others = accounts.filter((a) => a.id !== id);
    const renamed = accounts.map((a) =>
      a.id === id && !a.sample ? { ...a, label: accountLabel(label, others) } : a,
    );
    tx.set(accountsItem, renamed);
    return renamed;
  });
}

/** Starts the sample workspace; refused while a real key is set, whose data it would hide. */
export function startSample(now: () => number = Date.now): Promise<void> {
  return write(async (tx) => {
    if ((await tx.get(accountsItem)).some((a) => !a.sample)) {
      throw new Error(
        'Remove your API keys first: sample data is for trying Model Watch without one.',
      );
    }
    tx.set(accountsItem, [
      { id: SAMPLE_ACCOUNT_ID, label: 'Sample data', since: now(), sample: true },
    ]);
    tx.set(snapshotsItem, {});
    tx.set(refreshStatesItem, {});
  });
}

export async function stopSample(): Promise<void> {
  const accounts = await accountsItem.getValue();
  if (accounts.some((a) => a.sample)) await removeAccount(SAMPLE_ACCOUNT_ID);
}
