import type { Dataset, Model, StartedTraining } from '../api/types';
import { type Account, accountsItem, snapshotOf, snapshotsItem } from '../storage/items';
import { write } from '../storage/writer';

// What the studio's writes change in the stored lists, through the one writer, at once: a new
// dataset is listed, a dataset used is remembered for the right-click menu, a training started
// is a model in CREATING before the next check confirms it.

type DatasetChange = (datasets: Dataset[]) => Dataset[];

function changeDatasets(account: Account, change: DatasetChange): Promise<void> {
  return write(async (tx) => {
    const current = (await tx.get(accountsItem)).find((a) => a.id === account.id);
    if (!current || current.since !== account.since) return;
    const snapshots = await tx.get(snapshotsItem);
    const snapshot = snapshotOf(snapshots, account.id);
    tx.set(snapshotsItem, {
      ...snapshots,
      [account.id]: { ...snapshot, datasets: change(snapshot.datasets) },
    });
  });
}

/** A dataset just created: listed first, empty, and used now. */
export function storeNewDataset(account: Account, dataset: Dataset, now: number): Promise<void> {
  return changeDatasets(account, (datasets) => [
    { ...dataset, fileCount: 0, countedAt: now, usedAt: now },
    ...datasets.filter((d) => d.id !== dataset.id),
  ]);
}

/** Images were added to it, or a training started from it: it leads the right-click menu. */
export function markDatasetUsed(
  account: Account,
  datasetId: string,
  now: number,
  fileCount?: number,
): Promise<void> {
  return changeDatasets(account, (datasets) =>
    datasets.map((d) =>
      d.id !== datasetId
        ? d
        : fileCount === undefined
          ? { ...d, usedAt: now }
          : { ...d, usedAt: now, fileCount, countedAt: now },
    ),
  );
}

/** A training Ideogram accepted: its model, listed at once as Ideogram says it is. */
export function storeStartedModel(
  account: Account,
  started: StartedTraining,
  now: number,
): Promise<void> {
  const model: Model = {
    id: started.modelId,
    name: started.modelName,
    // The list says CREATING first; an answer with another known word is taken as is.
    status: started.status === 'TRAINING' ? 'TRAINING' : 'CREATING',
    createdAt: now,
    updatedAt: now,
    available: false,
    owned: true,
    uri: null,
    datasetId: started.datasetId,
  };
  return write(async (tx) => {
    const current = (await tx.get(accountsItem)).find((a) => a.id === account.id);
    if (!current || current.since !== account.since) return;
    const snapshots = await tx.get(snapshotsItem);
    const snapshot = snapshotOf(snapshots, account.id);
    if (snapshot.models.some((m) => m.id === model.id)) return;
    tx.set(snapshotsItem, {
      ...snapshots,
      [account.id]: { ...snapshot, models: [model, ...snapshot.models] },
    });
  });
}
