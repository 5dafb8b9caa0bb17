import type { IdeogramApi } from '../api/client';
import { type ApiFailure, storageFailure, throttledError, toFailure } from '../api/errors';
import { type Account, accountsItem, FRESH_STATE, refreshStatesItem } from '../storage/items';
import { snapshotOf, snapshotsItem } from '../storage/items';
import type { Snapshot } from '../storage/snapshot';
import { StorageWriteError } from '../storage/writer';
import { applyFailure, applySuccess, type Order } from './apply';
import { countDatasets } from './datasets';
import { readPhases, readHistory as readTrainingHistory } from './details';
import {
  ALL_LISTS,
  CallFailed,
  refreshFailureOf,
  type Fetched,
  fetchCheck,
  fetchLists,
  type Flight,
  type ListParts,
} from './fetch';
import { elapsedSince, waitUntil } from './schedule';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** A page asking for lists within a minute of the last ones gets those (the refresh button forces). */
export const LISTS_FRESH_FOR = 60 * SECOND;
/** Periodic checks fetch the full lists again when any of them is older than this. */
export const LISTS_MAX_AGE = 6 * HOUR;
/**
 * Opening the popup checks the user's models in training each time (a minute apart at least),
 * and lists all of their own models again when that list is older than this…
 */
export const OWNED_FRESH_FOR = 20 * 60 * SECOND;
/** …and the shared models and the datasets when older than this (or on ↻). */
export const OTHERS_FRESH_FOR = HOUR;
export { ACTIVE_STATUSES } from './fetch';

export interface RefreshDeps {
  now(): number;
  isOnline(): boolean;
  /** The client for an account; null when there is nothing to call. */
  apiFor(account: Account): Promise<IdeogramApi | null>;
  /**
   * Whether the browser holds back requests after server errors (Chromium does), so that a
   * network failure right after them is that, not a lost connection.
   */
  throttlesAfterErrors: boolean;
}

/**
 * `lists`: every list (a new account, the refresh button). `check`: the cheap periodic check.
 * `open`: the popup opened: only what is stale (see `planRefresh`).
 */
export type RefreshKind = 'lists' | 'check' | 'open';

export interface RefreshRequest {
  kind: RefreshKind;
  /** Fetch the lists even when they are only seconds old (a person pressed refresh). */
  force?: boolean;
  /** `open`: the Datasets tab is shown, so its list is wanted unless it is a minute old. */
  datasets?: boolean;
}

export type RefreshResult =
  /** Which lists came (their datasets may want counting), or null after a check. */
  | { status: 'done'; lists: ListParts | null }
  | { status: 'skipped'; reason: 'no-source' | 'fresh' | 'paused' | 'changed' | 'stale' }
  /** Ideogram asked to wait (Retry-After) until `until`: nothing is sent before. */
  | { status: 'skipped'; reason: 'waiting'; until: number }
  | { status: 'failed'; error: ApiFailure };

const NO_KEY: ApiFailure = {
  kind: 'unauthorized',
  message: 'No API key is saved for this account. Give it one with “Replace key” in Options.',
};

const OFFLINE: ApiFailure = {
  kind: 'offline',
  message: 'You are offline. Model Watch will refresh as soon as you are back online.',
};

/**
 * What a refresh asks for: some lists, the cheap check, or nothing (what is stored is fresh).
 * - `lists`: every list, unless they are under a minute old (and fine) and it was not forced.
 * - `check`: the check; every list when one of them is over six hours old.
 * - `open`: the user's own models when over 20 minutes old, the shared ones and the datasets
 *   when over an hour old (the datasets when over a minute old if their tab is shown), else the
 *   check when the last one is over a minute old. After an error, every list.
 */
export function planRefresh(
  snapshot: Snapshot,
  request: RefreshRequest,
  now: number,
): ListParts | 'check' | 'fresh' {
  const age = {
    owned: elapsedSince(snapshot.listedAt, now),
    shared: elapsedSince(snapshot.sharedAt, now),
    datasets: elapsedSince(snapshot.datasetsAt, now),
  };
  const oldest = Math.max(age.owned, age.shared, age.datasets);
  switch (request.kind) {
    case 'lists':
      return !request.force && oldest < LISTS_FRESH_FOR && !snapshot.error ? 'fresh' : ALL_LISTS;
    case 'check':
      return oldest > LISTS_MAX_AGE ? ALL_LISTS : 'check';
    case 'open': {
      if (snapshot.error) return ALL_LISTS;
      const parts: ListParts = {
        owned: age.owned >= OWNED_FRESH_FOR,
        shared: age.shared >= OTHERS_FRESH_FOR,
        datasets:
          age.datasets >= OTHERS_FRESH_FOR ||
          (request.datasets === true && age.datasets >= LISTS_FRESH_FOR),
      };
      if (parts.owned || parts.shared || parts.datasets) return parts;
      return elapsedSince(snapshot.checkedAt, now) >= LISTS_FRESH_FOR ? 'check' : 'fresh';
    }
  }
}

