// Long: one valibot schema per documented answer, mirroring the published spec.
import * as v from 'valibot';
import { CAPTION_MAX } from './limits';
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
/** A timestamp, as epoch milliseconds; one that is not a timestamp (null) fails the number check. */
const Time = v.pipe(v.string(), v.transform(parseApiTime), v.number());
/** Absent or null: both read as "not given" (valibot's `nullish`, spelled with common pieces). */
const orNone = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));

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
    last_update_time: orNone(Time),
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

/** The items that pass `schema`, each parsed on its own: a bad one is left out. */
function goodOnes<T>(items: readonly unknown[], schema: v.GenericSchema<unknown, T>): T[] {
  return items.flatMap((item) => {
    const parsed = v.safeParse(schema, item);
    return parsed.success ? [parsed.output] : [];
  });
}

/** Training runs: each one on its own, a bad one left out; oldest first. */
const Runs = v.pipe(
  v.array(v.unknown()),
  v.transform((runs) => goodOnes(runs, ApiTrainingRun).sort((a, b) => a.createdAt - b.createdAt)),
);

const ApiModel = v.pipe(
  v.object({
    model_id: Id,
    name: Text,
    status: Status,
    creation_time: Time,
    last_update_time: orNone(Time),
    is_available_for_generation: v.boolean(),
    is_owned: v.boolean(),
    custom_model_uri: orNone(v.pipe(v.string(), v.maxLength(1000))),
    dataset_id: orNone(Id),
    training_runs: orNone(Runs),
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
    file_size_bytes: orNone(Count),
    caption: v.optional(v.unknown()),
  }),
  v.transform((f): DatasetFile => {
    const file: DatasetFile = { name: f.file_name, sizeBytes: f.file_size_bytes ?? null };
    if (typeof f.caption === 'string' && f.caption !== '')
      file.caption = f.caption.slice(0, CAPTION_MAX);
    return file;
  }),
);

/** What parsing a body gives: the value, or in words why the body is not the documented shape. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses a whole body with `schema`; `problem` says in words what was wrong when it fails. */
const whole =
  <T>(schema: v.GenericSchema<unknown, T>, problem: string) =>
  (body: unknown): ParseResult<T> => {
    const result = v.safeParse(schema, body);
    return result.success ? { ok: true, value: result.output } : { ok: false, problem };
  };

const NOT_AN_OBJECT = 'the body is not a JSON object';

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
  if (!isRecord(body)) return { ok: false, problem: NOT_AN_OBJECT };
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
  if (!isRecord(body)) return { ok: false, problem: NOT_AN_OBJECT };
  return parseModel(body.model);
}
const parseModel = whole(ApiModel, 'the model in it is incomplete or mistyped');

const ApiDatasetDetail = v.pipe(
  v.object({
    dataset: ApiDataset,
    file_count: v.optional(Count),
    files: orNone(v.array(v.unknown())),
    custom_model_ids: orNone(v.array(v.unknown())),
    // An older version of this answer named one model, or none.
    custom_model_id: orNone(v.unknown()),
  }),
  v.transform((d): DatasetDetail => {
    const files = goodOnes(d.files ?? [], ApiDatasetFile);
    const modelIds = [...(d.custom_model_ids ?? []), d.custom_model_id].filter(
      (id): id is string => typeof id === 'string' && id.length > 0,
    );
    return {
      dataset: d.dataset,
      fileCount: d.file_count ?? files.length,
      files,
      modelIds: [...new Set(modelIds)],
    };
  }),
);

/** `GET /datasets/{id}` → `{ dataset, file_count, files, custom_model_ids }`. */
export const parseDatasetDetail = whole(
  ApiDatasetDetail,
  'the dataset in it is incomplete or mistyped',
);

/** `POST /datasets` → the Dataset created. */
export const parseCreatedDataset = whole(
  ApiDataset,
  'the new dataset in it is incomplete or mistyped',
);

/** A documented `failure_reason` (FILE_TOO_LARGE, …) or one added later; anything else is unknown. */
const failureReason = (reason: unknown): string =>
  typeof reason === 'string' && /^[A-Z0-9_]{1,64}$/.test(reason) ? reason : 'UNKNOWN';

const ApiFailedAsset = v.pipe(
  v.object({
    file_name: orNone(Text),
    // Documented as nullable in the schema's example: an unknown reason is still a failure.
    failure_reason: orNone(v.unknown()),
  }),
  v.transform((a) => ({ fileName: a.file_name ?? null, reason: failureReason(a.failure_reason) })),
);

const ApiUploadResult = v.pipe(
  v.object({
    total_count: Count,
    success_count: Count,
    failure_count: Count,
    successful_assets: orNone(v.array(v.unknown())),
    failed_assets: orNone(v.array(v.unknown())),
  }),
  v.transform((r): UploadResult => ({
    total: r.total_count,
    succeeded: r.success_count,
    failed: r.failure_count,
    succeededNames: (r.successful_assets ?? []).flatMap((asset) => {
      const name = isRecord(asset) ? asset.file_name : undefined;
      return typeof name === 'string' && name.length <= MAX_TEXT_LENGTH ? [name] : [];
    }),
    failures: goodOnes(r.failed_assets ?? [], ApiFailedAsset),
  })),
);

/** `POST /datasets/{id}/upload_assets` → counts, and the files taken and refused. */
export const parseUploadResult = whole(ApiUploadResult, 'the upload summary in it is incomplete');

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
export const parseStartedTraining = whole(
  ApiStartedTraining,
  'the new model in it is incomplete or mistyped',
);
