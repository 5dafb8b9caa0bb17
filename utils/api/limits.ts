import type { TrainingBase, TrainingSettings } from './types';

// What Ideogram accepts, as its API reference states it (custom models: datasets, uploads,
// training): the one home of each limit. The studio words them (utils/studio/rules.ts), the
// sample account enforces them, the fake API of the tests answers by them.

/** A dataset needs at least this many images to train. */
export const MIN_IMAGES = 15;
/** A dataset holds at most this many images. */
export const MAX_IMAGES = 100;
/**
 * Per image; one inside a ZIP counts at its uncompressed size. Ideogram states no size for dataset
 * uploads; 10 MB is the one its other upload endpoints state, assumed here.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A size in megabytes as the limits are said: one decimal, without a trailing `.0` (`10`, `10.4`). */
export const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');

/** A model's name: 5 to 30 characters, ASCII letters, digits, spaces and hyphens. */
export const MODEL_NAME = { min: 5, max: 30, allowed: /^[A-Za-z0-9 -]+$/ } as const;
/** A dataset's name: not blank, at most this long. */
export const DATASET_NAME_MAX = 100;

/** A caption is kept to this many characters (a structured 4.0 caption's JSON included). */
export const CAPTION_MAX = 5000;

/**
 * What Ideogram 3.0 trains with when a request leaves a setting out (its documented defaults).
 * Ideogram 4.0 documents the same steps and LoRA rank, and no default for the others.
 */
export const TRAINING_DEFAULTS: Required<Omit<TrainingSettings, 'batchSize'>> = {
  trainingSteps: 1000,
  loraRank: 128,
  ema: 0.999,
  learningRate: 0.0001,
};

/** The advanced settings' ranges, as the advanced training endpoints document them. */
export const TRAINING_LIMITS = {
  steps: { min: 100, max: 10_000, multipleOf: 100 },
  loraRanks: [64, 128] as readonly number[],
  batchSizes: [1, 2, 4, 8, 16, 32] as readonly number[],
} as const;

/** Each base's name, and the settings its advanced endpoint documents for people. */
export const TRAINING_BASES: Record<
  TrainingBase,
  { label: string; settings: readonly (keyof TrainingSettings)[] }
> = {
  v4: {
    label: 'Ideogram 4.0',
    settings: ['trainingSteps', 'loraRank', 'ema', 'learningRate', 'batchSize'],
  },
  v3: { label: 'Ideogram 3.0', settings: ['trainingSteps', 'loraRank', 'ema', 'learningRate'] },
};

/** Where a training without settings goes, on each base; `-advanced` takes settings. */
export const trainPath = (base: TrainingBase, advanced: boolean) =>
  `/v1/ideogram-${base}/train-model${advanced ? '-advanced' : ''}`;

/** Whether each advanced setting is one Ideogram takes. */
export const validSetting = {
  trainingSteps: (v: number) =>
    Number.isInteger(v) &&
    v >= TRAINING_LIMITS.steps.min &&
    v <= TRAINING_LIMITS.steps.max &&
    v % TRAINING_LIMITS.steps.multipleOf === 0,
  loraRank: (v: number) => TRAINING_LIMITS.loraRanks.includes(v),
  /** Between 0 and 1, neither included. */
  ema: (v: number) => Number.isFinite(v) && v > 0 && v < 1,
  learningRate: (v: number) => Number.isFinite(v) && v > 0,
  batchSize: (v: number) => TRAINING_LIMITS.batchSizes.includes(v),
} satisfies Record<keyof TrainingSettings, (v: number) => boolean>;
