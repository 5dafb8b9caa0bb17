// Long: the sample account answers every IdeogramApi method; one interface, one implementation.
import type { IdeogramApi, ListModelsQuery } from '../api/client';
import { errorForStatus } from '../api/errors';
import { MAX_IMAGES, MAX_UPLOAD_BYTES, validSetting } from '../api/limits';
import type {
  DatasetDetail,
  FailedUpload,
  Model,
  TrainingRun,
  TrainingSettings,
  UploadFile,
} from '../api/types';
import { keepSampleWrites, type SampleWrites, sampleWritesItem } from '../storage/session';
import {
  baseName,
  datasetNameProblem,
  imageCountProblem,
  isCaptionName,
  isJsonCaptionName,
  isImageName,
  modelNameProblem,
  sniffImageType,
  stemOf,
} from '../studio/rules';
import { parseJsonCaption } from '../views/captions';
import { loadSampleData, type SampleData } from './data';
import { createSampleGenerations } from './generations';
import { derivedRuns, randomId, runAt, stateAt, type Step, trainedTimeline } from './timeline';

// The sample account as an implementation of the API client's interface (IdeogramApi), in memory:
// what someone without a key (a store reviewer, someone deciding whether to install) sees. Its
// models move on a clock that starts when sample mode is turned on, so the badge changes within
// minutes; what the studio writes to it (datasets, uploads, trainings) is checked by the studio's
// own rules, simulated here and kept for the browser session. Nothing is ever sent anywhere.

const MINUTE = 60_000;
/** A model trained in sample mode finishes while the user watches, not in an hour and a half. */
const TRAINING_TIMES = { creating: 20_000, training: 3 * MINUTE };

interface SampleModel {
  id: string;
  name: string;
  owned: boolean;
  datasetId: string | null;
  timeline: Step[];
  settings?: TrainingSettings;
}

interface SampleFile {
  name: string;
  size: number;
  caption?: string;
}

interface SampleDataset {
  id: string;
  name: string;
  createdAt: number;
  files: SampleFile[];
}

/** The sample account as it stands: the packaged data on the session's clock, plus its writes. */
interface World {
  since: number;
  datasets: SampleDataset[];
  models: SampleModel[];
  writes: SampleWrites;
}

function buildWorld(data: SampleData, since: number, stored: SampleWrites | null): World {
  const at = (minutes: number) => since + minutes * MINUTE;
  const writes: SampleWrites =
    stored?.since === since ? stored : { since, datasets: [], files: [], trainings: [] };
  const datasets: SampleDataset[] = data.datasets.map((d) => ({
    id: d.id,
    name: d.name,
    createdAt: at(d.created),
    files: Array.from({ length: d.files[1] }, (_, i) => ({
      name: `${d.files[0]}-${String(i + 1).padStart(2, '0')}.jpg`,
      size: 180_000 + ((i * 7919) % 900_000),
      ...(d.captions?.[i] && { caption: d.captions[i] }),
    })),
  }));
  const models: SampleModel[] = data.models.map((m) => ({
    id: m.id,
    name: m.name,
    owned: !m.shared,
    datasetId: m.dataset ?? null,
    timeline: m.steps.map(([minutes, status, uri]) => {
      const step: Step = { at: at(minutes), status };
      if (uri !== undefined) step.uri = uri;
      if (m.available !== undefined) step.available = m.available;
      return step;
    }),
  }));
  // What the studio wrote in this session, replayed in order.
  for (const d of writes.datasets) datasets.push({ ...d, files: [] });
  for (const file of writes.files) {
    const { datasetId, ...kept } = file;
    datasets.find((d) => d.id === datasetId)?.files.push(kept);
  }
  for (const t of writes.trainings)
    models.push(trainedModel(t.id, t.name, t.datasetId, t.at, t.settings));
  return { since, datasets, models, writes };
}

function trainedModel(
  id: string,
  name: string,
  datasetId: string,
  at: number,
  settings: TrainingSettings,
): SampleModel {
  return {
    id,
    name,
    owned: true,
    datasetId,
    timeline: trainedTimeline(name, at, TRAINING_TIMES),
    settings,
  };
}

/** The model as the client gives it at `now` (its runs only from a detail, as the API does). */
function modelAt(model: SampleModel, now: number, withRuns: boolean): Model {
  const state = stateAt(model.timeline, now);
  const shown: Model = {
    id: model.id,
    name: model.name,
    status: state.status,
    createdAt: state.createdAt,
    // As on the real API: it stays at the creation time while a model trains.
    updatedAt: state.status === 'TRAINING' ? state.createdAt : state.since,
    available: state.available,
    owned: model.owned,
    uri: state.uri,
    datasetId: model.datasetId,
  };
  if (withRuns && model.owned) {
    const runs = runsAt(model, now);
    if (runs.length > 0) shown.runs = runs;
  }
  return shown;
}

