import type { Model, TrainingRun } from '../utils/api/types';

/**
 * A model as the extension keeps it (after parsing), with plain defaults: a test names only the
 * fields that matter to it.
 */
export function testModel(fields: Partial<Model> = {}): Model {
  return {
    id: 'mdl_test',
    name: 'Test model',
    status: 'COMPLETED',
    createdAt: 0,
    updatedAt: null,
    available: false,
    owned: true,
    uri: null,
    datasetId: null,
    ...fields,
  };
}

/**
 * A training run as the extension keeps it: a run in TRAINING with Ideogram's default settings
 * (1,000 steps, LoRA rank 128); a test names its phase and times.
 */
export function testRun(fields: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id: 'run-1',
    phase: 'TRAINING',
    createdAt: 0,
    updatedAt: null,
    steps: 1000,
    loraRank: 128,
    chips: 8,
    ema: 0.999,
    learningRate: 0.0001,
    ...fields,
  };
}
