import { browser } from 'wxt/browser';
import { createIdeogramApi } from '../api/client';
import { createFakeIdeogram, type FakeAccount, type FakeStep, fakeFetch } from './server';

// The built-in sample account: what someone without a key (a store reviewer, someone deciding
// whether to install) sees. Its data is a file in the package (public/sample-account.json), read
// only when sample mode is on, so it costs nothing otherwise. Its training models finish on a
// clock that starts when sample mode is turned on, so the badge visibly changes within minutes.
// It is served by the same fake server the tests use, through the real API client, and never
// touches the network.

const MINUTE = 60_000;

/** Not a real key: requests in sample mode are answered inside the extension. */
export const SAMPLE_KEY = 'sample-workspace';

/** The file's shape: times are minutes relative to when sample mode started. */
export interface SampleData {
  datasets: { id: string; name: string; created: number; files: [prefix: string, count: number] }[];
  models: {
    id: string;
    name: string;
    dataset?: string;
    shared?: boolean;
    available?: boolean;
    steps: [at: number, status: string, uri?: string | null][];
  }[];
}

/** Reads the packaged sample data (once per worker). */
let cached: Promise<SampleData> | undefined;
export function loadSampleData(): Promise<SampleData> {
  cached ??= fetch(browser.runtime.getURL('/sample-account.json')).then(
    (response) => response.json() as Promise<SampleData>,
  );
  return cached;
}

/** The sample account as it stands for a session that started at `since`. */
export function sampleAccount(data: SampleData, since: number): FakeAccount {
  const at = (minutes: number) => since + minutes * MINUTE;
  return {
    apiKey: SAMPLE_KEY,
    datasets: data.datasets.map((d) => ({
      dataset_id: d.id,
      name: d.name,
      user_id: 'sample-user',
      creation_time: at(d.created),
      files: Array.from({ length: d.files[1] }, (_, i) => ({
        file_name: `${d.files[0]}-${String(i + 1).padStart(2, '0')}.jpg`,
        file_size_bytes: 180_000 + ((i * 7919) % 900_000),
      })),
    })),
    models: data.models.map((m) => ({
      model_id: m.id,
      name: m.name,
      is_owned: !m.shared,
      dataset_id: m.dataset ?? null,
      timeline: m.steps.map(([minutes, status, uri]) => {
        const step: FakeStep = { at: at(minutes), status };
        if (uri !== undefined) step.uri = uri;
        if (m.available !== undefined) step.available = m.available;
        return step;
      }),
    })),
  };
}

/**
 * What was written in sample mode (datasets made, images uploaded, models trained): the whole
 * sample account as it stands, kept for the browser session (storage.session), so a refresh, a
 * restarted worker or another page sees what the studio did. It never holds a key.
 */
const WRITTEN_KEY = 'sampleWritten';

async function readWritten(since: number): Promise<FakeAccount | null> {
  try {
    const stored = (await browser.storage.session.get(WRITTEN_KEY))[WRITTEN_KEY] as
      { since?: unknown; account?: FakeAccount } | undefined;
    if (stored?.since !== since || typeof stored.account !== 'object') return null;
    const account = stored.account;
    return Array.isArray(account.models) && Array.isArray(account.datasets) ? account : null;
  } catch {
    return null;
  }
}

async function keepWritten(since: number, account: FakeAccount): Promise<void> {
  try {
    await browser.storage.session.set({ [WRITTEN_KEY]: { since, account } });
  } catch {
    // Without session storage, the simulation lasts as long as this worker.
  }
}

/** An API client for the sample account, answered inside the extension. */
export async function createSampleApi(
  since: number,
  now: () => number = Date.now,
  load: () => Promise<SampleData> = loadSampleData,
) {
  const account = (await readWritten(since)) ?? sampleAccount(await load(), since);
  // A model trained in sample mode finishes while the user watches, not in an hour and a half.
  const server = createFakeIdeogram({ ...account, apiKey: SAMPLE_KEY }, now, {
    trainingTimes: { creating: 20_000, training: 3 * MINUTE },
  });
  const answer = fakeFetch(server.handle);
  return createIdeogramApi({
    apiKey: SAMPLE_KEY,
    fetch: async (input, init) => {
      const response = await answer(input, init);
      // A write that succeeded is kept for the session.
      if ((init?.method ?? 'GET') !== 'GET' && response.ok)
        await keepWritten(since, server.account);
      return response;
    },
    isOnline: () => true,
  });
}
