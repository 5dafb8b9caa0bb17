import { computed, signal } from '@preact/signals';
import type { Model } from '../../../utils/api/types';
import { accountsItem, snapshotOf, snapshotsItem } from '../../../utils/storage/items';
import { baseChoicesItem } from '../../../utils/storage/trainings';
import { readStudioHash, type StudioPlace, studioHash } from '../../../utils/studio/route';
import { storedSignal } from '../../stored';

// Where the studio page is: the stored accounts and lists (read, never written here), and the
// route (which account and dataset, in the address's hash so Back and reload keep it). What opens
// with a place is in ./open.ts, which follows the hash.

export const accounts = storedSignal(accountsItem);
export const snapshots = storedSignal(snapshotsItem);
/** The base chosen last for each dataset (the training form starts on it). */
export const baseChoices = storedSignal(baseChoicesItem);

export const route = signal<StudioPlace>(readStudioHash(location.hash));

/** Goes to a place: the hash changes, and ./open.ts opens it. */
export function go(accountId: string | null, datasetId: string | null = null): void {
  location.hash = studioHash(accountId, datasetId);
}

/** The account shown: the route's, else the first (a real one before sample data). */
export const account = computed(() => {
  const all = accounts.value;
  return all.find((a) => a.id === route.value.accountId) ?? all[0] ?? null;
});

export const snapshot = computed(() =>
  account.value ? snapshotOf(snapshots.value, account.value.id) : null,
);

export const dataset = computed(() => {
  const id = route.value.datasetId;
  return snapshot.value?.datasets.find((d) => d.id === id) ?? null;
});

/** Models trained from the open dataset, as listed. */
export const datasetModels = computed((): Model[] => {
  const id = dataset.value?.id;
  return id ? (snapshot.value?.models.filter((m) => m.datasetId === id) ?? []) : [];
});
