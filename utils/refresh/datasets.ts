import type { IdeogramApi } from '../api/client';
import type { Account } from '../storage/items';
import { changeSnapshot } from '../storage/changes';
import { snapshotOf, snapshotsItem } from '../storage/items';
import { elapsedSince } from './schedule';

// How many images each dataset holds: the dataset list does not say, each dataset's detail does.
// Counted in the background after the lists arrive, and kept with them, so the Datasets tab can
// say "24 images · ready to train" without a request per popup opening. Only datasets never
// counted, or counted over six hours ago, are asked for, a few per refresh.

/** At most this many dataset details per refresh; the rest wait for the next. */
export const COUNTS_PER_REFRESH = 10;
/** A count older than this is asked for again (images are added outside Model Watch too). */
export const COUNT_MAX_AGE = 6 * 3600 * 1000;

/** The ids of an account's datasets whose count is missing or old, oldest first. */
export function datasetsToCount(
  account: Account,
  snapshots: Parameters<typeof snapshotOf>[0],
  now: number,
): string[] {
  return snapshotOf(snapshots, account.id)
    .datasets.filter(
      (d) => d.countedAt === undefined || elapsedSince(d.countedAt, now) > COUNT_MAX_AGE,
    )
    .sort((a, b) => (a.countedAt ?? 0) - (b.countedAt ?? 0))
    .slice(0, COUNTS_PER_REFRESH)
    .map((d) => d.id);
}

/** Stores counts read now (from a detail the popup opened, or from `countDatasets`). */
export function storeCounts(
  account: Account,
  counts: Map<string, number>,
  now: number,
): Promise<void> {
  if (counts.size === 0) return Promise.resolve();
  return changeSnapshot(account, (snapshot) => {
    if (!snapshot.datasets.some((d) => counts.has(d.id))) return null;
    const datasets = snapshot.datasets.map((d) => {
      const fileCount = counts.get(d.id);
      return fileCount === undefined ? d : { ...d, fileCount, countedAt: now };
    });
    return { ...snapshot, datasets };
  });
}

/** Counts the account's datasets that need it; a failure leaves them for the next refresh. */
export async function countDatasets(
  api: IdeogramApi,
  account: Account,
  now: () => number,
): Promise<void> {
  const due = datasetsToCount(account, await snapshotsItem.getValue(), now());
  const counts = new Map<string, number>();
  for (const id of due) {
    try {
      counts.set(id, (await api.getDataset(id)).fileCount);
    } catch {
      // Gone, refused or unreachable: it stays uncounted, and is asked for again later.
    }
  }
  await storeCounts(account, counts, now());
}
