import type { IdeogramApi } from '../api/client';
import { ApiError, type ApiFailure, toFailure } from '../api/errors';
import type { Dataset, Model, Parsed } from '../api/types';
import type { Snapshot } from '../storage/snapshot';
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

export type Fetched =
  | {
      type: 'lists';
      models: Tagged<Parsed<Model>>;
      /** The dataset list on its own: its failure does not hold back the models. */
      datasets: Tagged<Settled<Parsed<Dataset>>>;
    }
  | {
      type: 'check';
      active: Tagged<Model[]>;
      /** Models that left the active states: their detail, or null when gone. */
      left: Map<string, Model | null>;
    };

async function settled<T>(flight: Flight<T>): Promise<Tagged<Settled<T>>> {
  try {
    return { value: { ok: true, value: await flight.promise }, seq: flight.seq };
  } catch (error) {
    if (error instanceof ApiError) return { value: { ok: false, error }, seq: flight.seq };
    throw new CallFailed(error, flight.seq);
  }
}

export async function fetchLists(api: IdeogramApi, source: string, share: Share): Promise<Fetched> {
  const models = share(`${source} /models`, () => api.listModels());
  const datasets = share(`${source} /datasets`, () => api.listDatasets());
  const [m, d] = await Promise.all([tagged(models), settled(datasets)]);
  return { type: 'lists', models: m, datasets: d };
}

/**
 * The cheap check: only the account's models still being created or trained, then the detail of
 * each one that left those states (to learn how it ended). A model never seen before means the
 * lists changed, and a detail Ideogram refuses (403) cannot say how the model ended: in both
 * cases the full lists are fetched instead.
 */
export async function fetchCheck(
  api: IdeogramApi,
  source: string,
  snapshot: Snapshot,
  share: Share,
): Promise<Fetched> {
  const active = await tagged(
    share(
      `${source} /models?active`,
      async () => (await api.listModels({ scope: 'owned', status: ACTIVE_STATUSES })).items,
    ),
  );
  const known = new Set(snapshot.models.map((m) => m.id));
  if (active.value.some((m) => !known.has(m.id))) return fetchLists(api, source, share);
  const stillActive = new Set(active.value.map((m) => m.id));
  const leftIds = snapshot.models
    .filter((m) => isActive(m) && !stillActive.has(m.id))
    .map((m) => m.id);
  const left = new Map<string, Model | null>();
  let refused = false;
  await Promise.all(
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
  );
  if (refused) return fetchLists(api, source, share);
  return { type: 'check', active, left };
}

/** The models after a check: the active ones as listed, the ones that left as their detail says. */
export function mergeCheck(models: Model[], fetched: Extract<Fetched, { type: 'check' }>): Model[] {
  const fresh = new Map(fetched.active.value.map((m) => [m.id, m]));
  return models.flatMap((model) => {
    const update = fresh.get(model.id) ?? fetched.left.get(model.id);
    if (update === null) return [];
    return [update ?? model];
  });
}

/** The failure to store for an error a refresh met. */
export function failureOf(error: unknown): ApiFailure {
  if (error instanceof CallFailed) return failureOf(error.error);
  if (error instanceof ApiError) return toFailure(error);
  return {
    kind: 'invalid_response',
    message: 'Model Watch could not make sense of the API’s answer. It will try again.',
  };
}
