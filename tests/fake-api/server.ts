import { formatApiTime } from '../api/time';
import { KNOWN_STATUSES } from '../api/types';
import { parseMultipart } from '../studio/multipart';
import { isCaptionName, isImageName, sniffImageType, stemOf } from '../studio/rules';
import { listZip } from '../studio/zip';

// A stateful stand-in for Ideogram's custom-model API, following its documented semantics: the
// four read endpoints, and the writes (creating a dataset, uploading to it, training a model from
// it). It lives here, not under tests/, because the sample workspace needs it at run time: the
// built-in account is served through it, inside the extension. The test suites wrap it
// (tests/fake-api) with faults and a request log, so both exercise the same client code as the
// real API.

/** One step of a model's life: from `at` on, the model has this status. */
export interface FakeStep {
  at: number;
  status: string;
  /** The registry URI from this step on (null: not registered). Defaults to the previous step's. */
  uri?: string | null;
  /** Defaults to `status === 'COMPLETED'`. */
  available?: boolean;
}

/** What a training run is set to; the API's own names. */
export interface FakeTrainingSettings {
  training_steps: number;
  lora_rank: number;
  ema: number;
  learning_rate: number;
  num_chips: number;
}

/** What Ideogram trains with when a request leaves a setting out (its documented defaults). */
export const DEFAULT_TRAINING_SETTINGS: FakeTrainingSettings = {
  training_steps: 1000,
  lora_rank: 128,
  ema: 0.999,
  learning_rate: 0.0001,
  num_chips: 8,
};

/** One training run: its phases over time, and its settings (any may be null, as documented). */
export interface FakeRun {
  id: string;
  /** Ordered by `at`; the first is the run's creation. Phases past the clock are not shown yet. */
  phases: { at: number; phase: string }[];
  training_steps?: number | null;
  lora_rank?: number | null;
  num_chips?: number | null;
  ema?: number | null;
  learning_rate?: number | null;
}

export interface FakeModel {
  model_id: string;
  name: string;
  is_owned: boolean;
  dataset_id: string | null;
  /** Ordered by `at`; the first step is the model's creation. */
  timeline: FakeStep[];
  /**
   * Its training runs. Left out, one run is derived from the timeline: it starts when the model
   * starts training and moves through PREPARING_DATA, QUEUED, TRAINING and FINALIZING to
   * COMPLETED when the model completes (it stays in its phase when the model fails).
   */
  runs?: FakeRun[];
  /** The settings of the derived run (see `runs`); defaults for any left out. */
  settings?: Partial<FakeTrainingSettings>;
  deleted?: boolean;
}

export interface FakeDatasetFile {
  file_name: string | null;
  file_size_bytes: number | null;
  /** The text of its caption sidecar, when one came with it. */
  caption?: string;
}

export interface FakeDataset {
  dataset_id: string;
  name: string;
  user_id: string;
  creation_time: number;
  /** Its images (a caption is part of its image's entry, not a file of its own). */
  files: FakeDatasetFile[];
}

export interface FakeAccount {
  apiKey: string;
  models: FakeModel[];
  datasets: FakeDataset[];
  /**
   * Uploads that fail, by file name (a ZIP's, or a file's inside one): the failure_reason each
   * gets, whatever the file holds. Checked before anything else.
   */
  uploadFailures?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  url: string;
  /** Header names in any case. */
  headers: Record<string, string>;
  /** The request's body as sent, for the methods that have one. */
  body?: Uint8Array;
}

export interface FakeOptions {
  /**
   * How long a model trained through the API spends CREATING, then TRAINING, before it is
   * COMPLETED (ms). Real trainings take one to several hours.
   */
  trainingTimes?: { creating: number; training: number };
}

export interface FakeReply {
  status: number;
  headers: Record<string, string>;
  /** Text (every API answer); bytes only for the files tests serve beside it (an image). */
  body: string | Uint8Array;
}

/** The status, URI and availability of a model at `now`, walking its timeline. */
export function modelStateAt(model: FakeModel, now: number) {
  let status = model.timeline[0]?.status ?? 'CREATING';
  let uri: string | null = null;
  let available: boolean | undefined;
  let since = model.timeline[0]?.at ?? now;
  for (const step of model.timeline) {
    if (step.at > now) break;
    status = step.status;
    if (step.uri !== undefined) uri = step.uri;
    available = step.available;
    since = step.at;
  }
  return { status, uri, available: available ?? status === 'COMPLETED', since };
}

