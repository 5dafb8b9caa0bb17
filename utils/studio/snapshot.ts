import type { Dataset, Model, StartedTraining } from '../api/types';
import { changeSnapshot } from '../storage/changes';
import type { Account } from '../storage/items';

// What the studio's writes change in the stored lists, through the one writer, at once: a new
// dataset is listed, a dataset used is remembered for the right-click menu, a training started
// is a model in CREATING before the next check confirms it. (Image counts read back are stored by
// storeCounts, like any count.)

/** A dataset just created: listed first, empty, and used now. */
export function storeNewDataset(account: Account, dataset: Dataset, now: number): Promise<void> {
  return changeSnapshot(account, (snapshot) => ({
    ...snapshot,
    datasets: [
      { ...dataset, fileCount: 0, countedAt: now, usedAt: now },
      ...snapshot.datasets.filter((d) => d.id !== dataset.id),
    ],
  }));
}

/** Images were added to it, or a training started from it: it leads the right-click menu. */
export function markDatasetUsed(account: Account, datasetId: string, now: number): Promise<void> {
  return changeSnapshot(account, (snapshot) =>
    snapshot.datasets.some((d) => d.id === datasetId)
      ? {
          ...snapshot,
          datasets: snapshot.datasets.map((d) => (d.id === datasetId ? { ...d, usedAt: now } : d)),
        }
      : null,
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
  return storeModel(account, model);
}

/** A model of the account, listed at once unless the stored list already has it. */
export function storeModel(account: Account, model: Model): Promise<void> {
  return changeSnapshot(account, (snapshot) =>
    snapshot.models.some((m) => m.id === model.id)
      ? null
      : { ...snapshot, models: [model, ...snapshot.models] },
  );
}
