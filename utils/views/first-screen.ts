import type { Dataset, Model } from '../api/types';
import { ALL_ACCOUNTS, type PopupPrefs } from '../storage/choices';
import type { Account } from '../storage/items';
import { snapshotOf } from '../storage/items';
import { allModels, type Listed } from '../storage/all-accounts';
import type { FirstScreen, FirstScreenAccount } from '../storage/first-screen-item';
import type { Snapshot } from '../storage/snapshot';
import { indexModels, visibleModels } from './models';
import { HISTORY_WINDOW, type PastTraining, pastTrainings } from '../models/training';

// The popup's first screen, prepared by the background whenever what it shows changes: the first
// rows of each tab in the order the popup would draw them, with the counts and each account's
// state. The popup paints from it at once, then reads the whole lists (10,000 models take tens of
// milliseconds to read) and carries on from those.

/** Rows kept: a screenful of each tab at 400 × 600, and a few more. */
export const FIRST_ROWS = 14;

/** What a first screen was drawn for: the popup's choices, the pins, the accounts. */
export function firstScreenKey(
  accounts: readonly Account[],
  prefs: PopupPrefs,
  pins: readonly string[],
): string {
  return JSON.stringify([accounts.map((a) => `${a.id}:${a.since}`), prefs, pins]);
}

/** The accounts a popup with these choices shows. */
export function shownAccountsOf(accounts: readonly Account[], prefs: PopupPrefs): Account[] {
  const chosen = accounts.filter((a) => a.id === prefs.account);
  return prefs.account === ALL_ACCOUNTS || chosen.length === 0 ? [...accounts] : chosen;
}

/** The datasets of the shown accounts, newest first. */
/** Each account's past trainings, newest first: what its rows' estimates come from. */
export function historiesOf(
  accounts: readonly Account[],
  snapshots: Record<string, Snapshot>,
): Map<string, PastTraining[]> {
  return new Map(accounts.map((a) => [a.id, pastTrainings(snapshotOf(snapshots, a.id).models)]));
}

export function listedDatasetsOf(
  accounts: readonly Account[],
  snapshots: Record<string, Snapshot>,
): Listed<Dataset>[] {
  return accounts
    .flatMap((account) =>
      snapshotOf(snapshots, account.id).datasets.map((d) => ({ ...d, accountId: account.id })),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

export function computeFirstScreen(
  accounts: readonly Account[],
  snapshots: Record<string, Snapshot>,
  prefs: PopupPrefs,
  pins: readonly string[],
): FirstScreen {
  const shown = shownAccountsOf(accounts, prefs);
  const models = allModels(shown, snapshots);
  const rows = visibleModels(
    indexModels(models),
    { statuses: prefs.statuses, scope: prefs.scope, query: '' },
    prefs.sort,
    new Set(pins),
  )
    .slice(0, FIRST_ROWS)
    // A row needs its current run only (the history is kept below, in a few numbers).
    .map((m): Listed<Model> =>
      m.runs && m.runs.length > 1 ? { ...m, runs: m.runs.slice(-1) } : m,
    );
  const datasets = listedDatasetsOf(shown, snapshots);
  const states: Record<string, FirstScreenAccount> = {};
  for (const account of accounts) {
    const { listedAt, checkedAt, error, datasetsError } = snapshotOf(snapshots, account.id);
    states[account.id] = { listedAt, checkedAt, error, datasetsError };
  }
  const names: Record<string, string> = {};
  const byKey = new Map(
    shown.flatMap((a) =>
      snapshotOf(snapshots, a.id).datasets.map((d) => [`${a.id}:${d.id}`, d.name] as const),
    ),
  );
  for (const row of rows) {
    const key = `${row.accountId}:${row.datasetId}`;
    const name = byKey.get(key as `${string}:${string}`);
    if (row.datasetId && name !== undefined) names[key] = name;
  }
  const histories: Record<string, PastTraining[]> = {};
  for (const [id, past] of historiesOf(shown, snapshots)) {
    // What an estimate looks at, no more.
    if (past.length > 0) histories[id] = past.slice(0, HISTORY_WINDOW);
  }
  return {
    key: firstScreenKey(accounts, prefs, pins),
    models: models.length,
    datasets: datasets.length,
    rows,
    datasetRows: datasets.slice(0, FIRST_ROWS),
    datasetNames: names,
    accounts: states,
    histories,
  };
}
