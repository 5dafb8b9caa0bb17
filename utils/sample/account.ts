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

/** An API client for the sample account, answered inside the extension. */
export async function createSampleApi(
  since: number,
  now: () => number = Date.now,
  load: () => Promise<SampleData> = loadSampleData,
) {
  const server = createFakeIdeogram(sampleAccount(await load(), since), now);
  return createIdeogramApi({
    apiKey: SAMPLE_KEY,
    fetch: fakeFetch(server.handle),
    isOnline: () => true,
  });
}
