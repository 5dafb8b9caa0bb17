import type { Model } from '../api/types';
import { type Account, snapshotOf } from './items';
import type { Snapshot } from './snapshot';

// What the stored accounts and snapshots mean together: which mode the extension is in, and every
// account's models as one list. Pure functions of stored values, shared by pages and background.

/** What the extension is showing: nothing yet, the user's accounts, or the sample workspace. */
export type Mode = 'none' | 'key' | 'sample';

export function modeOf(accounts: readonly Account[]): Mode {
  if (accounts.length === 0) return 'none';
  return accounts.every((a) => a.sample) ? 'sample' : 'key';
}

/** A model or dataset, with the account it was listed in. */
export type Listed<T> = T & { accountId: string };

/**
 * Every account's models, each model once (a model two keys see, such as a shared one or the same
 * user's during a key rotation, is listed under the first), with the account it is listed under.
 */
export function allModels(
  accounts: readonly Account[],
  snapshots: Record<string, Snapshot>,
): Listed<Model>[] {
  const seen = new Set<string>();
  const models: Listed<Model>[] = [];
  for (const account of accounts) {
    for (const model of snapshotOf(snapshots, account.id).models) {
      if (seen.has(model.id)) continue;
      seen.add(model.id);
      models.push({ ...model, accountId: account.id });
    }
  }
  return models;
}
