import type { IdeogramApi } from '../api/client';
import { setItems } from '../storage/store';
import { ApiError, type ApiFailure, toFailure } from '../api/errors';
import type { Dataset, Model, Parsed } from '../api/types';
import {
  type Account,
  accountsItem,
  FRESH_STATE,
  noticesItem,
  readSettings,
  refreshStatesItem,
  type Snapshot,
  snapshotOf,
  snapshotsItem,
} from '../storage/items';
import { findTransitions, isActive } from './transitions';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** A page asking for lists within a minute of the last ones gets those (the refresh button forces). */
export const LISTS_FRESH_FOR = 60 * SECOND;
/** Periodic checks fetch the full lists again when they are older than this. */
export const LISTS_MAX_AGE = 6 * HOUR;
/** The statuses the periodic check asks for: the ones that change on their own. */
export const ACTIVE_STATUSES = ['CREATING', 'TRAINING'] as const;

export interface RefreshDeps {
  now(): number;
  isOnline(): boolean;
  /** The client for an account; null when there is nothing to call. */
  apiFor(account: Account): Promise<IdeogramApi | null>;
}

/** `lists`: both full lists (pages ask for this). `check`: the cheap periodic check. */
export type RefreshKind = 'lists' | 'check';

export interface RefreshRequest {
  kind: RefreshKind;
  /** Fetch the lists even when they are only seconds old. */
  force?: boolean;
}

export type RefreshResult =
  | { status: 'done' }
  | {
      status: 'skipped';
      reason: 'no-source' | 'fresh' | 'waiting' | 'paused' | 'changed';
    }
  | { status: 'failed'; error: ApiFailure };

type Fetched =
  | { type: 'lists'; models: Parsed<Model>; datasets: Parsed<Dataset> }
  | { type: 'check'; active: Model[]; left: Map<string, Model | null> };

function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiError) return toFailure(error);
  return {
    kind: 'invalid_response',
    message: 'Model Watch could not make sense of the API’s answer. It will try again.',
  };
}

const OFFLINE: ApiFailure = {
  kind: 'offline',
  message: 'You are offline. Model Watch will refresh as soon as you are back online.',
};

/**
 * The refresh engine: for one account at a time, fetches what is needed and stores the result as
 * that account's snapshot, which pages and the badge read. Concurrent callers share one network
 * call per endpoint and account, and results are applied one at a time on the latest stored data,
 * so a slow call never overwrites newer data, and accounts never overwrite each other.
 */
