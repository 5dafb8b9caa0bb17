import { storage } from 'wxt/utils/storage';
import { createIdeogramApi, type IdeogramApi } from './api/client';
import { ApiError, toFailure } from './api/errors';
import { cleanKey } from './key';
import type { KeyCheck, SaveKeyResult } from './protocol';
import { createSampleApi, loadSampleData, type SampleData } from './sample/account';
import {
  apiKeyItem,
  type Connection,
  connectionItem,
  EMPTY_SNAPSHOT,
  noticesItem,
  pinsItem,
  recentsItem,
  refreshStateItem,
  type Snapshot,
  snapshotItem,
} from './storage';

/** Builds the API client a connection uses; tests swap `fetch` for the fake API. */
export interface ApiFactory {
  (apiKey: string): IdeogramApi;
}

export const realApi: ApiFactory = (apiKey) => createIdeogramApi({ apiKey });

export interface SourceDeps {
  makeApi: ApiFactory;
  now: () => number;
  /** The sample account's data (read from the package; tests read it from disk). */
  loadSample: () => Promise<SampleData>;
}

/** The client for the current source of data: the stored key, the sample account, or nothing. */
export async function apiFor(
  connection: Connection,
  deps: SourceDeps = { makeApi: realApi, now: Date.now, loadSample: loadSampleData },
): Promise<IdeogramApi | null> {
  if (connection.mode === 'sample') {
    return createSampleApi(connection.since, deps.now, deps.loadSample);
  }
  if (connection.mode === 'none') return null;
  const apiKey = await apiKeyItem.getValue();
  return apiKey ? deps.makeApi(apiKey) : null;
}

/** Switches the source of data, dropping everything fetched from the previous one, in one write. */
async function switchTo(connection: Connection, apiKey: string | null, snapshot: Snapshot) {
  // Removed, not set to null: a forgotten key leaves no entry behind. It goes first, so that no
  // moment exists where the old key outlives the decision to forget it.
  if (apiKey === null) await apiKeyItem.removeValue();
  await storage.setItems([
    ...(apiKey === null ? [] : [{ item: apiKeyItem, value: apiKey }]),
    { item: connectionItem, value: connection },
    snapshotItem.entry(snapshot),
    { item: refreshStateItem, value: { failures: 0, retryAt: null } },
    { item: noticesItem, value: [] },
    // Pins and recents name models of the previous source.
    { item: pinsItem, value: [] },
    { item: recentsItem, value: [] },
  ]);
}

/**
 * Saves a key. With `check`, it is tried first (both lists, which then become the snapshot, so
 * saving costs no second round of calls); a key that fails the check is not saved, and the user
 * decides whether to keep it anyway (`check: false`) or fix it.
 */
export async function saveKey(
  input: string,
  check: boolean,
  makeApi: ApiFactory = realApi,
  now = Date.now,
): Promise<SaveKeyResult> {
  const cleaned = cleanKey(input);
  if (!cleaned.ok) return { saved: false, problem: cleaned.problem };
  const note = cleaned.note === undefined ? {} : { note: cleaned.note };
  if (!check) {
    await switchTo({ mode: 'key', since: now() }, cleaned.key, EMPTY_SNAPSHOT);
    return { saved: true, check: null, ...note };
  }
  const api = makeApi(cleaned.key);
  try {
    const [models, datasets] = await Promise.all([api.listModels(), api.listDatasets()]);
    const at = now();
    await switchTo({ mode: 'key', since: at }, cleaned.key, {
      models: models.items,
      datasets: datasets.items,
      listedAt: at,
      checkedAt: at,
      error: null,
      dropped: models.dropped + datasets.dropped,
    });
    const owned = models.items.filter((m) => m.owned).length;
    const result: KeyCheck = {
      owned,
      shared: models.items.length - owned,
      datasets: datasets.items.length,
    };
    return { saved: true, check: result, ...note };
  } catch (error) {
    if (error instanceof ApiError) return { saved: false, error: toFailure(error) };
    throw error;
  }
}

/** Forgets the key and everything fetched with it. Settings stay. */
export async function removeKey(): Promise<void> {
  await switchTo({ mode: 'none' }, null, EMPTY_SNAPSHOT);
}

/** Starts the sample workspace; refused while a real key is set, whose data it would hide. */
export async function startSample(now = Date.now): Promise<void> {
  if ((await connectionItem.getValue()).mode === 'key') {
    throw new Error(
      'Remove your API key first: sample data is for trying Model Watch without one.',
    );
  }
  await switchTo({ mode: 'sample', since: now() }, null, EMPTY_SNAPSHOT);
}

export async function stopSample(): Promise<void> {
  if ((await connectionItem.getValue()).mode === 'sample') await removeKey();
}