function runsAt(model: SampleModel, now: number): TrainingRun[] {
  const s = model.settings ?? {};
  const settings = {
    ...(s.trainingSteps !== undefined && { training_steps: s.trainingSteps }),
    ...(s.loraRank !== undefined && { lora_rank: s.loraRank }),
    ...(s.ema !== undefined && { ema: s.ema }),
    ...(s.learningRate !== undefined && { learning_rate: s.learningRate }),
  };
  return derivedRuns(model.id, model.timeline, settings).flatMap((run) => {
    const shown = runAt(run, now);
    if (!shown) return [];
    return [
      {
        id: run.id,
        phase: shown.phase,
        createdAt: shown.createdAt,
        updatedAt: shown.updatedAt,
        steps: run.training_steps ?? null,
        loraRank: run.lora_rank ?? null,
        chips: run.num_chips ?? null,
        ema: run.ema ?? null,
        learningRate: run.learning_rate ?? null,
      },
    ];
  });
}

/** A refusal in Ideogram's words for a 400 (what the studio would have caught before sending). */
const refused = (subject: string, detail: string) =>
  errorForStatus(400, subject, undefined, { detail }, 'write');

/** One sample world per worker and session clock: every client of the account shares it. */
let current: { since: number; load: () => Promise<SampleData>; world: Promise<World> } | null =
  null;

async function worldFor(since: number, load: () => Promise<SampleData>): Promise<World> {
  if (current?.since !== since || current.load !== load) {
    const world = Promise.all([load(), sampleWritesItem.getValue()]).then(([data, stored]) =>
      buildWorld(data, since, stored),
    );
    current = { since, load, world };
    // A world that could not be built is not kept: the next call tries again.
    world.catch(() => {
      if (current?.world === world) current = null;
    });
  }
  return current.world;
}

/** The API client of the sample account that started at `since`. */
export function createSampleApi(
  since: number,
  now: () => number = Date.now,
  load: () => Promise<SampleData> = loadSampleData,
): IdeogramApi {
  const world = () => worldFor(since, load);
  const datasetOf = async (id: string, purpose: 'read' | 'write' = 'read') => {
    const found = (await world()).datasets.find((d) => d.id === id);
    if (!found) throw errorForStatus(404, 'this dataset', undefined, {}, purpose);
    return found;
  };
  const listed = (m: SampleModel, at: number) => m.owned || stateAt(m.timeline, at).available;

  return {
    ...createSampleGenerations(now),
    async listModels(query: ListModelsQuery = {}) {
      const at = now();
      const { models } = await world();
      const owned = query.scope === 'shared' ? [] : models.filter((m) => m.owned);
      const statuses = query.status ?? [];
      const filtered =
        statuses.length === 0
          ? owned
          : owned.filter((m) => statuses.includes(stateAt(m.timeline, at).status));
      // Shared models are listed only while a generate call can use them, as the API does.
      const shared = query.scope === 'owned' ? [] : models.filter((m) => !m.owned && listed(m, at));
      return { items: [...filtered, ...shared].map((m) => modelAt(m, at, false)), dropped: 0 };
    },

    async getModel(modelId: string) {
      const at = now();
      const model = (await world()).models.find((m) => m.id === modelId && listed(m, at));
      if (!model) throw errorForStatus(404, 'this model');
      return modelAt(model, at, true);
    },

    async listDatasets() {
      const { datasets } = await world();
      return {
        items: datasets.map((d) => ({ id: d.id, name: d.name, createdAt: d.createdAt })),
        dropped: 0,
      };
    },

    async getDataset(datasetId: string): Promise<DatasetDetail> {
      const dataset = await datasetOf(datasetId);
      const { models } = await world();
      return {
        dataset: { id: dataset.id, name: dataset.name, createdAt: dataset.createdAt },
        fileCount: dataset.files.length,
        files: dataset.files.map((f) => ({
          name: f.name,
          sizeBytes: f.size,
          ...(f.caption && { caption: f.caption }),
        })),
        modelIds: models.filter((m) => m.owned && m.datasetId === datasetId).map((m) => m.id),
      };
    },

    async createDataset(name: string) {
      const problem = datasetNameProblem(name);
      if (problem) throw refused('the new dataset', `name: ${problem}`);
      const w = await world();
      const dataset = { id: randomId(), name, createdAt: now() };
      w.datasets.push({ ...dataset, files: [] });
      w.writes.datasets.push(dataset);
      await keepSampleWrites(w.writes);
      return dataset;
    },

    async uploadAssets(datasetId: string, files: readonly UploadFile[]) {
      if (files.length === 0) throw refused('the upload', 'files: one or more files are needed');
      const dataset = await datasetOf(datasetId, 'write');
      const w = await world();
      const result = await simulateUpload(dataset, files);
      for (const file of result.added) w.writes.files.push({ datasetId, ...file });
      if (result.added.length > 0) await keepSampleWrites(w.writes);
      return {
        total: result.added.length + result.failures.length,
        succeeded: result.added.length,
        failed: result.failures.length,
        succeededNames: result.added.map((f) => f.name),
        failures: result.failures,
      };
    },

    async trainModel(datasetId: string, modelName: string, settings: TrainingSettings = {}) {
      const nameProblem = modelNameProblem(modelName);
      if (nameProblem) throw refused('the training', `model_name: ${nameProblem}`);
      for (const field of ['trainingSteps', 'loraRank', 'ema', 'learningRate'] as const) {
        const value = settings[field];
        if (value !== undefined && !validSetting[field](value)) {
          throw refused('the training', `${field}: not a value Ideogram takes`);
        }
      }
      const dataset = await datasetOf(datasetId, 'write');
      const countProblem = imageCountProblem(dataset.files.length);
      if (countProblem) throw refused('the training', `dataset: ${countProblem}`);
      const w = await world();
      const training = { id: randomId(), name: modelName, datasetId, at: now(), settings };
      w.models.push(trainedModel(training.id, modelName, datasetId, training.at, settings));
      w.writes.trainings.push(training);
      await keepSampleWrites(w.writes);
      return { modelId: training.id, datasetId, modelName, status: 'CREATING' };
    },
  };
}

