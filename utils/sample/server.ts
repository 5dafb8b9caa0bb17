import { formatApiTime } from '../api/time';
import { KNOWN_STATUSES } from '../api/types';

// A stateful stand-in for the four read endpoints of Ideogram's custom-model API, following its
// documented semantics. It lives here, not under tests/, because the sample workspace needs it at
// run time: the built-in account is served through it, inside the extension. The test suites wrap
// it (tests/fake-api) with faults and a request log, so both exercise the same client code as the
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
  deleted?: boolean;
}

export interface FakeDataset {
  dataset_id: string;
  name: string;
  user_id: string;
  creation_time: number;
  files: { file_name: string | null; file_size_bytes: number | null }[];
}

export interface FakeAccount {
  apiKey: string;
  models: FakeModel[];
  datasets: FakeDataset[];
}

export interface FakeRequest {
  method: string;
  url: string;
  /** Header names in any case. */
  headers: Record<string, string>;
}

export interface FakeReply {
  status: number;
  headers: Record<string, string>;
  body: string;
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
  const settings = { training_steps: 1000, lora_rank: 128, num_chips: 8, ema: 0.999 };
  const run = { id: `${model.model_id}-run-1`, ...settings, learning_rate: 0.0001 };
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

/** Creates a fake API for one account; `now` is its clock. */
export function createFakeIdeogram(account: FakeAccount, now: () => number = Date.now) {
  const visible = () => account.models.filter((m) => !m.deleted);
  const isListedShared = (m: FakeModel, at: number) => !m.is_owned && modelStateAt(m, at).available;

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
    const dataset = account.datasets.find((d) => d.dataset_id === id);
    if (!dataset) return json(404, { detail: 'Dataset not found' });
    return json(200, {
      dataset: apiDataset(dataset),
      file_count: dataset.files.length,
      files: dataset.files,
      custom_model_ids: visible()
        .filter((m) => m.is_owned && m.dataset_id === id)
        .map((m) => m.model_id),
    });
  }

  /** Answers one request the way the real API would. */
  function handle(request: FakeRequest): FakeReply {
    const url = new URL(request.url);
    const key = Object.entries(request.headers).find(([n]) => n.toLowerCase() === 'api-key')?.[1];
    if (key !== account.apiKey) return json(401, { detail: 'Unauthorized' });
    const [first, id, ...rest] = url.pathname.split('/').slice(1).map(decodeSegment);
    const known = (first === 'models' || first === 'datasets') && rest.length === 0;
    if (!known || id === '') return json(404, { detail: 'Not Found' });
    if (request.method.toUpperCase() !== 'GET') return json(405, { detail: 'Method Not Allowed' });
    if (first === 'models') return id === undefined ? listModels(url.searchParams) : getModel(id);
    if (id === undefined) return json(200, { datasets: account.datasets.map(apiDataset) });
    return getDataset(id);
  }

  return { account, now, handle };
}

export type FakeIdeogram = ReturnType<typeof createFakeIdeogram>;

/** A `fetch` answered by `handle` instead of the network. */
export function fakeFetch(handle: (request: FakeRequest) => FakeReply): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    init?.signal?.throwIfAborted();
    const reply = handle({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
    });
    return new Response(reply.status === 204 ? null : reply.body, {
      status: reply.status,
      headers: reply.headers,
    });
  };
}
