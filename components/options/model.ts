import { computed, type Signal } from '@preact/signals';
import {
  accountsItem,
  SCHEMA_VERSION,
  schemaItem,
  snapshotOf,
  snapshotsItem,
} from '../../utils/storage/items';
import { dismissedHintsItem, settingsItem } from '../../utils/storage/choices';
import { migrationErrorItem, storageReportItem } from '../../utils/storage/notices';
import { modeOf } from '../../utils/storage/all-accounts';
import { failureMessage } from '../../utils/messaging/channel';
import { loadStored, storedSignal } from '../stored';

// The options page's state: what the background stored, mirrored as signals. Keys are never read.

const accounts = storedSignal(accountsItem);
const snapshots = storedSignal(snapshotsItem);
const settings = storedSignal(settingsItem);
const migrationError = storedSignal(migrationErrorItem);
const schema = storedSignal(schemaItem);
const storageReport = storedSignal(storageReportItem);
const dismissedHints = storedSignal(dismissedHintsItem);

export const optionsState = {
  accounts,
  snapshots,
  settings,
  migrationError,
  /** Repairs of damaged stored data the background made, to tell once. */
  storageReport,
  /** The stored layout's version when a newer Model Watch wrote it (after a rollback), else null. */
  newerLayout: computed(() =>
    schema.value !== null && schema.value > SCHEMA_VERSION ? schema.value : null,
  ),
  dismissedHints,
  loaded: loadStored(
    accounts,
    snapshots,
    settings,
    migrationError,
    schema,
    storageReport,
    dismissedHints,
  ),
  mode: computed(() => modeOf(accounts.value)),
  /** The user's accounts (the sample workspace aside). */
  keyAccounts: computed(() => accounts.value.filter((a) => !a.sample)),
};

/** Counts for "you have 12 models and 3 datasets", from an account's stored lists. */
export function countsOf(accountId: string) {
  const { models, datasets } = snapshotOf(optionsState.snapshots.value, accountId);
  const owned = models.filter((m) => m.owned).length;
  return { owned, shared: models.length - owned, datasets: datasets.length };
}

/**
 * Runs something the user clicked that asks the background. A failure is put in words in
 * `problem` (shown where they clicked) instead of passing silently; a success clears it. True
 * when it worked.
 */
export async function attempt(
  problem: Signal<string>,
  action: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await action();
    problem.value = '';
    return true;
  } catch (error) {
    problem.value = failureMessage(error, 'Model Watch could not do that. Try again.');
    return false;
  }
}