/** A file an upload brings: one sent as is, or an entry of a ZIP the studio listed. */
interface Incoming {
  name: string;
  size: number;
  /** Null for a ZIP's entry, whose bytes are not read. */
  blob: Blob | null;
}

/**
 * What an upload does to a dataset, by the studio's rules: images by kind, size and first bytes,
 * captions by stem beside their image, the dataset's 100-image limit. A caption that goes with its
 * image is part of it; one without its image fails INVALID_CAPTION.
 */
async function simulateUpload(
  dataset: SampleDataset,
  files: readonly UploadFile[],
): Promise<{ added: SampleFile[]; failures: FailedUpload[] }> {
  const failures: FailedUpload[] = [];
  const fail = (fileName: string, reason: string) => failures.push({ fileName, reason });
  const incoming: Incoming[] = files.flatMap((file): Incoming[] => {
    if (!/\.zip$/i.test(file.name))
      return [{ name: file.name, size: file.blob.size, blob: file.blob }];
    if (!file.entries) {
      fail(file.name, 'INVALID_ZIP');
      return [];
    }
    return file.entries.map((entry) => ({ name: baseName(entry), size: 0, blob: null }));
  });
  const imageStems = new Set(
    incoming.filter((f) => isImageName(f.name)).map((f) => stemOf(f.name)),
  );
  const captions = new Map<string, string>();
  for (const file of incoming.filter((f) => isCaptionName(f.name))) {
    const text = file.blob ? (await file.blob.slice(0, 20_000).text()).trim() : null;
    if (!imageStems.has(stemOf(file.name))) fail(file.name, 'INVALID_CAPTION');
    else if (text !== null && isJsonCaptionName(file.name) && !parseJsonCaption(text)) {
      fail(file.name, 'INVALID_CAPTION_JSON');
    } else if (text !== null) captions.set(stemOf(file.name), text);
  }
  const added: SampleFile[] = [];
  for (const file of incoming.filter((f) => !isCaptionName(f.name))) {
    const problem = await imageProblem(file, dataset.files.length);
    if (problem) {
      fail(file.name, problem);
      continue;
    }
    const caption = captions.get(stemOf(file.name));
    const entry: SampleFile = { name: file.name, size: file.size };
    if (caption) entry.caption = caption;
    added.push(entry);
    dataset.files.push(entry);
  }
  return { added, failures };
}

async function imageProblem(file: Incoming, held: number): Promise<string | null> {
  if (!isImageName(file.name)) return 'INVALID_IMAGE';
  if (file.size > MAX_UPLOAD_BYTES) return 'FILE_TOO_LARGE';
  if (
    file.blob &&
    sniffImageType(new Uint8Array(await file.blob.slice(0, 16).arrayBuffer())) === null
  ) {
    return 'INVALID_IMAGE';
  }
  if (held >= MAX_IMAGES) return 'TOO_MANY_IMAGES';
  return null;
}
