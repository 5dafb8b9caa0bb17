import { createIdeogramApi, type IdeogramApi } from '../api/client';
import { type Entry, setItems } from '../storage/store';
import { ApiError, toFailure } from '../api/errors';
import { cleanKey } from './key';
import { accountLabel } from './labels';
import { newAccountId, SAMPLE_ACCOUNT_ID } from '../storage/migrate';
import type { KeyCheck, SaveKeyResult } from '../messaging/protocol';
import { createSampleApi, loadSampleData, type SampleData } from '../sample/account';
import {
  type Account,
  ALL_ACCOUNTS,
  accountsItem,
  allModels,
  apiKeysItem,
  FRESH_STATE,
  type Layout,
  layoutEntries,
  noticesItem,
  pinsItem,
  popupPrefsItem,
  recentsItem,
  refreshStatesItem,
  type Snapshot,
  snapshotsItem,
} from '../storage/items';

/** Builds the API client for a key; tests swap `fetch` for the fake API. */
export type ApiFactory = (apiKey: string) => IdeogramApi;

export const realApi: ApiFactory = (apiKey) => createIdeogramApi({ apiKey });

export interface SourceDeps {
  makeApi: ApiFactory;
  now: () => number;
  /** The sample account's data (read from the package; tests read it from disk). */
  loadSample: () => Promise<SampleData>;
}

export const productionSource: SourceDeps = {
  makeApi: realApi,
  now: Date.now,
  loadSample: loadSampleData,
};

/** The client for an account: its key, or the sample workspace. Null when its key is missing. */
export async function apiFor(
  account: Account,
  deps: SourceDeps = productionSource,
): Promise<IdeogramApi | null> {
  if (account.sample) return createSampleApi(account.since, deps.now, deps.loadSample);
  const apiKey = (await apiKeysItem.getValue())[account.id];
  return apiKey ? deps.makeApi(apiKey) : null;
}

/** Reads everything an account change rewrites. */
async function readLayout(): Promise<Layout> {
  const [accounts, apiKeys, snapshots, refreshStates] = await Promise.all([
    accountsItem.getValue(),
    apiKeysItem.getValue(),
    snapshotsItem.getValue(),
    refreshStatesItem.getValue(),
  ]);
  return { accounts, apiKeys, snapshots, refreshStates };
}

/** Writes a changed account layout in one storage write. */
async function writeLayout(layout: Layout, extra: Entry[] = []) {
  await setItems([...layoutEntries(layout), ...extra]);
}

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

/**
 * Saves a key, as a new account or as a new key for an existing one. With `check`, it is tried first
 * (both lists, which then become the account's snapshot, so saving costs no second round of
 * calls); a key that fails the check is not saved, and the user decides whether to keep it anyway
 * (`check: false`) or fix it. A key already saved under another account is refused.
 */
