import { formatApiTime } from '../../utils/api/time';
import {
  DEFAULT_RUN_SETTINGS,
  derivedRuns,
  type Run,
  runAt,
  stateAt,
  type Step,
} from '../../utils/sample/timeline';

// What the fake API keeps of an account, and how it shows it in Ideogram's JSON: a model moves
// along its steps (the sample account's timeline, utils/sample/timeline.ts), and each answer
// shows where it stands at the moment the request comes.

export type FakeStep = Step;
export type FakeRun = Run;

/** What a training run is set to; the API's own names. */
export type FakeTrainingSettings = Required<Omit<Run, 'id' | 'phases'>>;

export interface FakeModel {
  model_id: string;
  name: string;
  is_owned: boolean;
  dataset_id: string | null;
  /** Ordered by `at`; the first step is the model's creation. */
  timeline: FakeStep[];
  /**
   * Its training runs. Left out, one run is derived from the timeline (utils/sample/timeline.ts:
   * `derivedRuns`), which moves through the phases as the model trains.
   */
  runs?: FakeRun[];
  /** The settings of the derived run (see `runs`); defaults for any left out. */
  settings?: Partial<FakeTrainingSettings> & { batch_size?: number };
  /** The base it was trained on, when trained through the fake (the API never says it). */
  base?: 'v3' | 'v4';
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

export const DEFAULT_TRAINING_SETTINGS: FakeTrainingSettings = DEFAULT_RUN_SETTINGS;

/** The status, URI and availability of a model at `now`, walking its timeline. */
export const modelStateAt = (model: FakeModel, now: number) => stateAt(model.timeline, now);

/** The runs of a model: the ones it was given, else the one its timeline implies. */
export const runsOf = (model: FakeModel): FakeRun[] =>
  model.runs ?? derivedRuns(model.model_id, model.timeline, model.settings);

/** A run as `GET /models/{id}` shows it at `now`; null before it was created. */
export function apiRunAt(run: FakeRun, now: number) {
  const shown = runAt(run, now);
  if (!shown) return null;
  return {
    training_run_id: run.id,
    status: shown.phase,
    creation_time: formatApiTime(shown.createdAt),
    last_update_time: formatApiTime(shown.updatedAt),
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
  return {
    model_id: model.model_id,
    name: model.name,
    status: state.status,
    creation_time: formatApiTime(state.createdAt),
    is_available_for_generation: state.available,
    is_owned: model.is_owned,
    custom_model_uri: state.uri,
    dataset_id: model.dataset_id,
    // Observed on the real API: it stays at the creation time while a model trains.
    last_update_time: formatApiTime(state.status === 'TRAINING' ? state.createdAt : state.since),
  };
}

export function apiDataset(dataset: FakeDataset) {
  return {
    dataset_id: dataset.dataset_id,
    name: dataset.name,
    user_id: dataset.user_id,
    creation_time: formatApiTime(dataset.creation_time),
  };
}

export function apiDatasetFile(file: FakeDatasetFile): FakeDatasetFile {
  const shown: FakeDatasetFile = {
    file_name: file.file_name,
    file_size_bytes: file.file_size_bytes,
  };
  if (file.caption !== undefined) shown.caption = file.caption;
  return shown;
}
