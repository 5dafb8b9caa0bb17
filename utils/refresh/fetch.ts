// Long: one check: lists, details, settling and carrying results over, steps of one flow.
import type { IdeogramApi } from '../api/client';
import { ApiError, type ApiFailure, failureOf } from '../api/errors';
import type { Dataset, Model, ParsedList } from '../api/types';
import { failedRun, withRunOutcome } from '../models/training';
import { EMPTY_SNAPSHOT, type Snapshot } from '../storage/snapshot';
import { isActive } from './transitions';

// What a refresh asks Ideogram for: both full lists, or the cheap periodic check. Each call is
// tagged with the order in which it started, so that results can be applied in that order.

/** The statuses the periodic check asks for: the ones that change on their own. */
export const ACTIVE_STATUSES = ['CREATING', 'TRAINING'] as const;

/** A call's result, with its place in the order calls started (shared calls share it). */
export interface Tagged<T> {
  value: T;
  seq: number;
}

/** A call under way, numbered when it started. */
export interface Flight<T> {
  seq: number;
  promise: Promise<T>;
}

/** Starts `call`, unless the same call is in flight: then that one is shared. */
export type Share = <T>(key: string, call: () => Promise<T>) => Flight<T>;

/** A call failed: its error, and when it started (a failure older than newer data is stale). */
export class CallFailed extends Error {
  override name = 'CallFailed';
  constructor(
    readonly error: unknown,
    readonly seq: number,
  ) {
    super(error instanceof Error ? error.message : 'call failed');
  }
}

