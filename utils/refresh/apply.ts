import { type ApiFailure, toFailure } from '../api/errors';
import type { Dataset } from '../api/types';
import {
  type Account,
  accountsItem,
  FRESH_STATE,
  refreshStatesItem,
  snapshotOf,
  snapshotsItem,
} from '../storage/items';
import { settingsItem } from '../storage/choices';
import { announcedItem, MAX_ANNOUNCED, noticesItem } from '../storage/notices';
import type { Snapshot } from '../storage/snapshot';
import { type Transaction, write } from '../storage/writer';
import { type Fetched, mergeCheck } from './fetch';
import { findTransitions } from './transitions';

// How a refresh's outcome becomes stored state: one writer transaction each, reading the latest
// stored data, so that a refresh never overwrites what another (or a key saved meanwhile) wrote.
// Results are applied in the order their requests started: `Order` keeps, per account, the
// latest start applied for the models and for the datasets, and an older answer is dropped.

const SECOND = 1000;

/** Per account (and key), the start order of the latest models and datasets applied. */
export type Order = Map<string, { models: number; datasets: number }>;

export type ApplyResult = 'applied' | 'stale' | 'changed';

/** The account as it is now, if it is still the one the call was made for. */
async function stillCurrent(tx: Transaction, account: Account): Promise<Account | undefined> {
  const now = (await tx.get(accountsItem)).find((a) => a.id === account.id);
  // Removed, or its key replaced while the call ran: the answer belongs to no one now.
  return now && now.since === account.since ? now : undefined;
}

const sourceOf = (account: Account) => `${account.id}@${account.since}`;

/** Queues the finishes the snapshot reveals, each model's finish once, across accounts. */
async function queueNotices(
  tx: Transaction,
  before: Snapshot,
  after: Snapshot,
  now: number,
  label: string | undefined,
): Promise<void> {
  if (before.checkedAt === null) return;
  const found = findTransitions(before.models, after.models, now);
  if (found.length === 0) return;
  const announced = await tx.get(announcedItem);
  const seen = new Set(announced);
  const fresh = found.filter((n) => !seen.has(`${n.modelId}:${n.status}`));
  // Recorded even when notifications are off: turning them on later must not replay old news.
  tx.set(
    announcedItem,
    [...announced, ...fresh.map((n) => `${n.modelId}:${n.status}`)].slice(-MAX_ANNOUNCED),
  );
  if (fresh.length === 0 || !(await tx.get(settingsItem)).notify) return;
  const pending = await tx.get(noticesItem);
  tx.set(noticesItem, [...pending, ...fresh.map((n) => (label ? { ...n, account: label } : n))]);
}

/** A fresh dataset list keeps the image counts already read (the list itself has none). */
function keepCounts(fresh: Dataset[], old: Dataset[]): Dataset[] {
  const counted = new Map(old.filter((d) => d.countedAt !== undefined).map((d) => [d.id, d]));
  return fresh.map((d) => {
    const known = counted.get(d.id);
    return known ? { ...d, fileCount: known.fileCount!, countedAt: known.countedAt! } : d;
  });
}

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
    const applied = order.get(sourceOf(account)) ?? { models: 0, datasets: 0 };
    const modelsSeq = fetched.type === 'lists' ? fetched.models.seq : fetched.active.seq;
    if (modelsSeq <= applied.models) return 'stale';
    const snapshots = await tx.get(snapshotsItem);
    const old = snapshotOf(snapshots, account.id);
    let snapshot: Snapshot;
    let datasetsSeq = applied.datasets;
    let retryAt: number | null = null;
    if (fetched.type === 'lists') {
      const models = fetched.models.value;
      const datasets = fetched.datasets;
      const datasetsNewer = datasets.seq > applied.datasets;
      if (datasetsNewer) datasetsSeq = datasets.seq;
      const datasetsFailed = datasets.value.ok ? null : toFailure(datasets.value.error);
      if (datasetsFailed?.retryAfterSeconds !== undefined) {
        retryAt = now + datasetsFailed.retryAfterSeconds * SECOND;
      }
      snapshot = {
        models: models.items,
        datasets:
          datasets.value.ok && datasetsNewer
            ? keepCounts(datasets.value.value.items, old.datasets)
            : old.datasets,
        listedAt: now,
        checkedAt: now,
        error: null,
        datasetsError: datasetsFailed
          ? { ...datasetsFailed, at: now }
          : datasetsNewer
            ? null
            : old.datasetsError,
        dropped: models.dropped + (datasets.value.ok ? datasets.value.value.dropped : 0),
      };
    } else {
      snapshot = { ...old, models: mergeCheck(old.models, fetched), checkedAt: now, error: null };
    }
    const accounts = await tx.get(accountsItem);
    await queueNotices(tx, old, snapshot, now, accounts.length > 1 ? current.label : undefined);
    tx.set(snapshotsItem, { ...snapshots, [account.id]: snapshot });
    const states = await tx.get(refreshStatesItem);
    tx.set(refreshStatesItem, { ...states, [account.id]: { ...FRESH_STATE, retryAt } });
    order.set(sourceOf(account), { models: modelsSeq, datasets: datasetsSeq });
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
    if (applied && seq <= applied.models) return 'stale';
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
