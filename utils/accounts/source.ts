import { createIdeogramApi, type IdeogramApi } from '../api/client';
import { type Account, apiKeysItem } from '../storage/items';
import { createSampleApi } from '../sample/api';
import { loadSampleData, type SampleData } from '../sample/data';

// Where an account's data comes from: the API with its key, or the built-in sample workspace.
// The one place (with the API client) that reads a key.

/**
 * Builds the API client for a key, which hides that key and every one in `hide` (the other saved
 * keys) in whatever its answers say. Tests swap `fetch` for the fake API.
 */
export type ApiFactory = (apiKey: string, hide: readonly string[]) => IdeogramApi;

export const realApi: ApiFactory = (apiKey, hide) => createIdeogramApi({ apiKey, hide });

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
  const keys = await apiKeysItem.getValue();
  const apiKey = keys[account.id];
  return apiKey ? deps.makeApi(apiKey, Object.values(keys)) : null;
}
