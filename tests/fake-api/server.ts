import { MAX_IMAGES, MIN_IMAGES } from '../../utils/api/limits';
import { KNOWN_STATUSES } from '../../utils/api/types';
import { randomId, trainedTimeline } from '../../utils/sample/timeline';
import {
  apiDataset,
  apiDatasetFile,
  apiModelAt,
  apiRunAt,
  type FakeAccount,
  type FakeDataset,
  type FakeModel,
  type FakeTrainingSettings,
  modelStateAt,
  runsOf,
} from './model';
import { type FakeReply, type FakeRequest, requestHeader } from './request';
import { createFakeGenerations } from './generations';
import { uploadAssets } from './uploads';
import {
  badRequest,
  json,
  jsonBody,
  modelNameOf,
  Refusal,
  requiredString,
  settingsOf,
  validationError,
} from './validation';

// A stateful stand-in for Ideogram's custom-model API, following its documented semantics (the
// published OpenAPI documents in tests/openapi/specs): the four read endpoints, and the writes
// (creating a dataset, uploading to it, training a model from it). The test suites wrap it
// (./index.ts) with faults, a clock and a request log; the unit tests' fetch, Playwright's routing
// and the HTTPS server for Firefox all answer from it. It is a test double: nothing of it ships.

export interface FakeOptions {
  /**
   * How long a model trained through the API spends CREATING, then TRAINING, before it is
   * COMPLETED (ms). Real trainings take one to several hours.
   */
  trainingTimes?: { creating: number; training: number };
}

const MINUTE = 60_000;

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\u0000'; // matches no id, so the request gets a 404 as on the real server
  }
};

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
    const runs = model.is_owned ? runsOf(model).flatMap((run) => apiRunAt(run, at) ?? []) : [];
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

  /** Starts a training: the request is checked first, then the dataset it names. */
  function train(
    datasetId: string,
    name: string,
    settings: Partial<FakeTrainingSettings> & { batch_size?: number },
    base: 'v3' | 'v4' | null = null,
  ): FakeReply {
    const dataset = datasetById(datasetId);
    if (!dataset) return json(404, { detail: 'Dataset not found' });
    const images = dataset.files.length;
    if (images < MIN_IMAGES) {
      throw badRequest('dataset', `needs at least ${MIN_IMAGES} images (has ${images})`);
    }
    if (images > MAX_IMAGES) {
      throw badRequest('dataset', `at most ${MAX_IMAGES} images`);
    }
    const model: FakeModel = {
      model_id: randomId(),
      name,
      is_owned: true,
      dataset_id: dataset.dataset_id,
      timeline: trainedTimeline(name, now(), trainingTimes),
      settings,
    };
    // What the fake knows and the API never says: which base the model was trained on.
    if (base) model.base = base;
    account.models.push(model);
    return json(200, {
      model_id: model.model_id,
      dataset_id: dataset.dataset_id,
      model_name: name,
      training_status: 'CREATING',
    });
  }

  const generations = createFakeGenerations(account, now);

  /** Every endpoint; `:id` stands for one path segment, an id (never empty). */
  const routes: Route[] = [
    ...(['v3', 'v4'] as const).map((base): Route => ({
      method: 'POST',
      path: `/v2/image/generate/ideogram-${base === 'v4' ? '4' : '3'}-custom-model`,
      answer: (_, url, request) =>
        generations.generate(base, jsonBody(request), url.searchParams.get('dry_run') === 'true'),
    })),
    { method: 'GET', path: '/v2/generations/:id', answer: ([id]) => generations.poll(id!) },
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
      answer: ([id], _, request) => {
        const dataset = datasetById(id!);
        if (!dataset) return json(404, { detail: 'Dataset not found' });
        return uploadAssets(account, dataset, request);
      },
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
        return train(datasetId, modelNameOf(body), {}, 'v3');
      },
    },
    {
      method: 'POST',
      path: '/v1/ideogram-v3/train-model-advanced',
      answer: (_, __, request) => {
        const body = jsonBody(request);
        const datasetId = requiredString(body, 'dataset_id');
        const name = modelNameOf(body);
        return train(datasetId, name, settingsOf(body), 'v3');
      },
    },
    {
      method: 'POST',
      path: '/v1/ideogram-v4/train-model',
      answer: (_, __, request) => {
        const body = jsonBody(request);
        return train(requiredString(body, 'dataset_id'), modelNameOf(body), {}, 'v4');
      },
    },
    {
      method: 'POST',
      path: '/v1/ideogram-v4/train-model-advanced',
      answer: (_, __, request) => {
        const body = jsonBody(request);
        const datasetId = requiredString(body, 'dataset_id');
        const name = modelNameOf(body);
        return train(datasetId, name, settingsOf(body, 'v4'), 'v4');
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

  return { account, now, handle, generations: generations.generations };
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