export function createRefresher(deps: RefreshDeps) {
  const flights = new Map<string, Promise<unknown>>();
  let applying: Promise<unknown> = Promise.resolve();

  /** One network call per endpoint and account at a time; later callers share its result. */
  function shared<T>(key: string, call: () => Promise<T>): Promise<T> {
    const running = flights.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = call().finally(() => flights.delete(key));
    flights.set(key, started);
    return started;
  }

  /** Runs storage updates one after another, each on what the previous one wrote. */
  function inTurn<T>(update: () => Promise<T>): Promise<T> {
    const next = applying.then(update, update);
    applying = next.catch(() => undefined);
    return next;
  }

  async function fetchLists(api: IdeogramApi, source: string): Promise<Fetched> {
    const [models, datasets] = await Promise.all([
      shared(`${source} /models`, () => api.listModels()),
      shared(`${source} /datasets`, () => api.listDatasets()),
    ]);
    return { type: 'lists', models, datasets };
  }

  /**
   * The cheap check: only the account's models still being created or trained, then the detail of
   * each one that left those states (to learn how it ended). A model never seen before means the
   * lists changed, so they are fetched in full.
   */
  async function fetchCheck(
    api: IdeogramApi,
    source: string,
    snapshot: Snapshot,
  ): Promise<Fetched> {
    const active = await shared(`${source} /models?active`, () =>
      api.listModels({ scope: 'owned', status: ACTIVE_STATUSES }),
    );
    const known = new Set(snapshot.models.map((m) => m.id));
    if (active.items.some((m) => !known.has(m.id))) return fetchLists(api, source);
    const stillActive = new Set(active.items.map((m) => m.id));
    const leftIds = snapshot.models
      .filter((m) => isActive(m) && !stillActive.has(m.id))
      .map((m) => m.id);
    const left = new Map<string, Model | null>();
    await Promise.all(
      leftIds.map(async (id) => {
        try {
          left.set(id, await shared(`${source} /models/${id}`, () => api.getModel(id)));
        } catch (error) {
          // Deleted or no longer visible: it simply leaves the list.
          if (error instanceof ApiError && error.kind === 'not_found') left.set(id, null);
          else throw error;
        }
      }),
    );
    return { type: 'check', active: active.items, left };
  }

  function merge(models: Model[], fetched: Extract<Fetched, { type: 'check' }>): Model[] {
    const fresh = new Map(fetched.active.map((m) => [m.id, m]));
    return models.flatMap((model) => {
      const update = fresh.get(model.id) ?? fetched.left.get(model.id);
      if (update === null) return [];
      return [update ?? model];
    });
  }

  /** The account as it is now, if it is still the one the call was made for. */
  async function stillCurrent(account: Account): Promise<Account | undefined> {
    const accounts = await accountsItem.getValue();
    const now = accounts.find((a) => a.id === account.id);
    // Removed, or its key replaced while the call ran: the answer belongs to no one now.
    return now && now.since === account.since ? now : undefined;
  }

  async function applySuccess(account: Account, fetched: Fetched): Promise<RefreshResult> {
    const current = await stillCurrent(account);
    if (!current) return { status: 'skipped', reason: 'changed' };
    const now = deps.now();
    const [snapshots, states, settings, pending, accounts] = await Promise.all([
      snapshotsItem.getValue(),
      refreshStatesItem.getValue(),
      readSettings(),
      noticesItem.getValue(),
      accountsItem.getValue(),
    ]);
    const old = snapshotOf(snapshots, account.id);
    const lists = fetched.type === 'lists';
    const snapshot: Snapshot = {
      models: lists ? fetched.models.items : merge(old.models, fetched),
      datasets: lists ? fetched.datasets.items : old.datasets,
      listedAt: lists ? now : old.listedAt,
      checkedAt: now,
      error: null,
      dropped: lists ? fetched.models.dropped + fetched.datasets.dropped : old.dropped,
    };
    const label = accounts.length > 1 ? { account: current.label } : {};
    const notices =
      settings.notify && old.checkedAt !== null
        ? findTransitions(old.models, snapshot.models, now).map((n) => ({ ...n, ...label }))
        : [];
    await setItems([
      snapshotsItem.entry({ ...snapshots, [account.id]: snapshot }),
      { item: refreshStatesItem, value: { ...states, [account.id]: FRESH_STATE } },
      ...(notices.length > 0 ? [{ item: noticesItem, value: [...pending, ...notices] }] : []),
    ]);
    return { status: 'done' };
  }

  async function applyFailure(account: Account, error: ApiFailure): Promise<RefreshResult> {
    if (!(await stillCurrent(account))) return { status: 'skipped', reason: 'changed' };
    const now = deps.now();
    const [snapshots, states] = await Promise.all([
      snapshotsItem.getValue(),
      refreshStatesItem.getValue(),
    ]);
    const old = snapshotOf(snapshots, account.id);
    const state = states[account.id] ?? FRESH_STATE;
    const retryAt =
      error.retryAfterSeconds === undefined ? null : now + error.retryAfterSeconds * SECOND;
    // Being offline is not the API failing: it does not grow the back-off.
    const failures = error.kind === 'offline' ? state.failures : state.failures + 1;
    await setItems([
      snapshotsItem.entry({ ...snapshots, [account.id]: { ...old, error: { ...error, at: now } } }),
      { item: refreshStatesItem, value: { ...states, [account.id]: { failures, retryAt } } },
    ]);
    return { status: 'failed', error };
  }

  /** Refreshes one account and stores the outcome; never throws. */
  async function refresh(accountId: string, request: RefreshRequest): Promise<RefreshResult> {
    const account = (await accountsItem.getValue()).find((a) => a.id === accountId);
    const api = account ? await deps.apiFor(account) : null;
    if (!account || !api) return { status: 'skipped', reason: 'no-source' };
    const [snapshots, states] = await Promise.all([
      snapshotsItem.getValue(),
      refreshStatesItem.getValue(),
    ]);
    const snapshot = snapshotOf(snapshots, accountId);
    const state = states[accountId] ?? FRESH_STATE;
    const now = deps.now();
    if (state.retryAt !== null && state.retryAt > now) {
      return { status: 'skipped', reason: 'waiting' };
    }
    // A rejected key is not retried on a timer; a page asking (the user) may still try it.
    if (request.kind === 'check' && snapshot.error?.kind === 'unauthorized') {
      return { status: 'skipped', reason: 'paused' };
    }
    const listsAge = snapshot.listedAt === null ? Infinity : now - snapshot.listedAt;
    if (
      request.kind === 'lists' &&
      !request.force &&
      listsAge < LISTS_FRESH_FOR &&
      !snapshot.error
    ) {
      return { status: 'skipped', reason: 'fresh' };
    }
    if (!account.sample && !deps.isOnline()) return inTurn(() => applyFailure(account, OFFLINE));
    const source = `${account.id}@${account.since}`;
    const wantLists = request.kind === 'lists' || listsAge > LISTS_MAX_AGE;
    try {
      const fetched = wantLists
        ? await fetchLists(api, source)
        : await fetchCheck(api, source, snapshot);
      return await inTurn(() => applySuccess(account, fetched));
    } catch (error) {
      return inTurn(() => applyFailure(account, failureOf(error)));
    }
  }

  return { refresh };
}

export type Refresher = ReturnType<typeof createRefresher>;
