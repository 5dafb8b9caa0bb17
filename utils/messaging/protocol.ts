import type { ApiFailure } from '../api/errors';
import type {
  Dataset,
  DatasetDetail,
  Model,
  StartedTraining,
  TrainingBase,
  TrainingSettings,
} from '../api/types';
import type { Account } from '../storage/items';
import type { PopupPrefs } from '../storage/choices';
import type { Settings } from '../storage/settings';

/** What checking a key found. */
export interface KeyCheck {
  owned: number;
  shared: number;
  datasets: number;
}

export type SaveKeyResult =
  /**
   * Saved, as this account; `check` is null when the user kept the key without a check. `note`
   * says what was cleaned from the paste.
   */
  | { saved: true; check: KeyCheck | null; accountId: string; note?: string }
  /** Not saved: what was pasted cannot be a key, or is already saved. */
  | { saved: false; problem: string }
  /** Not saved: the API did not accept it (or could not be asked). The user decides. */
  | { saved: false; error: ApiFailure };

/** What one batch's upload did, item by item. */
export interface UploadOutcome {
  /** Names Ideogram took (their items left the tray). */
  uploaded: string[];
  /**
   * Files Ideogram refused, with why in words: an image (it stays in the tray to fix or remove),
   * a caption (its image went without it), or a file inside a ZIP (the ZIP went).
   */
  failed: { name: string; problem: string }[];
  /** The whole batch failed (key, funds, rate limit, connection): what was not taken stays. */
  error: ApiFailure | null;
}

/** What the background does for the extension's pages: one method per message. */
/** What the lists say of a training start that may have gone through. */
export type TrainingCheck =
  /** No start of this dataset is in doubt. */
  | { outcome: 'none' }
  /** It did go through: a model of that name was made from the dataset since. */
  | { outcome: 'found'; modelId: string; modelName: string }
  /** No model of that name is listed: it may still appear, or it never started. */
  | { outcome: 'unsure'; name: string; at: number };

/** What asking for a training gave: started now, or what the lists say of an earlier start. */
export type TrainingStart = { outcome: 'started'; training: StartedTraining } | TrainingCheck;

export interface Protocol {
  /**
   * Refreshes every account and stores what comes. `force` (the ↻ button): every list, now.
   * `opening` (the popup opened, or its Datasets tab): only what is stale. Neither: every list
   * unless seconds old. While Ideogram asked to wait (Retry-After), nothing is sent:
   * `waitUntil` says until when.
   */
  refresh(request: { force?: boolean; opening?: { datasets: boolean } }): Promise<{
    error: ApiFailure | null;
    waitUntil: number | null;
  }>;
  /** Checks a key and stores it: a new account, or a new key for `accountId`. */
  saveKey(request: {
    key: string;
    check: boolean;
    label?: string;
    accountId?: string;
  }): Promise<SaveKeyResult>;
  /** Forgets an account's key and everything fetched with it. */
  removeAccount(request: { id: string }): Promise<void>;
  renameAccount(request: { id: string; label: string }): Promise<Account[]>;
  /** Fills the extension with the built-in sample account (only while no key is set). */
  startSample(request?: undefined): Promise<void>;
  stopSample(request?: undefined): Promise<void>;
  /** Saves settings and applies them (refresh pace, badge). */
  saveSettings(request: Partial<Settings>): Promise<Settings>;
  /**
   * One model of an account, read now (its detail: for the user's own models, the training
   * runs), and kept with the lists.
   */
  getModel(request: { accountId: string; id: string }): Promise<Model>;
  /** One dataset of an account: its files and the models trained from it. */
  getDataset(request: { accountId: string; id: string }): Promise<DatasetDetail>;
  /** Tries again to move an older version's stored data to the current layout. */
  retryMigration(request?: undefined): Promise<{ ok: boolean }>;
  /** The popup's remembered choices: only the fields that changed. */
  setPopupPrefs(request: Partial<PopupPrefs>): Promise<PopupPrefs>;
  /** Pins or unpins a model; returns the pins. */
  setPin(request: { modelId: string; pinned: boolean }): Promise<string[]>;
  /** A model was just copied from a page. */
  recordRecent(request: { modelId: string }): Promise<void>;
  /** The model a notification asked the popup to show, if any (taken: it is shown once). */
  takeFocusModel(request?: undefined): Promise<string | null>;
  /** The user dismissed a hint (the one on pinning the toolbar button, say). */
  dismissHint(request: { id: string }): Promise<void>;
  /** The options page showed the report of repaired data, and the user dismissed it. */
  dismissStorageReport(request?: undefined): Promise<void>;
  /**
   * A page could not be shown: checks and repairs every stored item, also clearing what can be
   * fetched again, and keeps every API key.
   */
  repairStorage(request?: undefined): Promise<{ repaired: number }>;
  /** Creates a dataset; `adoptNew` moves the images collected for a new dataset into it. */
  createDataset(request: { accountId: string; name: string; adoptNew?: boolean }): Promise<Dataset>;
  /** Uploads these tray items (one batch) to their dataset; says item by item what happened. */
  uploadBatch(request: {
    accountId: string;
    datasetId: string;
    ids: string[];
  }): Promise<UploadOutcome>;
  /**
   * Starts a training of the dataset (billed to the account); refused while one is starting.
   * After an earlier start that may have gone through, nothing is sent until the lists say
   * whether it did: the answer is then what they say, unless `again` (the person confirmed that a
   * second training may be billed).
   */
  startTraining(request: {
    accountId: string;
    datasetId: string;
    name: string;
    /** Ideogram 4.0 or 3.0: remembered with the model, and as the dataset's choice. */
    base: TrainingBase;
    settings?: TrainingSettings;
    again?: boolean;
  }): Promise<TrainingStart>;
  /** The base chosen on a dataset's training form, remembered for the next time. */
  chooseTrainingBase(request: {
    accountId: string;
    datasetId: string;
    base: TrainingBase;
  }): Promise<void>;
  /** Whether a start of this dataset that may have gone through did: what the lists say now. */
  checkTrainingStart(request: { accountId: string; datasetId: string }): Promise<TrainingCheck>;
  /** Fetches an image that waited for access to its site, now allowed. */
  fetchWaiting(request: { id: string }): Promise<{ ok: boolean; problem?: string }>;
}