async function tagged<T>(flight: Flight<T>): Promise<Tagged<T>> {
  try {
    return { value: await flight.promise, seq: flight.seq };
  } catch (error) {
    throw new CallFailed(error, flight.seq);
  }
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Which lists a refresh fetches: the user's own models, the shared ones, the datasets. */
export interface ListParts {
  owned: boolean;
  shared: boolean;
  datasets: boolean;
}

export const ALL_LISTS: ListParts = { owned: true, shared: true, datasets: true };

/** Models' details read this refresh: the model as its detail says, or "failed". */
export type Details = Map<string, Model | 'failed'>;

export type Fetched =
  | {
      type: 'lists';
      parts: ListParts;
      /** The models of the parts asked for (owned, shared, or both); null when neither. */
      models: Tagged<ParsedList<Model>> | null;
      /** The dataset list on its own: its failure does not hold back the models. */
      datasets: Tagged<Settled<ParsedList<Dataset>>> | null;
      details: Details;
    }
  | {
      type: 'check';
      active: Tagged<Model[]>;
      /** Models that left the active states: their detail, or null when gone. */
      left: Map<string, Model | null>;
      details: Details;
    };

async function settled<T>(flight: Flight<T>): Promise<Tagged<Settled<T>>> {
  try {
    return { value: { ok: true, value: await flight.promise }, seq: flight.seq };
  } catch (error) {
    if (error instanceof ApiError) return { value: { ok: false, error }, seq: flight.seq };
    throw new CallFailed(error, flight.seq);
  }
}

const MINUTE = 60_000;
/** At most this many details per refresh; the others wait their turn. */
export const DETAILS_PER_REFRESH = 10;
/** A model in training has its detail (its run's phase) read again when older than this. */
export const DETAIL_MAX_AGE = 5 * MINUTE;

/**
 * The models in training whose detail is due: never read, read over five minutes ago, whose
 * status changed since, or whose run a page saw fail; the never-read first, then the oldest; ten
 * at most.
 */
export function detailsDue(active: readonly Model[], snapshot: Snapshot, now: number): string[] {
  const old = new Map(snapshot.models.map((m) => [m.id, m]));
  return active
    .filter((m) => {
      const before = old.get(m.id);
      return (
        before?.runsAt === undefined ||
        now - before.runsAt >= DETAIL_MAX_AGE ||
        before.runsAt > now ||
        // A model kept as failed while the lists still say TRAINING is read on the usual
        // pace (its run may resume), not at every check.
        (before.status !== m.status && !(before.status === 'ERRORED' && failedRun(before))) ||
        // A failed run a page read (the model's page) is taken at once, by the check that
        // announces it.
        (failedRun(before) !== null && before.status === m.status)
      );
    })
    .map((m) => ({ id: m.id, at: old.get(m.id)?.runsAt ?? -Infinity }))
    .sort((a, b) => a.at - b.at)
    .slice(0, DETAILS_PER_REFRESH)
    .map((d) => d.id);
}

/**
 * Reads the details of the models in training that are due (see `detailsDue`). Best effort: a
 * detail that fails is marked so (its phase falls back to the list's status), never the refresh.
 */
async function fetchDetails(
  api: IdeogramApi,
  source: string,
  active: readonly Model[],
  snapshot: Snapshot,
  now: number,
  share: Share,
): Promise<Details> {
  const details: Details = new Map();
  await Promise.all(
    detailsDue(active, snapshot, now).map(async (id) => {
      try {
        details.set(id, await share(`${source} /models/${id}`, () => api.getModel(id)).promise);
      } catch {
        details.set(id, 'failed');
      }
    }),
  );
  return details;
}

export async function fetchLists(
  api: IdeogramApi,
  source: string,
  share: Share,
  parts: ListParts = ALL_LISTS,
  snapshot: Snapshot = EMPTY_SNAPSHOT,
  now = Date.now(),
): Promise<Fetched> {
  const scope =
    parts.owned && parts.shared ? 'all' : parts.owned ? 'owned' : parts.shared ? 'shared' : null;
  const models =
    scope === null
      ? null
      : scope === 'all'
        ? share(`${source} /models`, () => api.listModels())
        : share(`${source} /models?scope=${scope}`, () => api.listModels({ scope }));
  const datasets = parts.datasets ? share(`${source} /datasets`, () => api.listDatasets()) : null;
  const [m, d] = await Promise.all([
    models ? tagged(models) : null,
    datasets ? settled(datasets) : null,
  ]);
  const active = parts.owned && m ? m.value.items.filter(isActive) : [];
  const details = await fetchDetails(api, source, active, snapshot, now, share);
  return { type: 'lists', parts, models: m, datasets: d, details };
}

/**
 * The cheap check: only the account's models still being created or trained, then the detail of
 * each one that left those states (to learn how it ended) and of those whose phase is due. A
 * model never seen before means the lists changed, and a detail Ideogram refuses (403) for a
 * model that left cannot say how it ended: in both cases the full lists are fetched instead.
 */
export async function fetchCheck(
  api: IdeogramApi,
  source: string,
  snapshot: Snapshot,
  share: Share,
  now = Date.now(),
): Promise<Fetched> {
  const active = await tagged(
    share(
      `${source} /models?active`,
      async () => (await api.listModels({ scope: 'owned', status: ACTIVE_STATUSES })).items,
    ),
  );
  const known = new Set(snapshot.models.map((m) => m.id));
  if (active.value.some((m) => !known.has(m.id))) {
    return fetchLists(api, source, share, ALL_LISTS, snapshot, now);
  }
  const stillActive = new Set(active.value.map((m) => m.id));
  const leftIds = snapshot.models
    .filter((m) => isActive(m) && !stillActive.has(m.id))
    .map((m) => m.id);
  const left = new Map<string, Model | null>();
  let refused = false;
  const [, details] = await Promise.all([
    Promise.all(
      leftIds.map(async (id) => {
        try {
          left.set(
            id,
            await tagged(share(`${source} /models/${id}`, () => api.getModel(id))).then(
              (r) => r.value,
            ),
          );
        } catch (failed) {
          const error = failed instanceof CallFailed ? failed.error : failed;
          // Deleted or no longer visible: it simply leaves the list.
          if (error instanceof ApiError && error.kind === 'not_found') left.set(id, null);
          else if (error instanceof ApiError && error.kind === 'forbidden') refused = true;
          else throw failed;
        }
      }),
    ),
    fetchDetails(api, source, active.value.filter(isActive), snapshot, now, share),
  ]);
  if (refused) return fetchLists(api, source, share, ALL_LISTS, snapshot, now);
  return { type: 'check', active, left, details };
}

/**
 * A model as listed now, with what only its detail says (its runs) and what the extension saw
 * (`observed`) carried over: from this refresh's detail when one was read, else from before. A
 * detail that failed drops the runs, so the phase falls back to the list's status.
 */
export function carry(
  before: Model | undefined,
  listed: Model,
  detail: Model | 'failed' | undefined,
  now: number,
): Model {
  const model: Model = { ...(detail && detail !== 'failed' ? detail : listed) };
  delete model.runs;
  delete model.runsAt;
  delete model.observed;
  if (detail && detail !== 'failed') {
    if (detail.runs) model.runs = detail.runs;
    model.runsAt = now;
  } else if (
    before &&
    ((detail === undefined && before.status === listed.status) ||
      (failedRun(before) !== null &&
        (listed.status === 'TRAINING' || listed.status === 'CREATING')))
  ) {
    // Runs read before a change of status (a training that finished since) say the old phase:
    // dropped, to be read again when wanted. A failed run stays until a detail says otherwise:
    // the lists' TRAINING never undoes it.
    if (before.runs) model.runs = before.runs;
    if (before.runsAt !== undefined) model.runsAt = before.runsAt;
  }
  if (before?.observed) model.observed = before.observed;
  return withRunOutcome(model);
}

/** The models after a check: the active ones as listed, the ones that left as their detail says. */
export function mergeCheck(
  models: Model[],
  fetched: Extract<Fetched, { type: 'check' }>,
  now: number,
): Model[] {
  const fresh = new Map(fetched.active.value.map((m) => [m.id, m]));
  return models.flatMap((model) => {
    const left = fetched.left.get(model.id);
    if (left === null) return [];
    if (left) return [carry(model, left, left, now)];
    const listed = fresh.get(model.id);
    return [listed ? carry(model, listed, fetched.details.get(model.id), now) : model];
  });
}

/** The models after lists: each part fetched replaces its models; the rest stay as they were. */
export function mergeLists(
  models: Model[],
  fetched: Extract<Fetched, { type: 'lists' }>,
  now: number,
): Model[] {
  if (!fetched.models) return models;
  const { owned, shared } = fetched.parts;
  const before = new Map(models.map((m) => [m.id, m]));
  // A list of both parts may be applied for one of them only (a newer answer already brought the
  // other): its models of the other part are left out, never added beside the newer ones.
  const fresh = fetched.models.value.items
    .filter((m) => (m.owned ? owned : shared))
    .map((m) => carry(before.get(m.id), m, fetched.details.get(m.id), now));
  if (owned && shared) return fresh;
  return owned
    ? [...fresh, ...models.filter((m) => !m.owned)]
    : [...models.filter((m) => m.owned), ...fresh];
}

/** The failure to store for an error a refresh met: one it could not read means a bad answer. */
export function refreshFailureOf(error: unknown): ApiFailure {
  return failureOf(error instanceof CallFailed ? error.error : error, {
    kind: 'invalid_response',
    message: 'Model Watch could not make sense of the API’s answer. It will try again.',
  });
}
