import type { IdeogramApi } from '../api/client';
import { ApiError, type ApiFailure, toFailure } from '../api/errors';
import type { Dataset, DatasetDetail, TrainingSettings } from '../api/types';
import type { Account } from '../storage/items';
import { fetchImage, siteOf } from './collect';
import {
  datasetNameProblem,
  failureWords,
  imageCountProblem,
  MAX_IMAGES,
  modelNameProblem,
  stemOf,
} from './rules';
import { markDatasetUsed, storeNewDataset, storeStartedModel } from './snapshot';
import {
  itemsInTray,
  moveTray,
  NEW_DATASET,
  removeFromTray,
  type TrayItem,
  updateInTray,
} from './tray';

// The studio's writes, done by the background (the only holder of keys): create a dataset, upload
// a batch of the tray, start a training. Pages send intentions and the ids of tray items; the
// bytes travel from IndexedDB to Ideogram without passing through a message.

/** What one batch's upload did, item by item. */
export interface UploadOutcome {
  /** Names Ideogram took (their items left the tray). */
  uploaded: string[];
  /** Items Ideogram refused, still in the tray with the reason in words. */
  failed: { id: string; name: string; problem: string }[];
  /** The whole batch failed (key, funds, rate limit, connection): every item stays. */
  error: ApiFailure | null;
  /** The dataset as it is now, when it could be read after the upload. */
  dataset: DatasetDetail | null;
}

export interface StudioDeps {
  /** The account and its client; throws in words when the account is gone. */
  clientFor(accountId: string): Promise<{ account: Account; api: IdeogramApi }>;
  now(): number;
  /** After a training starts: the account is checked at the training pace from now. */
  watchTraining(accountId: string): Promise<void>;
}

/** What goes in one request: an image and its caption sidecar, or a ZIP. */
export function filesOf(item: TrayItem): { name: string; blob: Blob }[] {
  if (!item.blob) return [];
  const files = [{ name: item.name, blob: item.blob }];
  const caption = item.caption.trim();
  if (item.kind === 'image' && caption !== '') {
    files.push({
      name: `${stemOf(item.name)}.txt`,
      blob: new Blob([caption], { type: 'text/plain' }),
    });
  }
  return files;
}

/** At most this many images, and about this many bytes, per request. */
export const BATCH_IMAGES = 10;
export const BATCH_BYTES = 20 * 1024 * 1024;

