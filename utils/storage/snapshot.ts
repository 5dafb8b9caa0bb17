import * as v from 'valibot';
import { API_ERROR_KINDS, type ApiFailure } from '../api/errors';
import type { Dataset, Model, TrainingRun } from '../api/types';
import { isRecord } from './is-record';
import { exactly, goodEntries, withoutUndefined } from './parse';

// An account's stored data and its schema. Kept apart from items.ts (which needs the extension's
// APIs) so that Node-side code, such as the end-to-end tests, can use the type and the empty value.

export interface SnapshotError extends ApiFailure {
  at: number;
}

/** The latest good data of one account, with what went wrong since (if anything). */
export interface Snapshot {
  models: Model[];
  datasets: Dataset[];
  /** When the user's own models were last listed (alone, or with the shared ones). */
  listedAt: number | null;
  /** When the models shared with the user were last listed. */
  sharedAt: number | null;
  /** When the dataset list was last fetched. */
  datasetsAt: number | null;
  /** When the API last answered a refresh (full or light) successfully. */
  checkedAt: number | null;
  /** The failure of the latest refresh; null once one succeeds. */
  error: SnapshotError | null;
  /** The dataset list alone failed (a 403 on it, say) while the models came: the old list stays. */
  datasetsError: SnapshotError | null;
  /** Items the last lists held that failed validation and were left out. */
  dropped: number;
}

export const EMPTY_SNAPSHOT: Snapshot = {
  models: [],
  datasets: [],
  listedAt: null,
  sharedAt: null,
  datasetsAt: null,
  checkedAt: null,
  error: null,
  datasetsError: null,
  dropped: 0,
};

// What a stored snapshot must hold. The same shapes as the API parser produces, checked again:
// storage is input too (an older build, a half-written value, a hand edit).

const Text = v.string();
const Id = v.pipe(v.string(), v.minLength(1));
const Time = v.pipe(v.number(), v.finite());
const NullableNumber = v.nullable(v.pipe(v.number(), v.finite()));

const StoredRun: v.GenericSchema<unknown, TrainingRun> = v.object({
  id: Text,
  phase: Text,
  createdAt: Time,
  updatedAt: v.nullable(Time),
  steps: NullableNumber,
  loraRank: NullableNumber,
  chips: NullableNumber,
  ema: NullableNumber,
  learningRate: NullableNumber,
});

export const StoredModel: v.GenericSchema<unknown, Model> = v.pipe(
  v.object({
    id: Id,
    name: Text,
    status: v.pipe(v.string(), v.minLength(1)),
    createdAt: Time,
    updatedAt: v.nullable(Time),
    available: v.boolean(),
    owned: v.boolean(),
    uri: v.nullable(v.string()),
    datasetId: v.nullable(v.string()),
    runs: v.optional(v.array(StoredRun)),
    runsAt: v.optional(Time),
    observed: v.optional(v.object({ startedAt: Time, finishedAt: Time })),
  }),
  // Fields left out stay out.
  v.transform(withoutUndefined),
);

export const StoredDataset: v.GenericSchema<unknown, Dataset> = v.pipe(
  v.object({
    id: Id,
    name: Text,
    createdAt: Time,
    fileCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    countedAt: v.optional(Time),
    usedAt: v.optional(Time),
  }),
  // A file count is kept only with the time it was counted; fields left out stay out.
  v.transform(({ fileCount, countedAt, ...dataset }): Dataset =>
    withoutUndefined(
      fileCount !== undefined && countedAt !== undefined
        ? { ...dataset, fileCount, countedAt }
        : dataset,
    ),
  ),
);

const StoredError: v.GenericSchema<unknown, SnapshotError> = v.pipe(
  v.object({
    kind: v.fallback(v.picklist(API_ERROR_KINDS), 'http'),
    message: v.string(),
    at: Time,
    status: v.optional(v.number()),
    retryAfterSeconds: v.optional(v.number()),
  }),
  v.transform(withoutUndefined),
);

/** Keeps the good entries of a stored list, counting the bad ones (not a list: one bad). */
function storedList<T>(schema: v.GenericSchema<unknown, T>, raw: unknown) {
  if (!Array.isArray(raw)) return { kept: [], bad: 1 };
  const kept = goodEntries(schema, raw);
  return { kept, bad: raw.length - kept.length };
}

const readTime = exactly(Time);
const readError = exactly(StoredError);

/**
 * One account's stored snapshot, repaired field by field: unreadable models or datasets are left
 * out (and counted), unusable times and errors read as unknown. Null when it is not a record.
 */
export function parseSnapshot(r: unknown): { value: Snapshot; repaired: number } | null {
  if (!isRecord(r)) return null;
  const models = storedList(StoredModel, r.models);
  const datasets = storedList(StoredDataset, r.datasets);
  const time = (value: unknown) => readTime(value)?.value ?? null;
  const error = readError(r.error)?.value ?? null;
  const datasetsError = readError(r.datasetsError)?.value ?? null;
  const dropped = typeof r.dropped === 'number' && r.dropped >= 0 ? r.dropped : 0;
  const repaired =
    models.bad +
    datasets.bad +
    (r.error != null && error === null ? 1 : 0) +
    (r.listedAt != null && time(r.listedAt) === null ? 1 : 0) +
    (r.checkedAt != null && time(r.checkedAt) === null ? 1 : 0);
  return {
    value: {
      models: models.kept,
      datasets: datasets.kept,
      listedAt: time(r.listedAt),
      // Older versions fetched the three lists together: their one time stands for each.
      sharedAt: r.sharedAt === undefined ? time(r.listedAt) : time(r.sharedAt),
      datasetsAt: r.datasetsAt === undefined ? time(r.listedAt) : time(r.datasetsAt),
      checkedAt: time(r.checkedAt),
      error,
      datasetsError,
      dropped,
    },
    repaired,
  };
}
