import { createIdeogramApi, type IdeogramApi } from './api/client';
import { ApiError, type ApiFailure, toFailure } from './api/errors';
import { apiKeyItem, snapshotItem } from './storage';

const inflight = new Map<string, Promise<unknown>>();

/** Runs `task` unless the same one is already running, in which case its result is shared. */
export function singleFlight<T>(key: string, task: () => Promise<T>): Promise<T> {
  const running = inflight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = task().finally(() => inflight.delete(key));
  inflight.set(key, started);
  return started;
}

/** The client for the stored key, or null when there is none. */
export async function currentApi(): Promise<IdeogramApi | null> {
  const apiKey = await apiKeyItem.getValue();
  return apiKey ? createIdeogramApi({ apiKey }) : null;
}

function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiError) return toFailure(error);
  return { kind: 'invalid_response', message: 'Model Watch could not read the API’s answer.' };
}

/** Fetches both full lists and stores them; a failure is recorded and the last good data kept. */
export async function refreshLists(api: IdeogramApi, now = Date.now()): Promise<ApiFailure | null> {
  try {
    const [models, datasets] = await Promise.all([
      singleFlight('/models', () => api.listModels()),
      singleFlight('/datasets', () => api.listDatasets()),
    ]);
    await snapshotItem.setValue({
      models: models.items,
      datasets: datasets.items,
      listedAt: now,
      checkedAt: now,
      error: null,
      dropped: models.dropped + datasets.dropped,
    });
    return null;
  } catch (error) {
    const failure = failureOf(error);
    const snapshot = await snapshotItem.getValue();
    await snapshotItem.setValue({ ...snapshot, error: { ...failure, at: now } });
    return failure;
  }
}