const MINUTE = 60_000;

/** The run a model's timeline implies (see FakeModel.runs), or none before it trains. */
export function derivedRuns(model: FakeModel): FakeRun[] {
  const start = model.timeline.find((s) => s.status === 'TRAINING')?.at;
  if (start === undefined) return [];
  const end = model.timeline.find(
    (s) => s.at > start && (s.status === 'COMPLETED' || s.status === 'ERRORED'),
  );
  const settings = { ...DEFAULT_TRAINING_SETTINGS, ...model.settings };
  const run = { id: `${model.model_id}-run-1`, ...settings };
  if (!end) {
    return [
      {
        ...run,
        phases: [
          { at: start, phase: 'PREPARING_DATA' },
          { at: start + 2 * MINUTE, phase: 'QUEUED' },
          { at: start + 6 * MINUTE, phase: 'TRAINING' },
        ],
      },
    ];
  }
  // A known end: the phases take the same shares of the time as on the real service, roughly.
  const span = end.at - start;
  const phases = [
    { at: start, phase: 'PREPARING_DATA' },
    { at: start + span * 0.05, phase: 'QUEUED' },
    { at: start + span * 0.1, phase: 'TRAINING' },
  ];
  // A finished training is finalized, then completed; a failed one stays where it failed.
  if (end.status === 'COMPLETED') {
    phases.push(
      { at: start + span * 0.95, phase: 'FINALIZING' },
      { at: end.at, phase: 'COMPLETED' },
    );
  }
  return [{ ...run, phases }];
}

/** A run as `GET /models/{id}` shows it at `now`; null before it was created. */
export function apiRunAt(run: FakeRun, now: number) {
  const shown = run.phases.filter((p) => p.at <= now);
  const latest = shown.at(-1);
  if (!latest) return null;
  return {
    training_run_id: run.id,
    status: latest.phase,
    creation_time: formatApiTime(shown[0]!.at),
    last_update_time: formatApiTime(latest.at),
    training_steps: run.training_steps ?? null,
    lora_rank: run.lora_rank ?? null,
    num_chips: run.num_chips ?? null,
    ema: run.ema ?? null,
    learning_rate: run.learning_rate ?? null,
  };
}

/** The model as `GET /models` shows it at `now`. */
export function apiModelAt(model: FakeModel, now: number) {
  const state = modelStateAt(model, now);
  const created = model.timeline[0]?.at ?? now;
  return {
    model_id: model.model_id,
    name: model.name,
    status: state.status,
    creation_time: formatApiTime(created),
    is_available_for_generation: state.available,
    is_owned: model.is_owned,
    custom_model_uri: state.uri,
    dataset_id: model.dataset_id,
    // Observed on the real API: it stays at the creation time while a model trains.
    last_update_time: formatApiTime(state.status === 'TRAINING' ? created : state.since),
  };
}

function apiDataset(dataset: FakeDataset) {
  return {
    dataset_id: dataset.dataset_id,
    name: dataset.name,
    user_id: dataset.user_id,
    creation_time: formatApiTime(dataset.creation_time),
  };
}

function apiDatasetFile(file: FakeDatasetFile): FakeDatasetFile {
  const shown: FakeDatasetFile = {
    file_name: file.file_name,
    file_size_bytes: file.file_size_bytes,
  };
  if (file.caption !== undefined) shown.caption = file.caption;
  return shown;
}

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\u0000'; // matches no id, so the request gets a 404 as on the real server
  }
};

const json = (status: number, body: unknown): FakeReply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const validationError = (field: string, message: string) =>
  json(422, { detail: [{ loc: ['query', field], msg: message, type: 'enum' }] });

/** Thrown by a check deep in a write to answer with `reply` at once. */
class Refusal extends Error {
  readonly reply: FakeReply;
  constructor(reply: FakeReply) {
    super(String(reply.body));
    this.reply = reply;
  }
}

/**
 * A 400 as this fake words it: `{ detail: "<field>: <why>" }`. Ideogram documents its 400s
 * without a body, so this is the fake's own shape; `field` is the request's field at fault.
 */
const badRequest = (field: string, why: string) =>
  new Refusal(json(400, { detail: `${field}: ${why}` }));