/** Splits items into the batches sent one after another (a ZIP travels alone). */
export function batchesOf(items: readonly TrayItem[]): TrayItem[][] {
  const batches: TrayItem[][] = [];
  let current: TrayItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const full =
      current.length >= BATCH_IMAGES ||
      (current.length > 0 && bytes + item.size > BATCH_BYTES) ||
      (item.kind === 'zip' && current.length > 0);
    if (full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
    if (item.kind === 'zip') {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * A write's failure in words for the person who asked: the API's sentence without its promise to
 * retry (a write is never retried on its own), and that what they prepared is kept.
 */
export function writeWords(message: string): string {
  const said = message.replace(/[;.]?\s*Model Watch will try again[^.]*\./, '.').trim();
  return `${said} What you prepared is kept: try again when that is fixed.`;
}

function asFailure(error: unknown): ApiFailure {
  if (error instanceof ApiError) {
    const failure = toFailure(error);
    return { ...failure, message: writeWords(failure.message) };
  }
  return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
}

/** Runs a write; an API failure is rethrown in a write's words. */
async function writing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError(asFailure(error));
    throw error;
  }
}

export function createStudio(deps: StudioDeps) {
  /** One training request in flight per dataset: a double click never starts two. */
  const starting = new Set<string>();

  async function createDataset(request: {
    accountId: string;
    name: string;
    /** Move the images collected for a new dataset into this one. */
    adoptNew?: boolean;
  }): Promise<Dataset> {
    const problem = datasetNameProblem(request.name);
    if (problem) throw new Error(problem);
    const { account, api } = await deps.clientFor(request.accountId);
    const dataset = await writing(() => api.createDataset(request.name.trim()));
    await storeNewDataset(account, dataset, deps.now());
    if (request.adoptNew) await moveTray(account.id, NEW_DATASET, dataset.id);
    return dataset;
  }

  async function uploadBatch(request: {
    accountId: string;
    datasetId: string;
    ids: string[];
  }): Promise<UploadOutcome> {
    const { account, api } = await deps.clientFor(request.accountId);
    const items = (await itemsInTray(request.ids)).filter(
      (item) =>
        item.accountId === account.id && item.datasetId === request.datasetId && item.blob !== null,
    );
    const outcome: UploadOutcome = { uploaded: [], failed: [], error: null, dataset: null };
    if (items.length === 0) return outcome;
    const readBack = async () => {
      try {
        outcome.dataset = await api.getDataset(request.datasetId);
        await markDatasetUsed(account, request.datasetId, deps.now(), outcome.dataset.fileCount);
      } catch {
        outcome.dataset = null;
      }
    };
    let result;
    try {
      result = await api.uploadAssets(request.datasetId, items.flatMap(filesOf));
    } catch (error) {
      outcome.error = asFailure(error);
      // Cut off on the way (a timeout, a dropped connection): what arrived is read back by name,
      // and only what did not stays in the tray.
      const transport = ['timeout', 'network', 'offline'].includes(outcome.error.kind);
      if (transport) {
        await readBack();
        const arrived = new Set(outcome.dataset?.files.map((f) => f.name) ?? []);
        const landed = items.filter((item) => arrived.has(item.name));
        outcome.uploaded = landed.map((item) => item.name);
        await removeFromTray(landed.map((item) => item.id));
      }
      return outcome;
    }
    // Each refusal belongs to its image (a caption's refusal, to the image it captions).
    const byStem = new Map(items.map((item) => [stemOf(item.name).toLowerCase(), item]));
    const problems = new Map<string, string>();
    let unnamed = 0;
    for (const failure of result.failures) {
      const item =
        failure.fileName === null
          ? undefined
          : (items.find((i) => i.name === failure.fileName) ??
            byStem.get(stemOf(failure.fileName).toLowerCase()));
      if (!item) {
        unnamed += 1;
        continue;
      }
      const words = failureWords(failure.reason);
      // Inside a ZIP, the refused file is named: the ZIP as a whole went.
      if (item.kind === 'zip' && failure.fileName !== item.name) {
        outcome.failed.push({ id: item.id, name: failure.fileName ?? item.name, problem: words });
        continue;
      }
      problems.set(item.id, words);
    }
    const named = new Set(result.succeededNames);
    const done: TrayItem[] = [];
    for (const item of items) {
      const problem = problems.get(item.id);
      if (problem !== undefined) {
        outcome.failed.push({ id: item.id, name: item.name, problem });
        await updateInTray(item.id, { problem });
      } else if (unnamed > 0 && !named.has(item.name)) {
        // Ideogram refused some files without naming them: this one may be among them.
        const words =
          'Ideogram did not say whether it took this file: check the dataset’s files, then upload it again or remove it.';
        outcome.failed.push({ id: item.id, name: item.name, problem: words });
        await updateInTray(item.id, { problem: words });
      } else {
        done.push(item);
      }
    }
    outcome.uploaded = done.map((item) => item.name);
    await removeFromTray(done.map((item) => item.id));
    await readBack();
    return outcome;
  }

  async function startTraining(request: {
    accountId: string;
    datasetId: string;
    name: string;
    settings?: TrainingSettings;
  }) {
    const problem = modelNameProblem(request.name);
    if (problem) throw new Error(problem);
    const key = `${request.accountId}:${request.datasetId}`;
    if (starting.has(key)) {
      throw new Error('A training of this dataset is already being started: wait for its answer.');
    }
    starting.add(key);
    try {
      const { account, api } = await deps.clientFor(request.accountId);
      // What the dataset holds now, not what a page saw: Ideogram needs 15 to 100 images.
      const detail = await api.getDataset(request.datasetId);
      const countProblem = imageCountProblem(Math.min(detail.fileCount, MAX_IMAGES + 1));
      if (countProblem) throw new Error(countProblem);
      const started = await writing(() =>
        api.trainModel(request.datasetId, request.name.trim(), request.settings),
      );
      const now = deps.now();
      await storeStartedModel(account, started, now);
      await markDatasetUsed(account, request.datasetId, now);
      await deps.watchTraining(account.id);
      return started;
    } finally {
      starting.delete(key);
    }
  }

  /** An image collected without access to its site, fetched now that the user allowed it. */
  async function fetchWaiting(request: { id: string }): Promise<{ ok: boolean; problem?: string }> {
    const [item] = await itemsInTray([request.id]);
    if (!item?.source) return { ok: false, problem: 'That image is no longer in the tray.' };
    const fetched = await fetchImage(item.source.url);
    if (!fetched.ok) {
      await updateInTray(item.id, { problem: fetched.problem });
      return { ok: false, problem: fetched.problem };
    }
    await updateInTray(item.id, {
      blob: fetched.blob,
      type: fetched.type,
      size: fetched.blob.size,
      problem: undefined,
    });
    return { ok: true };
  }

  return { createDataset, uploadBatch, startTraining, fetchWaiting };
}

/** Words for an image that waits for access to its site. */
export function waitingWords(item: TrayItem): string {
  return `Waiting for access to ${item.source ? siteOf(item.source.url) : 'its site'}.`;
}
