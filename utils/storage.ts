import { storage } from 'wxt/utils/storage';
import type { ApiFailure } from './api/errors';
import type { Dataset, Model } from './api/types';

// Everything the extension keeps, declared once. All of it is in storage.local: it survives
// browser restarts (the badge needs it at start-up) and never syncs through the browser account.

/** The API key. Read by the background only; pages never need it. */
export const apiKeyItem = storage.defineItem<string | null>('local:apiKey', { fallback: null });

/**
 * Where the data comes from. Pages read this instead of the key, so that they can tell "not set
 * up" from "set up" without ever loading the secret.
 */
export type Connection =
  { mode: 'none' } | { mode: 'key'; since: number } | { mode: 'sample'; since: number };

export const connectionItem = storage.defineItem<Connection>('local:connection', {
  fallback: { mode: 'none' },
});

export interface SnapshotError extends ApiFailure {
  at: number;
}

/** The latest good data, with what went wrong since (if anything). */
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

export const snapshotItem = storage.defineItem<Snapshot>('local:snapshot', {
  fallback: EMPTY_SNAPSHOT,
});
