import * as v from 'valibot';
import { browser } from 'wxt/browser';

// The sample account's data: a file in the package (public/sample-account.json), read only when
// sample mode is on, so it costs nothing otherwise. Times are minutes relative to when sample
// mode started.

const Minutes = v.pipe(v.number(), v.finite());
const SampleDataSchema = v.object({
  datasets: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      created: Minutes,
      files: v.tuple([v.string(), v.pipe(v.number(), v.integer(), v.minValue(0))]),
      /** The captions of its first files, in order (a structured one as its JSON text). */
      captions: v.optional(v.array(v.string())),
    }),
  ),
  models: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      dataset: v.optional(v.string()),
      shared: v.optional(v.boolean()),
      available: v.optional(v.boolean()),
      steps: v.array(
        // The longer form first: a tuple schema drops items past its length.
        v.union([
          v.tuple([Minutes, v.string(), v.nullable(v.string())]),
          v.tuple([Minutes, v.string()]),
        ]),
      ),
    }),
  ),
});

export type SampleData = v.InferOutput<typeof SampleDataSchema>;

/** The packaged file read as sample data (it is the extension's own file; checked all the same). */
export function parseSampleData(raw: unknown): SampleData {
  return v.parse(SampleDataSchema, raw);
}

/** Reads the packaged sample data (once per worker). */
let cached: Promise<SampleData> | undefined;
export function loadSampleData(): Promise<SampleData> {
  cached ??= fetch(browser.runtime.getURL('/sample-account.json'))
    .then((response) => response.json())
    .then(parseSampleData)
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
