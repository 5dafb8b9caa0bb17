import type { FakeAccount, FakeDataset, FakeModel, FakeRun, FakeStep } from './model';

// The accounts, models and datasets tests are written with: ids shaped like Ideogram's, models
// in every status, and the standard account most tests use.

const MINUTE = 60_000;

let idCounter = 0;
/** A model or dataset id shaped like Ideogram's (22 URL-safe base64 characters). */
export function fakeId(prefix: string): string {
  idCounter += 1;
  // Padded with a character the counter never contains, so that ids cannot collide.
  const body = `${prefix}_${idCounter.toString(36)}`.replace(/[^A-Za-z0-9_]/g, '_');
  return body.padEnd(22, '-').slice(0, 22);
}

export interface ModelOptions {
  id?: string;
  name: string;
  status?: string;
  owned?: boolean;
  datasetId?: string | null;
  /** When it was created, relative to now (negative: in the past). */
  createdAgo?: number;
  uri?: string | null;
  available?: boolean;
  /** Later steps, with `at` relative to now. */
  later?: FakeStep[];
  /**
   * For a finished model (COMPLETED or ERRORED): how long its training took. It is then created
   * training and finishes that long after, so its detail has a training run with those times.
   */
  trainedFor?: number;
  /** Its training runs, when the one derived from its timeline will not do. */
  runs?: FakeRun[];
}

/** A fake model; a COMPLETED owned one gets a registry URI unless `uri` says otherwise. */
export function fakeModel(options: ModelOptions, now = Date.now()): FakeModel {
  const status = options.status ?? 'COMPLETED';
  const slug = options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const defaultUri = status === 'COMPLETED' ? `model/${slug}/version/1` : null;
  const first: FakeStep = {
    at: now - (options.createdAgo ?? 60 * MINUTE),
    status,
    uri: options.uri === undefined ? defaultUri : options.uri,
  };
  if (options.available !== undefined) first.available = options.available;
  const trained: FakeStep[] =
    options.trainedFor === undefined
      ? [first]
      : [
          { at: first.at, status: 'TRAINING', uri: null, available: false },
          { ...first, at: first.at + options.trainedFor },
        ];
  const model: FakeModel = {
    model_id: options.id ?? fakeId('m'),
    name: options.name,
    is_owned: options.owned ?? true,
    dataset_id: options.datasetId ?? null,
    timeline: [
      ...trained,
      ...(options.later ?? []).map((step) => ({ ...step, at: now + step.at })),
    ],
  };
  if (options.runs) model.runs = options.runs;
  return model;
}

export function fakeDataset(name: string, files = 20, now = Date.now()): FakeDataset {
  return {
    dataset_id: fakeId('d'),
    name,
    user_id: 'user_fake',
    creation_time: now - 3 * 24 * 60 * MINUTE,
    files: Array.from({ length: files }, (_, i) => ({
      file_name: `image-${String(i + 1).padStart(3, '0')}.jpg`,
      file_size_bytes: 200_000 + i * 1_000,
    })),
  };
}

export const TEST_KEY = 'test-key-0123456789abcdef';

/** The background's check: only the user's models being created or trained (the wire format). */
export const ACTIVE_CHECK = '/models?scope=owned&status=CREATING&status=TRAINING';

/**
 * The account most tests use: models in every status (2 owned training, 1 shared), 2 datasets,
 * and a model named like an XSS attempt.
 */
export function standardAccount(apiKey = TEST_KEY): FakeAccount {
  const now = Date.now();
  const brand = fakeDataset('Brand photos', 24, now);
  const posters = fakeDataset('Poster styles', 12, now);
  const models = [
    fakeModel(
      { name: 'Brand v1', datasetId: brand.dataset_id, createdAgo: 9 * 24 * 60 * MINUTE },
      now,
    ),
    fakeModel(
      {
        name: 'Brand v2',
        status: 'TRAINING',
        datasetId: brand.dataset_id,
        createdAgo: 40 * MINUTE,
      },
      now,
    ),
    fakeModel(
      {
        name: 'Poster look',
        status: 'TRAINING',
        datasetId: posters.dataset_id,
        createdAgo: 90 * MINUTE,
      },
      now,
    ),
    fakeModel({ name: 'Fresh start', status: 'CREATING', createdAgo: 2 * MINUTE }, now),
    fakeModel({ name: 'Sketch idea', status: 'DRAFT' }, now),
    fakeModel({ name: 'Broken run', status: 'ERRORED', datasetId: posters.dataset_id }, now),
    fakeModel(
      { name: 'Old style', status: 'ARCHIVED', uri: 'model/old-style/version/3', available: false },
      now,
    ),
    fakeModel({ name: 'Unregistered', uri: null }, now),
    fakeModel({ name: '<img src=x onerror=alert(1)>' }, now),
    fakeModel({ name: 'Team mascot', owned: false, uri: 'model/team-mascot/version/2' }, now),
  ];
  return { apiKey, models, datasets: [brand, posters] };
}
