import type { IdeogramApi } from '../api/client';
import { ApiError } from '../api/errors';
import type { Model } from '../api/types';
import type { Account } from '../storage/items';
import { changeSnapshot } from '../storage/changes';
import { snapshotOf, snapshotsItem } from '../storage/items';
import { HISTORY_WINDOW, pastTrainings } from '../models/training';
import { detailsDue } from './fetch';
import { isActive } from './transitions';

// Models' details outside the periodic check: the phases of the models in training when a key
// is saved (so they show at once), and the runs that say how long the user's trainings took,
// read when there is too little history for estimates (a few of the most recently finished
// models, each once). Also where a detail a page read (the popup's model view) is kept.

/** With fewer past trainings known than this, a few more are read. */
export const HISTORY_WANTED = 5;
/** At most this many details per refresh for the history. */
export const HISTORY_PER_REFRESH = 5;

/**
 * Of the user's most recently finished models (the ones an estimate would look at), those whose
 * detail was never read, most recent first. So at most ten are ever read for the history, even
 * when their details turn out to have none.
 */
export function historyToRead(models: readonly Model[]): string[] {
  if (pastTrainings(models).length >= HISTORY_WANTED) return [];
  return models
    .filter((m) => m.owned && m.status === 'COMPLETED')
    .sort((a, b) => (b.updatedAt ?? b.createdAt) - (a.updatedAt ?? a.createdAt))
    .slice(0, HISTORY_WINDOW)
    .filter((m) => m.runsAt === undefined && !m.observed)
    .slice(0, HISTORY_PER_REFRESH)
    .map((m) => m.id);
}

/**
 * Stores models' details read now: each keeps its runs (and the time they were read), and
 * nothing else. Its status is the lists' to change, through the check that notices a finish
 * (and announces it once); a detail read here never takes that from it. A model whose detail
 * says it is gone (null) is left to the next list to remove.
 */
export function storeDetails(
  account: Account,
  details: Map<string, Model | null>,
  now: number,
): Promise<void> {
  if (details.size === 0) return Promise.resolve();
  return changeSnapshot(account, (snapshot) => {
    if (!snapshot.models.some((m) => details.get(m.id))) return null;
    const models = snapshot.models.map((model) => {
      const detail = details.get(model.id);
      if (!detail) return model;
      const read: Model = { ...model, runsAt: now };
      delete read.runs;
      if (detail.runs) read.runs = detail.runs;
      return read;
    });
    return { ...snapshot, models };
  });
}

/**
 * Reads these models' details: a model gone (404) reads as null; any other failure leaves it
 * out, to be asked for again later (its phase falls back to the list's status meanwhile).
 */
async function readModels(api: IdeogramApi, ids: readonly string[]) {
  const details = new Map<string, Model | null>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        details.set(id, await api.getModel(id));
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'not_found') details.set(id, null);
      }
    }),
  );
  return details;
}

/** Reads the details the history wants (see `historyToRead`). */
export async function readHistory(api: IdeogramApi, account: Account, now: () => number) {
  const due = historyToRead(snapshotOf(await snapshotsItem.getValue(), account.id).models);
  await storeDetails(account, await readModels(api, due), now());
}

/** Reads the phases of the account's models in training that are due (see `detailsDue`). */
export async function readPhases(api: IdeogramApi, account: Account, now: () => number) {
  const snapshot = snapshotOf(await snapshotsItem.getValue(), account.id);
  const due = detailsDue(snapshot.models.filter(isActive), snapshot, now());
  await storeDetails(account, await readModels(api, due), now());
}