/** A request's header, whatever the case of its name. */
export function requestHeader(request: FakeRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers).find(([n]) => n.toLowerCase() === wanted)?.[1];
}

/** A new id shaped like Ideogram's: a UUID's 16 bytes in URL-safe base64, 22 characters. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The JSON object a write sent. Refused unless it is one, sent as JSON. */
function jsonBody(request: FakeRequest): Record<string, unknown> {
  const type = requestHeader(request, 'content-type') ?? '';
  // A client that forgets the header sends text/plain, which the real server does not read.
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw badRequest('body', 'must be JSON (Content-Type: application/json)');
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(request.body ?? new Uint8Array()));
  } catch {
    throw badRequest('body', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('body', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw badRequest(field, 'is required');
  if (typeof value !== 'string') throw badRequest(field, 'must be a string');
  return value;
}

// Ideogram documents at most 100 images a dataset, and 15 to train from. It states no size limit
// for these uploads; 10 MB an image is the one its other upload endpoints state, assumed here.
/** Per image; one inside a ZIP counts at its uncompressed size. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_DATASET_IMAGES = 100;
export const MIN_TRAINING_IMAGES = 15;
/** 5 to 30 characters: letters, digits, spaces and hyphens (ASCII: the docs say alphanumeric). */
const MODEL_NAME = /^[A-Za-z0-9 -]{5,30}$/;

function modelNameOf(body: Record<string, unknown>): string {
  const name = requiredString(body, 'model_name');
  if (!MODEL_NAME.test(name)) {
    throw badRequest(
      'model_name',
      'must be 5 to 30 characters: letters, digits, spaces and hyphens',
    );
  }
  return name;
}

/** A setting of the advanced endpoint: absent or null is its default; anything else is checked. */
function optionalNumber(
  body: Record<string, unknown>,
  field: keyof FakeTrainingSettings,
  valid: (value: number) => boolean,
  why: string,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    throw badRequest(field, why);
  }
  return value;
}

/** The settings the advanced endpoint was given, each checked as its schema says. */
function settingsOf(body: Record<string, unknown>): Partial<FakeTrainingSettings> {
  const given = {
    training_steps: optionalNumber(
      body,
      'training_steps',
      (v) => Number.isInteger(v) && v >= 100 && v <= 10_000 && v % 100 === 0,
      'must be between 100 and 10000, a multiple of 100',
    ),
    lora_rank: optionalNumber(body, 'lora_rank', (v) => v === 64 || v === 128, 'must be 64 or 128'),
    ema: optionalNumber(body, 'ema', (v) => v > 0 && v < 1, 'must be between 0 and 1'),
    learning_rate: optionalNumber(body, 'learning_rate', (v) => v > 0, 'must be greater than 0'),
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

/** `My Model 2` → `my-model-2`, as registry URIs spell names. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A model trained now: CREATING, then TRAINING, then COMPLETED and registered. */
function trainedModel(
  dataset: FakeDataset,
  name: string,
  settings: Partial<FakeTrainingSettings>,
  at: number,
  times: { creating: number; training: number },
): FakeModel {
  const trainingAt = at + times.creating;
  return {
    model_id: randomId(),
    name,
    is_owned: true,
    dataset_id: dataset.dataset_id,
    timeline: [
      { at, status: 'CREATING', uri: null },
      { at: trainingAt, status: 'TRAINING' },
      {
        at: trainingAt + times.training,
        status: 'COMPLETED',
        uri: `model/${slugOf(name)}/version/1`,
      },
    ],
    settings,
  };
}

/** A file an upload brings: a part sent as is, or an entry listed in a sent ZIP. */
interface Incoming {
  name: string;
  size: number;
  /** Its bytes when sent as is; null inside a ZIP, whose entries are not decompressed. */
  bytes: Uint8Array | null;
  /** The ZIP it came in. */
  zip: string | null;
}

interface FailedAsset {
  file_name: string;
  failure_reason: string;
}

/** The `files` parts of an upload. Refused when it is not multipart, or brings no files. */
function uploadedFiles(request: FakeRequest): { filename: string; data: Uint8Array }[] {
  const type = requestHeader(request, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(type.trim())) {
    throw badRequest('files', 'must be sent as multipart/form-data');
  }
  let parts;
  try {
    parts = parseMultipart(request.body ?? new Uint8Array(), type);
  } catch (error) {
    throw badRequest('body', `is not valid multipart/form-data (${(error as Error).message})`);
  }
  const files = parts.filter((part) => part.name === 'files');
  if (files.length === 0) throw badRequest('files', 'is required: one or more files');
  return files.map(({ filename, data }) => {
    if (filename === null) throw badRequest('files', 'must be files, not text fields');
    return { filename, data };
  });
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const isZipName = (name: string) => /\.zip$/i.test(name);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A caption's text, trimmed (editors end files with a newline); null when it is not UTF-8 text.
 * A caption inside a ZIP is not decompressed, so the fake stores a stand-in saying where it was.
 */
function captionText(file: Incoming): string | null {
  if (file.bytes === null) return file.size === 0 ? '' : `(caption ${file.name} in ${file.zip})`;
  try {
    return strictUtf8.decode(file.bytes).trim();
  } catch {
    return null;
  }
}

/** Creates a fake API for one account; `now` is its clock. */
export function createFakeIdeogram(
  account: FakeAccount,
  now: () => number = Date.now,
  options: FakeOptions = {},
) {
  const trainingTimes = options.trainingTimes ?? { creating: MINUTE, training: 90 * MINUTE };
  const visible = () => account.models.filter((m) => !m.deleted);
  const isListedShared = (m: FakeModel, at: number) => !m.is_owned && modelStateAt(m, at).available;
  const datasetById = (id: string) => account.datasets.find((d) => d.dataset_id === id);

  function listModels(params: URLSearchParams): FakeReply {
    const scope = params.get('scope');
    if (scope !== null && scope !== 'owned' && scope !== 'shared') {
      return validationError('scope', "Input should be 'owned' or 'shared'");
    }
    const statuses = params.getAll('status');
    const unknown = statuses.find((s) => !(KNOWN_STATUSES as readonly string[]).includes(s));
    if (unknown !== undefined) {
      return validationError('status', `Input should be one of ${KNOWN_STATUSES.join(', ')}`);
    }
    const at = now();
    // The status filter applies to owned models only; shared ones are already limited to
    // versions available for generation.
    const owned = scope === 'shared' ? [] : visible().filter((m) => m.is_owned);
    const filtered =
      statuses.length === 0
        ? owned
        : owned.filter((m) => statuses.includes(modelStateAt(m, at).status));
    const shared = scope === 'owned' ? [] : visible().filter((m) => isListedShared(m, at));
    return json(200, { models: [...filtered, ...shared].map((m) => apiModelAt(m, at)) });
  }

  function getModel(id: string): FakeReply {
    const at = now();
    const model = visible().find((m) => m.model_id === id && (m.is_owned || isListedShared(m, at)));
    if (!model) return json(404, { detail: 'Model not found' });
    // Only an owned model's detail carries its training history.
    const runs = model.is_owned
      ? (model.runs ?? derivedRuns(model)).flatMap((run) => apiRunAt(run, at) ?? [])
      : [];
    return json(200, { model: { ...apiModelAt(model, at), training_runs: runs } });
  }

  function getDataset(id: string): FakeReply {
    const dataset = datasetById(id);
    if (!dataset) return json(404, { detail: 'Dataset not found' });
    return json(200, {
      dataset: apiDataset(dataset),
      file_count: dataset.files.length,
      files: dataset.files.map(apiDatasetFile),
      custom_model_ids: visible()
        .filter((m) => m.is_owned && m.dataset_id === id)
        .map((m) => m.model_id),
    });
  }

  function createDataset(request: FakeRequest): FakeReply {
    const name = requiredString(jsonBody(request), 'name');
    if (name.trim() === '') throw badRequest('name', 'must not be blank');
    const dataset: FakeDataset = {
      dataset_id: randomId(),
      name,
      // The account's user, as its other datasets name it.
      user_id: account.datasets[0]?.user_id ?? 'user_fake',
      creation_time: now(),
      files: [],
    };
    account.datasets.push(dataset);
    return json(200, apiDataset(dataset));
  }

  /** The reason an injected failure gives a file, if one does. */
  const injectedFailure = (name: string) =>
    account.uploadFailures && Object.hasOwn(account.uploadFailures, name)
      ? account.uploadFailures[name]
      : undefined;

  /** What one sent file brings: itself, or the entries of its ZIP. Failures are reported here. */
  function unpack(
    file: { filename: string; data: Uint8Array },
    fail: (name: string, reason: string) => void,
  ): Incoming[] {
    const { filename: name, data } = file;
    const injected = injectedFailure(name);
    if (injected !== undefined) {
      fail(name, injected);
      return [];
    }
    if (!isZipName(name)) return [{ name, size: data.length, bytes: data, zip: null }];
    let entries;
    try {
      entries = listZip(data);
    } catch {
      fail(name, 'INVALID_ZIP');
      return [];
    }
    // Entries are known by their own names, without the folders they sit in.
    return entries.flatMap((entry): Incoming[] => {
      const inner = baseName(entry.name);
      const failure = injectedFailure(inner);
      if (failure === undefined) return [{ name: inner, size: entry.size, bytes: null, zip: name }];
      fail(inner, failure);
      return [];
    });
  }

  /**
   * The captions an upload brings, by stem. A caption is a sidecar: one whose image is not in the
   * same request has nothing to caption, and fails INVALID_CAPTION as one that is not text does
   * (the docs name no other use for that reason). An empty caption is fine: no caption. The
   * caption of an image that fails goes with it, unreported: the image's failure says it all.
   */
  function readCaptions(
    incoming: Incoming[],
    fail: (name: string, reason: string) => void,
  ): Map<string, string> {
    const imageStems = new Set(
      incoming.filter((f) => isImageName(f.name)).map((f) => stemOf(f.name)),
    );
    const captions = new Map<string, string>();
    for (const file of incoming.filter((f) => isCaptionName(f.name))) {
      const text = captionText(file);
      if (text === null || !imageStems.has(stemOf(file.name))) fail(file.name, 'INVALID_CAPTION');
      else captions.set(stemOf(file.name), text);
    }
    return captions;
  }

  /** Why an image cannot join the dataset, checked in the order the service would find out. */
  function imageProblem(file: Incoming, dataset: FakeDataset): string | null {
    if (!isImageName(file.name)) return 'INVALID_IMAGE';
    if (file.size > MAX_UPLOAD_BYTES) return 'FILE_TOO_LARGE';
    // A ZIP's entries are not decompressed: their extension is taken at its word.
    if (file.bytes !== null && sniffImageType(file.bytes) === null) return 'INVALID_IMAGE';
    if (dataset.files.length >= MAX_DATASET_IMAGES) return 'TOO_MANY_IMAGES';
    return null;
  }

  /**
   * Adds what an upload brings to a dataset. The counts are of failed_assets and
   * successful_assets as sent: images, plus any caption, ZIP or other file that failed (so that
   * failure_count is failed_assets.length). A caption that succeeds is part of its image.
   */
  function uploadAssets(id: string, request: FakeRequest): FakeReply {
    const sent = uploadedFiles(request);
    const dataset = datasetById(id);
    if (!dataset) return json(404, { detail: 'Dataset not found' });
    const failed: FailedAsset[] = [];
    const fail = (file_name: string, failure_reason: string) => {
      failed.push({ file_name, failure_reason });
    };
    const incoming = sent.flatMap((file) => unpack(file, fail));
    const captions = readCaptions(incoming, fail);
    const successful = [];
    for (const file of incoming.filter((f) => !isCaptionName(f.name))) {
      const problem = imageProblem(file, dataset);
      if (problem !== null) {
        fail(file.name, problem);
        continue;
      }
      const added: FakeDatasetFile = { file_name: file.name, file_size_bytes: file.size };
      const caption = captions.get(stemOf(file.name));
      if (caption) added.caption = caption;
      dataset.files.push(added);
      successful.push({
        asset_identifier: { asset_type: 'UPLOAD', asset_id: randomId() },
        file_name: file.name,
      });
    }
    return json(200, {
      total_count: successful.length + failed.length,
      success_count: successful.length,
      failure_count: failed.length,
      successful_assets: successful,
      failed_assets: failed,
    });
  }

  /** Starts a training: the request is checked first, then the dataset it names. */
  function train(
    datasetId: string,
    name: string,
    settings: Partial<FakeTrainingSettings>,
  ): FakeReply {
    const dataset = datasetById(datasetId);
    if (!dataset) return json(404, { detail: 'Dataset not found' });
    const images = dataset.files.length;
    if (images < MIN_TRAINING_IMAGES) {
      throw badRequest('dataset', `needs at least ${MIN_TRAINING_IMAGES} images (has ${images})`);
    }
    if (images > MAX_DATASET_IMAGES) {
      throw badRequest('dataset', `at most ${MAX_DATASET_IMAGES} images`);
    }
    const model = trainedModel(dataset, name, settings, now(), trainingTimes);
    account.models.push(model);
    return json(200, {
      model_id: model.model_id,
      dataset_id: dataset.dataset_id,
      model_name: name,
      training_status: 'CREATING',
    });
  }

  /** Every endpoint; `:id` stands for one path segment, an id (never empty). */
  const routes: Route[] = [
    { method: 'GET', path: '/models', answer: (_, url) => listModels(url.searchParams) },
    { method: 'GET', path: '/models/:id', answer: ([id]) => getModel(id!) },
    {
      method: 'GET',
      path: '/datasets',
      answer: () => json(200, { datasets: account.datasets.map(apiDataset) }),
    },
    { method: 'POST', path: '/datasets', answer: (_, __, request) => createDataset(request) },
    { method: 'GET', path: '/datasets/:id', answer: ([id]) => getDataset(id!) },
    {
      method: 'POST',
      path: '/datasets/:id/upload_assets',
      answer: ([id], _, request) => uploadAssets(id!, request),
    },
    {
      method: 'POST',
      path: '/datasets/:id/train_model',
      answer: ([id], _, request) => train(id!, modelNameOf(jsonBody(request)), {}),
    },
    {
      method: 'POST',
      path: '/v1/ideogram-v3/train-model',
      answer: (_, __, request) => {
        const body = jsonBody(request);
        const datasetId = requiredString(body, 'dataset_id');
        return train(datasetId, modelNameOf(body), {});
      },
    },
    {
      method: 'POST',
      path: '/v1/ideogram-v3/train-model-advanced',
      answer: (_, __, request) => {
        const body = jsonBody(request);
        const datasetId = requiredString(body, 'dataset_id');
        const name = modelNameOf(body);
        return train(datasetId, name, settingsOf(body));
      },
    },
  ];

  /** Answers one request the way the real API would. */
  function handle(request: FakeRequest): FakeReply {
    const url = new URL(request.url);
    if (requestHeader(request, 'api-key') !== account.apiKey) {
      return json(401, { detail: 'Unauthorized' });
    }
    const segments = url.pathname.split('/').slice(1).map(decodeSegment);
    const matching = routes.flatMap((route) => {
      const params = matchPath(route.path, segments);
      return params ? [{ route, params }] : [];
    });
    if (matching.length === 0) return json(404, { detail: 'Not Found' });
    const found = matching.find((m) => m.route.method === request.method.toUpperCase());
    if (!found) {
      const reply = json(405, { detail: 'Method Not Allowed' });
      reply.headers.allow = matching.map((m) => m.route.method).join(', ');
      return reply;
    }
    try {
      return found.route.answer(found.params, url, request);
    } catch (error) {
      if (error instanceof Refusal) return error.reply;
      throw error;
    }
  }

  return { account, now, handle };
}

interface Route {
  method: 'GET' | 'POST';
  path: string;
  answer: (params: string[], url: URL, request: FakeRequest) => FakeReply;
}

/** The ids in `segments` when they follow `pattern`; null when they do not. */
function matchPath(pattern: string, segments: string[]): string[] | null {
  const expected = pattern.split('/').slice(1);
  if (expected.length !== segments.length) return null;
  const params: string[] = [];
  for (const [i, part] of expected.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params.push(segment);
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

export type FakeIdeogram = ReturnType<typeof createFakeIdeogram>;

/** A `fetch` answered by `handle` instead of the network. */
export function fakeFetch(handle: (request: FakeRequest) => FakeReply): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    init?.signal?.throwIfAborted();
    const reply = handle(
      request.body === null ? requestHead(request) : await toFakeRequest(request),
    );
    return new Response(reply.status === 204 ? null : (reply.body as BodyInit), {
      status: reply.status,
      headers: reply.headers,
    });
  };
}

/** A fetch Request as the fake takes it, without its body. */
export function requestHead(request: Request): FakeRequest {
  return { method: request.method, url: request.url, headers: Object.fromEntries(request.headers) };
}

/** A fetch Request as the fake takes it, its body read (GET and HEAD have none). */
export async function toFakeRequest(request: Request): Promise<FakeRequest> {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return requestHead(request);
  return { ...requestHead(request), body: new Uint8Array(await request.arrayBuffer()) };
}
