import type { ApiFailure } from '../api/errors';
import type { Dataset, Model } from '../api/types';

// An account's stored data. Kept apart from storage.ts (which needs the extension's APIs) so that
// Node-side code, such as the end-to-end tests, can use the type and the empty value.

export interface SnapshotError extends ApiFailure {
  at: number;
}

/** The latest good data of one account, with what went wrong since (if anything). */
export interface Snapshot {
  models: Model[];
  datasets: Dataset[];
  /** When the full lists were last fetched. */
  listedAt: number | null;
  /** When the API last answered a refresh (full or light) successfully. */
  checkedAt: number | null;
  /** The failure of the latest refresh; null once one succeeds. */
  error: SnapshotError | null;
  /** Items the last lists held that failed validation and were left out. */
  dropped: number;
}

export const EMPTY_SNAPSHOT: Snapshot = {
  models: [],
  datasets: [],
  listedAt: null,
  checkedAt: null,
  error: null,
  dropped: 0,
};
