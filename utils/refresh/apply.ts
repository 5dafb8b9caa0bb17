import { type ApiFailure, toFailure } from '../api/errors';
import type { Dataset, Model } from '../api/types';
import {
  type Account,
  accountsItem,
  FRESH_STATE,
  refreshStatesItem,
  snapshotOf,
  snapshotsItem,
} from '../storage/items';
import { settingsItem } from '../storage/choices';
import {
  announcedItem,
  MAX_ANNOUNCED,
  type Notice,
  noticeKey,
  noticesItem,
} from '../storage/notices';
import type { Snapshot } from '../storage/snapshot';
import { type Transaction, write } from '../storage/writer';
import { currentRun, outlookOf, pastTrainings, phaseLabel, stuckMessage } from '../models/training';
import { type Fetched, mergeCheck, mergeLists } from './fetch';
import { findTransitions } from './transitions';

// How a refresh's outcome becomes stored state: one writer transaction each, reading the latest
// stored data, so that a refresh never overwrites what another (or a key saved meanwhile) wrote.
// Results are applied in the order their requests started: `Order` keeps, per account, the
// latest start applied for the user's own models, the shared ones and the datasets, and an
// older answer is dropped (part by part).

const SECOND = 1000;

/** Per account (and key), the start order of the latest of each list applied. */
export type Order = Map<string, { owned: number; shared: number; datasets: number }>;

export type ApplyResult = 'applied' | 'stale' | 'changed';

/** The account as it is now, if it is still the one the call was made for. */
async function stillCurrent(tx: Transaction, account: Account): Promise<Account | undefined> {
  const now = (await tx.get(accountsItem)).find((a) => a.id === account.id);
  // Removed, or its key replaced while the call ran: the answer belongs to no one now.
  return now && now.since === account.since ? now : undefined;
}

const sourceOf = (account: Account) => `${account.id}@${account.since}`;

/**
 * Queues what the snapshot reveals, each once, across accounts: finishes and failures, and
 * trainings taking longer than usual (once per training run).
 */
async function queueNotices(
  tx: Transaction,
  before: Snapshot,
  after: Snapshot,
  finished: Notice[],
  now: number,
  label: string | undefined,
): Promise<void> {
  if (before.checkedAt === null) return;
  const history = pastTrainings(after.models);
  const stuck: Notice[] = after.models.flatMap((model) => {
    const outlook = outlookOf(model, history, now);
    if (outlook?.kind !== 'stuck') return [];
    const run = currentRun(model);
    const phase = phaseLabel(run?.phase ?? model.status);
    return [
      {
        modelId: model.id,
        name: model.name,
        status: 'STUCK' as const,
        uri: model.uri,
        at: now,
        run: run?.id ?? String(model.createdAt),
        detail: stuckMessage(phase, outlook),
      },
    ];
  });
  const found = [...finished, ...stuck];
  if (found.length === 0) return;
  const announced = await tx.get(announcedItem);
  const seen = new Set(announced);
  const fresh = found.filter((n) => !seen.has(noticeKey(n)));
  // Recorded even when notifications are off: turning them on later must not replay old news.
  tx.set(announcedItem, [...announced, ...fresh.map(noticeKey)].slice(-MAX_ANNOUNCED));
  if (fresh.length === 0 || !(await tx.get(settingsItem)).notify) return;
  const pending = await tx.get(noticesItem);
  tx.set(noticesItem, [...pending, ...fresh.map((n) => (label ? { ...n, account: label } : n))]);
}

/**
 * The user's models that finished training now get what the extension saw of their training
 * (when it started, when it was seen finished), for the estimates of later trainings.
 */
function noteFinished(before: Snapshot, models: Model[], finished: Notice[], now: number): Model[] {
  const done = new Set(finished.filter((n) => n.status === 'COMPLETED').map((n) => n.modelId));
  if (done.size === 0) return models;
  const old = new Map(before.models.map((m) => [m.id, m]));
  return models.map((model) => {
    const was = old.get(model.id);
    if (!done.has(model.id) || !was || model.observed) return model;
    const startedAt = currentRun(was)?.createdAt ?? was.createdAt;
    const finishedAt = Math.min(now, Math.max(model.updatedAt ?? now, startedAt));
    return { ...model, observed: { startedAt, finishedAt } };
  });
}

/**
 * A fresh dataset list keeps the image counts already read (the list itself has none), and when
 * the user last used each one here.
 */
function keepCounts(fresh: Dataset[], old: Dataset[]): Dataset[] {
  const known = new Map(old.map((d) => [d.id, d]));
  return fresh.map((d) => {
    const was = known.get(d.id);
    if (!was) return d;
    const kept: Dataset = { ...d };
    if (was.countedAt !== undefined) {
      kept.fileCount = was.fileCount!;
      kept.countedAt = was.countedAt;
    }
    if (was.usedAt !== undefined) kept.usedAt = was.usedAt;
    return kept;
  });
}

const NONE_APPLIED = { owned: 0, shared: 0, datasets: 0 };

