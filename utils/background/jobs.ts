import type { Protocol } from '../messaging/protocol';
import { reschedule, rescheduleAll } from '../refresh/alarm';
import type { Refresher, RefreshRequest, RefreshResult } from '../refresh/engine';
import { accountsItem, snapshotOf, snapshotsItem } from '../storage/items';
import { fillKeyHints } from '../storage/repair';
import { type ConnectionDeps, createConnectionWatch } from './connection';

// The background's recurring work, in terms of the refresh engine: an account's periodic check,
// every account's lists for a page, the first lists of new accounts, and coming back online.

export interface JobContext {
  deps: ConnectionDeps & { now: () => number };
  refresher: Refresher;
  /** Runs `work` once the stored layout is current. */
  ready: <T>(work: () => Promise<T>) => Promise<T>;
}

export function createJobs({ deps, refresher, ready }: JobContext) {
  const accountIds = async () => (await accountsItem.getValue()).map((a) => a.id);
  const rescheduleEvery = () => rescheduleAll(deps.now());

  /** While an account is offline, look for the connection, and check every account once back. */
  const connection = createConnectionWatch(
    deps,
    () =>
      void ready(async () => {
        for (const id of await accountIds()) await periodicCheck(id);
      }),
  );
  /**
   * After lists came (and the accounts' alarms are set): their datasets' images are counted, and
   * a few finished trainings' details read while there is too little history for estimates.
   */
  const countListed = async (ids: string[], results: RefreshResult[]) => {
    for (const [i, result] of results.entries()) {
      if (result.status !== 'done' || !result.lists) continue;
      if (result.lists.datasets) await refresher.countImages(ids[i]!);
      if (result.lists.owned) await refresher.readDetails(ids[i]!);
    }
  };
  const noteOffline = (results: RefreshResult[]) => {
    if (results.some((r) => r.status === 'failed' && r.error.kind === 'offline')) {
      connection.watch();
    }
  };

  /** The alarm of one account: its cheap check, then its next alarm. */
  const periodicCheck = async (accountId: string) => {
    // The next alarm is set first: the browser stops a worker after 30 s idle, and a check that
    // waits on two slow calls can take longer. A worker stopped mid-check is woken again.
    await reschedule(accountId, deps.now());
    const result = await refresher.refresh(accountId, { kind: 'check' });
    noteOffline([result]);
    await reschedule(accountId, deps.now());
    await countListed([accountId], [result]);
  };

  /** Every account's lists (a page asked); the first failure, and any wait, reported. */
  const refreshLists = async ({
    force,
    opening,
  }: Parameters<Protocol['refresh']>[0]): ReturnType<Protocol['refresh']> => {
    const ids = await accountIds();
    const request: RefreshRequest =
      opening && !force
        ? { kind: 'open', datasets: opening.datasets }
        : { kind: 'lists', force: force ?? false };
    const results = await Promise.all(ids.map((id) => refresher.refresh(id, request)));
    await rescheduleEvery();
    noteOffline(results);
    // The page is answered now; the counts land in storage (and so on the page) when they come.
    void countListed(ids, results);
    const waits = results.flatMap((r) =>
      r.status === 'skipped' && r.reason === 'waiting' ? [r.until] : [],
    );
    return {
      error: results.find((r) => r.status === 'failed')?.error ?? null,
      waitUntil: waits.length > 0 ? Math.min(...waits) : null,
    };
  };

  /** Fetches the lists of accounts that have none yet (new, or their lists were lost). */
  const fetchNeverFetched = async () => {
    const [accounts, snapshots] = await Promise.all([
      accountsItem.getValue(),
      snapshotsItem.getValue(),
    ]);
    const fresh = accounts.filter((a) => {
      const snapshot = snapshotOf(snapshots, a.id);
      return snapshot.checkedAt === null && snapshot.error === null;
    });
    const results = await Promise.all(fresh.map((a) => refresher.refresh(a.id, { kind: 'lists' })));
    noteOffline(results);
    return { ids: fresh.map((a) => a.id), results };
  };

  /**
   * After accounts were added, removed or given new keys (by the options page, a migration or a
   * repair): fetch the ones never fetched, then set every account's alarm.
   */
  const onAccountsChanged = async () => {
    await fillKeyHints();
    await fetchNeverFetched();
    await rescheduleEvery();
    // A key just saved came with its lists (its check fetched them): its datasets are counted
    // now that its alarm is set, as are those of accounts whose lists were fetched here.
    for (const id of await accountIds()) {
      await refresher.countImages(id);
      await refresher.readDetails(id);
    }
  };

  return {
    periodicCheck,
    refreshLists,
    onAccountsChanged,
    fetchNeverFetched,
    countListed,
    connection,
    rescheduleEvery,
  };
}
