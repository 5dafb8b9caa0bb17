// Long: one valibot schema per documented answer, mirroring the published spec.
import * as v from 'valibot';
import { parseApiTime } from './time';
import {
  type Dataset,
  type DatasetDetail,
  type DatasetFile,
  type Model,
  type ParsedList,
  type StartedTraining,
  type TrainingRun,
  UNKNOWN_STATUS,
  type UploadResult,
} from './types';

// One idea, kept whole although it passes 200 lines: the shape of every answer read.
// Tolerant where the API may grow (extra fields are ignored, unknown statuses are kept), strict
// where data would be wrong (a model without an id, a boolean that is a string, a bad date).

/** Longest name kept; anything longer is cut so one hostile item cannot bloat storage or the UI. */
export const MAX_TEXT_LENGTH = 300;

const clamp = (text: string): string =>
  text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT_LENGTH));
const Text = v.pipe(v.string(), v.transform(clamp));
const Time = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const ms = parseApiTime(dataset.value);
    if (ms === null) {
      addIssue({ message: 'not a timestamp' });
      return NEVER;
    }
    return ms;
  }),
);

/**
 * A status: kept as it comes, so one Ideogram adds later is shown by its own words. The published
 * examples show `null`; such a model is kept, with an unknown status.
 */
const Status = v.pipe(
  v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  v.transform((status) => status ?? UNKNOWN_STATUS),
);
/** A number the API documents as nullable; anything that is not a finite number reads as null. */
const Num = v.pipe(
  v.unknown(),
  v.transform((n) => (typeof n === 'number' && Number.isFinite(n) ? n : null)),
);

const ApiTrainingRun = v.pipe(
  v.object({
    training_run_id: v.pipe(v.string(), v.maxLength(MAX_TEXT_LENGTH)),
    status: Status,
    creation_time: Time,
    last_update_time: v.nullish(Time),
    training_steps: v.optional(Num),
    lora_rank: v.optional(Num),
    num_chips: v.optional(Num),
    ema: v.optional(Num),
    learning_rate: v.optional(Num),
  }),
  v.transform((r): TrainingRun => ({
    id: r.training_run_id,
    phase: r.status,
    createdAt: r.creation_time,
    updatedAt: r.last_update_time ?? null,
    steps: r.training_steps ?? null,
    loraRank: r.lora_rank ?? null,
    chips: r.num_chips ?? null,
    ema: r.ema ?? null,
    learningRate: r.learning_rate ?? null,
  })),
);

/** Training runs: each one on its own, a bad one left out; oldest first. */
const Runs = v.pipe(
  v.array(v.unknown()),
  v.transform((runs) =>
    runs
      .flatMap((run) => {
        const parsed = v.safeParse(ApiTrainingRun, run);
        return parsed.success ? [parsed.output] : [];
      })
      .sort((a, b) => a.createdAt - b.createdAt),
  ),
);

const ApiModel = v.pipe(
  v.object({
    model_id: Id,
    name: Text,
    status: Status,
    creation_time: Time,
    last_update_time: v.nullish(Time),
    is_available_for_generation: v.boolean(),
    is_owned: v.boolean(),
    custom_model_uri: v.nullish(v.pipe(v.string(), v.maxLength(1000))),
    dataset_id: v.nullish(Id),
    training_runs: v.optional(v.nullable(Runs)),
  }),
  v.transform((m): Model => {
    const model: Model = {
      id: m.model_id,
      name: m.name,
      status: m.status,
      createdAt: m.creation_time,
      updatedAt: m.last_update_time ?? null,
      available: m.is_available_for_generation,
      owned: m.is_owned,
      uri: m.custom_model_uri || null,
      datasetId: m.dataset_id ?? null,
    };
    // Lists leave the runs out (or empty); only a detail says what the history is.
    if (m.training_runs && m.training_runs.length > 0) model.runs = m.training_runs;
    return model;
  }),
);

const ApiDataset = v.pipe(
  v.object({ dataset_id: Id, name: Text, creation_time: Time }),
  v.transform((d): Dataset => ({ id: d.dataset_id, name: d.name, createdAt: d.creation_time })),
);

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

const ApiDatasetFile = v.pipe(
  v.object({
    file_name: v.nullable(Text),
    file_size_bytes: v.nullish(Count),
    caption: v.optional(v.unknown()),
  }),
  v.transform((f): DatasetFile => {
    const file: DatasetFile = { name: f.file_name, sizeBytes: f.file_size_bytes ?? null };
    if (typeof f.caption === 'string' && f.caption !== '') file.caption = f.caption.slice(0, 2000);
    return file;
  }),
);

/** What parsing a body gives: the value, or in words why the body is not the documented shape. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses each item on its own: a bad one is dropped and counted, the rest survive. */
function parseItems<T extends { id: string }>(
  items: unknown[],
  schema: v.GenericSchema<unknown, T>,
): ParsedList<T> {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const item of items) {
    const result = v.safeParse(schema, item);
    // A repeated id would make two rows claim one model; the first one wins.
    if (result.success && !seen.has(result.output.id)) {
      seen.add(result.output.id);
      kept.push(result.output);
    }
  }
  return { items: kept, dropped: items.length - kept.length };
}