export async function saveKey(
  input: string,
  options: SaveKeyOptions,
  deps: SourceDeps = productionSource,
): Promise<SaveKeyResult> {
  const cleaned = cleanKey(input);
  if (!cleaned.ok) return { saved: false, problem: cleaned.problem };
  const current = await readLayout();
  const holder = current.accounts.find(
    (a) => a.id !== options.accountId && current.apiKeys[a.id] === cleaned.key,
  );
  if (holder) {
    return { saved: false, problem: `This key is already saved, as “${holder.label}”.` };
  }
  const replaced = current.accounts.find((a) => a.id === options.accountId && !a.sample);
  const note = cleaned.note === undefined ? {} : { note: cleaned.note };

  let snapshot: Snapshot | undefined;
  let check: KeyCheck | null = null;
  if (options.check) {
    try {
      const api = deps.makeApi(cleaned.key);
      const [models, datasets] = await Promise.all([api.listModels(), api.listDatasets()]);
      const at = deps.now();
      snapshot = {
        models: models.items,
        datasets: datasets.items,
        listedAt: at,
        checkedAt: at,
        error: null,
        dropped: models.dropped + datasets.dropped,
      };
      const owned = models.items.filter((m) => m.owned).length;
      check = { owned, shared: models.items.length - owned, datasets: datasets.items.length };
    } catch (error) {
      if (error instanceof ApiError) return { saved: false, error: toFailure(error) };
      throw error;
    }
  }

  // Read again: the check took a while, and the layout may have changed meanwhile.
  const layout = await readLayout();
  // A real key ends the sample workspace.
  const keep = layout.accounts.filter((a) => !a.sample && a.id !== replaced?.id);
  const account: Account = {
    id: replaced?.id ?? newAccountId(),
    label: replaced?.label ?? accountLabel(options.label, keep),
    since: deps.now(),
  };
  const accounts = replaced
    ? layout.accounts.filter((a) => !a.sample).map((a) => (a.id === account.id ? account : a))
    : [...keep, account];
  const next: Layout = {
    accounts,
    apiKeys: { ...layout.apiKeys, [account.id]: cleaned.key },
    snapshots: { ...without(layout.snapshots, SAMPLE_ACCOUNT_ID) },
    refreshStates: {
      ...without(layout.refreshStates, SAMPLE_ACCOUNT_ID),
      [account.id]: FRESH_STATE,
    },
  };
  if (snapshot) next.snapshots[account.id] = snapshot;
  else delete next.snapshots[account.id];
  const leftSample = layout.accounts.some((a) => a.sample);
  await writeLayout(
    next,
    leftSample
      ? [
          { item: pinsItem, value: [] },
          { item: recentsItem, value: [] },
        ]
      : [],
  );
  return { saved: true, check, accountId: account.id, ...note };
}

/** Forgets an account: its key and everything fetched with it. The other accounts are untouched. */
export async function removeAccount(id: string): Promise<void> {
  const layout = await readLayout();
  const accounts = layout.accounts.filter((a) => a.id !== id);
  const next: Layout = {
    accounts,
    apiKeys: without(layout.apiKeys, id),
    snapshots: without(layout.snapshots, id),
    refreshStates: without(layout.refreshStates, id),
  };
  // Pins and recents that only the removed account had go with it.
  const remaining = new Set(allModels(accounts, next.snapshots).map((m) => m.id));
  const [pins, recents, prefs] = await Promise.all([
    pinsItem.getValue(),
    recentsItem.getValue(),
    popupPrefsItem.getValue(),
  ]);
  await writeLayout(next, [
    { item: pinsItem, value: pins.filter((p) => remaining.has(p)) },
    { item: recentsItem, value: recents.filter((r) => remaining.has(r)) },
    ...(accounts.length === 0 ? [{ item: noticesItem, value: [] }] : []),
    // The popup showing this account goes back to all of them.
    ...(prefs.account === id
      ? [{ item: popupPrefsItem, value: { ...prefs, account: ALL_ACCOUNTS } }]
      : []),
  ]);
}

export async function renameAccount(id: string, label: string): Promise<Account[]> {
  const accounts = await accountsItem.getValue();
  const others = accounts.filter((a) => a.id !== id);
  const renamed = accounts.map((a) =>
    a.id === id && !a.sample ? { ...a, label: accountLabel(label, others) } : a,
  );
  await accountsItem.setValue(renamed);
  return renamed;
}

/** Starts the sample workspace; refused while a real key is set, whose data it would hide. */
export async function startSample(now: () => number = Date.now): Promise<void> {
  const layout = await readLayout();
  if (layout.accounts.some((a) => !a.sample)) {
    throw new Error(
      'Remove your API keys first: sample data is for trying Model Watch without one.',
    );
  }
  await writeLayout({
    accounts: [{ id: SAMPLE_ACCOUNT_ID, label: 'Sample data', since: now(), sample: true }],
    apiKeys: {},
    snapshots: {},
    refreshStates: {},
  });
}

export async function stopSample(): Promise<void> {
  const accounts = await accountsItem.getValue();
  if (accounts.some((a) => a.sample)) await removeAccount(SAMPLE_ACCOUNT_ID);
}
