/** The statuses Ideogram documents today. Others may appear; they are kept as they come. */
export const KNOWN_STATUSES = [
  'CREATING',
  'DRAFT',
  'TRAINING',
  'COMPLETED',
  'ERRORED',
  'ARCHIVED',
] as const;

export type KnownStatus = (typeof KNOWN_STATUSES)[number];
/** A known status, or one the API added after this version was written. */
export type ModelStatus = KnownStatus | (string & {});

export function isKnownStatus(status: string): boolean {
  return (KNOWN_STATUSES as readonly string[]).includes(status);
}

/** The CSS class of a status's colour (theme.css): `st-training`; one added later is `st-unknown`. */
export function statusClass(status: string): string {
  return `st-${isKnownStatus(status) ? status.toLowerCase() : 'unknown'}`;
}

/** What Ideogram calls a model whose status is missing (null) in an answer. */
export const UNKNOWN_STATUS = 'UNKNOWN';

/** One training run of a model, as `GET /models/{id}` gives it for an owned model. */
export interface TrainingRun {
  id: string;
  /** PREPARING_DATA, QUEUED, TRAINING, FINALIZING, COMPLETED, FAILED, or one added later. */
  phase: string;
  createdAt: number;
  updatedAt: number | null;
  steps: number | null;
  loraRank: number | null;
  chips: number | null;
  ema: number | null;
  learningRate: number | null;
}

/** A custom model, as the extension keeps it (times are epoch milliseconds). */
export interface Model {
  id: string;
  name: string;
  status: ModelStatus;
  createdAt: number;
  updatedAt: number | null;
  /** Whether a generate call can use it now. */
  available: boolean;
  /** The key's user made it (false: shared with their organization). */
  owned: boolean;
  /** What a generate call takes; null until the model is in the model registry. */
  uri: string | null;
  datasetId: string | null;
  /** The training history, newest last; only known from the model's detail (owned models). */
  runs?: TrainingRun[];
  /** When the model's detail (and so `runs`) was last read. */
  runsAt?: number;
  /** When the extension itself saw this model of the user's start and finish training. */
  observed?: { startedAt: number; finishedAt: number };
}

export interface Dataset {
  id: string;
  name: string;
  createdAt: number;
  /**
   * How many files it holds, from its detail (the list does not say): fetched in the background
   * and kept with the lists. Absent until first counted.
   */
  fileCount?: number;
  /** When `fileCount` was read. */
  countedAt?: number;
  /** When the user last added images to it or trained from it here (the right-click menu's order). */
  usedAt?: number;
}

export interface DatasetFile {
  name: string | null;
  sizeBytes: number | null;
  /** Its caption, when the dataset's detail gives one. */
  caption?: string;
}

/** A file for `upload_assets`: an image, a caption sidecar, or a ZIP of them. */
export interface UploadFile {
  name: string;
  blob: Blob;
  /**
   * A ZIP's entries by name, as the studio listed them when it was added (the request sends the
   * ZIP as it is; the sample account, which reads no ZIP, takes these).
   */
  entries?: readonly string[];
}

/** What Ideogram said about one uploaded file it refused. */
export interface FailedUpload {
  fileName: string | null;
  /** A documented `failure_reason` (FAILED_SAFETY_CHECK, FILE_TOO_LARGE, …) or one added later. */
  reason: string;
}

/** `POST /datasets/{id}/upload_assets`: how many images were taken, and which were not. */
export interface UploadResult {
  total: number;
  succeeded: number;
  failed: number;
  /** File names Ideogram took (when it says). */
  succeededNames: string[];
  failures: FailedUpload[];
}

/** The optional settings of an advanced training; absent ones take Ideogram's defaults. */
export interface TrainingSettings {
  trainingSteps?: number;
  loraRank?: number;
  ema?: number;
  learningRate?: number;
  /** Ideogram 4.0 only: images per step (1, 2, 4, 8, 16 or 32); left out, the trainer picks. */
  batchSize?: number;
}

/**
 * The model family a training builds on: Ideogram 4.0 (`/v1/ideogram-v4/…`) or 3.0. No field of
 * the API says which one a model has: the extension remembers what it started.
 */
export type TrainingBase = 'v4' | 'v3';

/** A training just started: the model Ideogram created for it. */
export interface StartedTraining {
  modelId: string;
  datasetId: string;
  modelName: string;
  status: string;
}

export interface DatasetDetail {
  dataset: Dataset;
  fileCount: number;
  files: DatasetFile[];
  /** Every model trained from this dataset. */
  modelIds: string[];
}

/** A list as parsed from the API: the items that passed validation, and how many did not. */
export interface ParsedList<T> {
  items: T[];
  dropped: number;
}

export type ModelScope = 'owned' | 'shared';