function parseList<T extends { id: string }>(
  body: unknown,
  field: string,
  schema: v.GenericSchema<unknown, T>,
): ParseResult<ParsedList<T>> {
  if (!isRecord(body)) return { ok: false, problem: 'the body is not a JSON object' };
  const items = body[field];
  if (!Array.isArray(items)) return { ok: false, problem: `it has no "${field}" list` };
  return { ok: true, value: parseItems(items, schema) };
}

/** `GET /models` → `{ models: CustomModel[] }`. */
export const parseModelList = (body: unknown) => parseList(body, 'models', ApiModel);

/** `GET /datasets` → `{ datasets: Dataset[] }`. */
export const parseDatasetList = (body: unknown) => parseList(body, 'datasets', ApiDataset);

/** `GET /models/{id}` → `{ model: CustomModel }`. */
export function parseModelDetail(body: unknown): ParseResult<Model> {
  if (!isRecord(body)) return { ok: false, problem: 'the body is not a JSON object' };
  const result = v.safeParse(ApiModel, body.model);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, problem: 'the model in it is incomplete or mistyped' };
}

const ApiDatasetDetail = v.object({
  dataset: ApiDataset,
  file_count: v.optional(Count),
  files: v.optional(v.nullable(v.array(v.unknown())), []),
  custom_model_ids: v.optional(v.nullable(v.array(v.unknown())), []),
  // An older version of this answer named one model, or none.
  custom_model_id: v.optional(v.nullable(v.unknown())),
});

/** `GET /datasets/{id}` → `{ dataset, file_count, files, custom_model_ids }`. */
export function parseDatasetDetail(body: unknown): ParseResult<DatasetDetail> {
  const result = v.safeParse(ApiDatasetDetail, body);
  if (!result.success) return { ok: false, problem: 'the dataset in it is incomplete or mistyped' };
  const { dataset, file_count, custom_model_id } = result.output;
  const files = result.output.files ?? [];
  const custom_model_ids = [...(result.output.custom_model_ids ?? []), custom_model_id];
  const parsedFiles = files.flatMap((file) => {
    const parsed = v.safeParse(ApiDatasetFile, file);
    return parsed.success ? [parsed.output] : [];
  });
  const modelIds = custom_model_ids.filter(
    (id): id is string => typeof id === 'string' && id.length > 0,
  );
  return {
    ok: true,
    value: {
      dataset,
      fileCount: file_count ?? parsedFiles.length,
      files: parsedFiles,
      modelIds: [...new Set(modelIds)],
    },
  };
}

/** `POST /datasets` → the Dataset created. */
export function parseCreatedDataset(body: unknown): ParseResult<Dataset> {
  const result = v.safeParse(ApiDataset, body);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, problem: 'the new dataset in it is incomplete or mistyped' };
}

const Reason = v.pipe(v.string(), v.regex(/^[A-Z0-9_]{1,64}$/));

const ApiUploadResult = v.object({
  total_count: Count,
  success_count: Count,
  failure_count: Count,
  successful_assets: v.optional(v.nullable(v.array(v.unknown())), []),
  failed_assets: v.optional(v.nullable(v.array(v.unknown())), []),
});

const ApiFailedAsset = v.object({
  file_name: v.optional(v.nullable(Text)),
  // Documented as nullable in the schema's example: an unknown reason is still a failure.
  failure_reason: v.optional(v.nullable(v.unknown())),
});

/** `POST /datasets/{id}/upload_assets` → counts, and the files taken and refused. */
export function parseUploadResult(body: unknown): ParseResult<UploadResult> {
  const result = v.safeParse(ApiUploadResult, body);
  if (!result.success) return { ok: false, problem: 'the upload summary in it is incomplete' };
  const r = result.output;
  const succeededNames = (r.successful_assets ?? []).flatMap((asset) => {
    const name = isRecord(asset) ? asset.file_name : undefined;
    return typeof name === 'string' && name.length <= MAX_TEXT_LENGTH ? [name] : [];
  });
  const failures = (r.failed_assets ?? []).flatMap((asset) => {
    const parsed = v.safeParse(ApiFailedAsset, asset);
    if (!parsed.success) return [];
    const reason = v.is(Reason, parsed.output.failure_reason)
      ? parsed.output.failure_reason
      : 'UNKNOWN';
    return [{ fileName: parsed.output.file_name ?? null, reason }];
  });
  return {
    ok: true,
    value: {
      total: r.total_count,
      succeeded: r.success_count,
      failed: r.failure_count,
      succeededNames,
      failures,
    },
  };
}

const ApiStartedTraining = v.pipe(
  v.object({
    model_id: Id,
    dataset_id: Id,
    model_name: Text,
    training_status: v.optional(v.unknown()),
  }),
  v.transform((t): StartedTraining => ({
    modelId: t.model_id,
    datasetId: t.dataset_id,
    modelName: t.model_name,
    status:
      typeof t.training_status === 'string' && /^[A-Za-z_]{1,32}$/.test(t.training_status)
        ? t.training_status.toUpperCase()
        : 'CREATING',
  })),
);

/** The train endpoints → `{ model_id, dataset_id, model_name, training_status }`. */
export function parseStartedTraining(body: unknown): ParseResult<StartedTraining> {
  const result = v.safeParse(ApiStartedTraining, body);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, problem: 'the new model in it is incomplete or mistyped' };
}