/**
 * The refresh engine: for one account at a time, fetches what is needed and stores the result as
 * that account's snapshot, which pages and the badge read. Concurrent callers share one network
 * call per endpoint and account; results are applied in the order their calls started, so a slow
 * answer never overwrites a newer one, and accounts never overwrite each other.
 */
export function createRefresher(deps: RefreshDeps) {
  const flights = new Map<string, Flight<unknown>>();
  const order: Order = new Map();
  let started = 0;

  function share<T>(key: string, call: () => Promise<T>): Flight<T> {
    const running = flights.get(key) as Flight<T> | undefined;
    if (running) return running;
    const flight: Flight<T> = {
      seq: ++started,
      promise: call().finally(() => flights.delete(key)),
    };
    // A shared flight nobody awaits any more must not report an unhandled rejection.
    flight.promise.catch(() => undefined);
    flights.set(key, flight);
    return flight;
  }

  /** Stores a failure; a failure to store it is the storage's, said as such. */
  async function fail(account: Account, error: ApiFailure, seq: number): Promise<RefreshResult> {
    try {
      const result = await applyFailure(account, error, seq, order, deps.now());
      if (result !== 'applied') return { status: 'skipped', reason: result };
    } catch {
      // Storage refused even the failure: nothing more can be kept; the caller is told.
    }
    return { status: 'failed', error };
  }

  /** Refreshes one account and stores the outcome; never throws. */
  async function refresh(accountId: string, request: RefreshRequest): Promise<RefreshResult> {
    const account = (await accountsItem.getValue()).find((a) => a.id === accountId);
    if (!account) return { status: 'skipped', reason: 'no-source' };
    const api = await deps.apiFor(account);
    // An account whose key was lost (damaged storage, say) is said to be so, never left silent.
    if (!api) return fail(account, NO_KEY, ++started);
    const [snapshots, states] = await Promise.all([
      snapshotsItem.getValue(),
      refreshStatesItem.getValue(),
    ]);
    const snapshot = snapshotOf(snapshots, accountId);
    const state = states[accountId] ?? FRESH_STATE;
    const now = deps.now();
    const until = waitUntil(state, now);
    if (until !== null) return { status: 'skipped', reason: 'waiting', until };
    // A rejected key is not retried on a timer; a page asking (the user) may still try it.
    if (request.kind === 'check' && snapshot.error?.kind === 'unauthorized') {
      return { status: 'skipped', reason: 'paused' };
    }
    const plan = planRefresh(snapshot, request, now);
    if (plan === 'fresh') return { status: 'skipped', reason: 'fresh' };
    if (!account.sample && !deps.isOnline()) return fail(account, OFFLINE, ++started);
    const source = `${account.id}@${account.since}`;
    let fetched: Fetched;
    try {
      fetched =
        plan === 'check'
          ? await fetchCheck(api, source, snapshot, share, now)
          : await fetchLists(api, source, share, plan, snapshot, now);
    } catch (error) {
      const seq = error instanceof CallFailed ? error.seq : ++started;
      let failure = refreshFailureOf(error);
      // Chromium refuses requests for a while after server errors: a "network" failure then.
      const afterServerErrors =
        snapshot.error?.kind === 'server' || snapshot.error?.kind === 'throttled';
      if (failure.kind === 'network' && deps.throttlesAfterErrors && afterServerErrors) {
        failure = toFailure(throttledError());
      }
      return fail(account, failure, seq);
    }
    try {
      const result = await applySuccess(account, fetched, order, deps.now());
      if (result !== 'applied') return { status: 'skipped', reason: result };
      return { status: 'done', lists: fetched.type === 'lists' ? fetched.parts : null };
    } catch (error) {
      if (error instanceof StorageWriteError) return fail(account, storageFailure(), ++started);
      return fail(account, refreshFailureOf(error), ++started);
    }
  }

  /** The account and its client, when it can be asked now (online, key present). */
  async function reachable(accountId: string) {
    const account = (await accountsItem.getValue()).find((a) => a.id === accountId);
    const api = account ? await deps.apiFor(account) : null;
    if (!account || !api || (!account.sample && !deps.isOnline())) return null;
    return { account, api };
  }

  /**
   * Counts the images of the account's datasets that need it: after fresh lists, once the
   * account's alarm is set (it may take a few calls). Never throws.
   */
  async function countImages(accountId: string): Promise<void> {
    const target = await reachable(accountId);
    if (!target) return;
    await countDatasets(target.api, target.account, deps.now).catch(() => undefined);
  }

  /**
   * Reads the details lists do not carry: the phases of models in training not read lately (none
   * right after a check, which read them), then a few finished trainings while the history is
   * too short for estimates. Never throws.
   */
  async function readDetails(accountId: string): Promise<void> {
    const target = await reachable(accountId);
    if (!target) return;
    await readPhases(target.api, target.account, deps.now).catch(() => undefined);
    await readTrainingHistory(target.api, target.account, deps.now).catch(() => undefined);
  }

  return { refresh, countImages, readDetails };
}

export type Refresher = ReturnType<typeof createRefresher>;
