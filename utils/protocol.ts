import type { ApiFailure } from './api/errors';
import type { DatasetDetail } from './api/types';
import type { Settings } from './storage';

/** What checking a key found. */
export interface KeyCheck {
  owned: number;
  shared: number;
  datasets: number;
}

export type SaveKeyResult =
  /** Saved; `check` is null when the user kept the key without a check. `note` says what was cleaned. */
  | { saved: true; check: KeyCheck | null; note?: string }
  /** Not saved: what was pasted cannot be a key. */
  | { saved: false; problem: string }
  /** Not saved: the API did not accept it (or could not be asked). The user decides. */
  | { saved: false; error: ApiFailure };

/** What the background does for the extension's pages: one method per message. */
export interface Protocol {
  /** Fetches the full lists (unless seconds old, or `force`) and stores them. */
  refresh(request: { force?: boolean }): Promise<{ error: ApiFailure | null }>;
  /** Checks a key against the API and, if it works (or `check` is false), stores it. */
  saveKey(request: { key: string; check: boolean }): Promise<SaveKeyResult>;
  /** Forgets the key and everything fetched with it. */
  removeKey(request?: undefined): Promise<void>;
  /** Fills the extension with the built-in sample account (only while no key is set). */
  startSample(request?: undefined): Promise<void>;
  stopSample(request?: undefined): Promise<void>;
  /** Saves settings and applies them (refresh pace, badge). */
  saveSettings(request: Partial<Settings>): Promise<Settings>;
  /** One dataset's files and the models trained from it. */
  getDataset(request: { id: string }): Promise<DatasetDetail>;
}