/** Stores what a refresh fetched, unless newer data was applied meanwhile. */
export function applySuccess(
  account: Account,
  fetched: Fetched,
  order: Order,
  now: number,
): Promise<ApplyResult> {
  return write(async (tx) => {
    const current = await stillCurrent(tx, account);
    if (!current) return 'changed';
    const applied = { ...(order.get(sourceOf(account)) ?? NONE_APPLIED) };
    const snapshots = await tx.get(snapshotsItem);
    const old = snapshotOf(snapshots, account.id);
    let snapshot: Snapshot;
    let retryAt: number | null = null;
    if (fetched.type === 'lists') {
      const { parts } = fetched;
      const models = fetched.models;
      // Each part applies only when newer than what was applied of it.
      const ownedNewer = parts.owned && models !== null && models.seq > applied.owned;
      const sharedNewer = parts.shared && models !== null && models.seq > applied.shared;
      const datasets = fetched.datasets;
      const datasetsNewer = datasets !== null && datasets.seq > applied.datasets;
      if (!ownedNewer && !sharedNewer && !datasetsNewer) return 'stale';
      const newerParts = { owned: ownedNewer, shared: sharedNewer, datasets: false };
      const mergedModels =
        ownedNewer || sharedNewer
          ? mergeLists(old.models, { ...fetched, parts: newerParts }, now)
          : old.models;
      if (ownedNewer) applied.owned = models.seq;
      if (sharedNewer) applied.shared = models.seq;
      if (datasetsNewer) applied.datasets = datasets.seq;
      const datasetsFailed =
        datasets && !datasets.value.ok ? toFailure(datasets.value.error) : null;
      if (datasetsFailed?.retryAfterSeconds !== undefined) {
        retryAt = now + datasetsFailed.retryAfterSeconds * SECOND;
      }
      const datasetList = datasetsNewer && datasets.value.ok ? datasets.value.value : null;
      const datasetsOk = datasetList !== null;
      snapshot = {
        models: mergedModels,
        datasets: datasetList ? keepCounts(datasetList.items, old.datasets) : old.datasets,
        listedAt: ownedNewer ? now : old.listedAt,
        sharedAt: sharedNewer ? now : old.sharedAt,
        datasetsAt: datasetsOk ? now : old.datasetsAt,
        checkedAt: now,
        // A dataset list that failed on its own is not news that the API works again.
        error: ownedNewer || sharedNewer || datasetsOk ? null : old.error,
        datasetsError: datasetsFailed
          ? { ...datasetsFailed, at: now }
          : datasetsNewer
            ? null
            : old.datasetsError,
        dropped:
          (ownedNewer || sharedNewer ? models.value.dropped : 0) +
          (datasetList ? datasetList.dropped : 0),
      };
    } else {
      if (fetched.active.seq <= applied.owned) return 'stale';
      applied.owned = fetched.active.seq;
      snapshot = {
        ...old,
        models: mergeCheck(old.models, fetched, now),
        checkedAt: now,
        error: null,
      };
    }
    const finished = findTransitions(old.models, snapshot.models, now);
    snapshot = { ...snapshot, models: noteFinished(old, snapshot.models, finished, now) };
    const accounts = await tx.get(accountsItem);
    const label = accounts.length > 1 ? current.label : undefined;
    await queueNotices(tx, old, snapshot, finished, now, label);
    tx.set(snapshotsItem, { ...snapshots, [account.id]: snapshot });
    const states = await tx.get(refreshStatesItem);
    tx.set(refreshStatesItem, { ...states, [account.id]: { ...FRESH_STATE, retryAt } });
    order.set(sourceOf(account), applied);
    return 'applied';
  });
}

/** Stores a failure over the last good data, unless data newer than the failed call was applied. */
export function applyFailure(
  account: Account,
  error: ApiFailure,
  seq: number,
  order: Order,
  now: number,
): Promise<ApplyResult> {
  return write(async (tx) => {
    if (!(await stillCurrent(tx, account))) return 'changed';
    const applied = order.get(sourceOf(account));
    // A failure older than data applied since (of any list) says nothing about now.
    if (applied && seq <= Math.max(applied.owned, applied.shared, applied.datasets)) return 'stale';
    const [snapshots, states] = await Promise.all([
      tx.get(snapshotsItem),
      tx.get(refreshStatesItem),
    ]);
    const old = snapshotOf(snapshots, account.id);
    const state = states[account.id] ?? FRESH_STATE;
    const retryAt =
      error.retryAfterSeconds === undefined ? null : now + error.retryAfterSeconds * SECOND;
    // Being offline is not the API failing: it does not grow the back-off.
    const failures = error.kind === 'offline' ? state.failures : state.failures + 1;
    tx.set(snapshotsItem, { ...snapshots, [account.id]: { ...old, error: { ...error, at: now } } });
    tx.set(refreshStatesItem, { ...states, [account.id]: { failures, retryAt } });
    return 'applied';
  });
}
