// Long: the studio's writes (a dataset, an upload, a training, a waiting image) share one client and their locks.
import type { IdeogramApi } from '../api/client';
import { ApiError, failureOf, mayHaveBeenDone } from '../api/errors';
import type { Dataset, TrainingBase, TrainingSettings, UploadResult } from '../api/types';
import type { TrainingCheck, TrainingStart, UploadOutcome } from '../messaging/protocol';
import { setUnsettledTraining, unsettledTrainingsItem } from '../storage/session';
import { rememberTraining } from '../storage/trainings';
import type { Account } from '../storage/items';
import { filesOf, settleUpload } from '../studio/batches';
import { fetchImage, nameFromUrl } from '../studio/collect';
import {
  datasetNameProblem,
  imageCountProblem,
  modelNameProblem,
  uniqueName,
} from '../studio/rules';
import {
  markDatasetUsed,
  storeModel,
  storeNewDataset,
  storeStartedModel,
} from '../studio/snapshot';
import {
  itemsInTray,
  moveTray,
  NEW_DATASET,
  removeFromTray,
  siteAddressOf,
  type TrayItem,
  trayOf,
  updateInTray,
} from '../studio/tray';

// The studio's writes, done by the background (the only holder of keys): create a dataset, upload
// a batch of the tray, start a training. Pages send intentions and the ids of tray items; the
// bytes travel from IndexedDB to Ideogram without passing through a message. Pages never import
// this file (eslint.config.js); what they plan with is in ../studio/batches.ts.

export interface StudioDeps {
  /** The account and its client; throws in words when the account is gone. */
  clientFor(accountId: string): Promise<{ account: Account; api: IdeogramApi }>;
  now(): number;
  /** After a training starts: the account is checked at the training pace from now. */
  watchTraining(accountId: string): Promise<void>;
  /** After a write that may have gone through unseen: the lists are fetched again. */
  checkLists(): Promise<unknown>;
}

export function createStudio(deps: StudioDeps) {
  /** One training request in flight per dataset: a double click never starts two. */
  const starting = new Set<string>();
  /** Tray items being sent now: a second page (or a second click) never sends one twice. */
  const sending = new Set<string>();

  async function createDataset(request: {
    accountId: string;
    name: string;
    /** Move the images collected for a new dataset into this one. */
    adoptNew?: boolean;
  }): Promise<Dataset> {
    const problem = datasetNameProblem(request.name);
    if (problem) throw new Error(problem);
    const { account, api } = await deps.clientFor(request.accountId);
    const dataset = await api.createDataset(request.name.trim());
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
        item.accountId === account.id &&
        item.datasetId === request.datasetId &&
        item.blob !== null &&
        !sending.has(item.id),
    );
    const outcome: UploadOutcome = { uploaded: [], failed: [], error: null };
    if (items.length === 0) return outcome;
    for (const item of items) sending.add(item.id);
    try {
      return await send();
    } finally {
      for (const item of items) sending.delete(item.id);
    }

    async function send(): Promise<UploadOutcome> {
      const take = async (taken: readonly TrayItem[]) => {
        outcome.uploaded.push(...taken.map((item) => item.name));
        await removeFromTray(taken.map((item) => item.id));
      };
      await markDatasetUsed(account, request.datasetId, deps.now());
      let result: UploadResult;
      try {
        result = await api.uploadAssets(request.datasetId, items.flatMap(filesOf));
      } catch (error) {
        // Anything but an ApiError counts as the connection's ("network"): the request may
        // have reached Ideogram, so what arrived is read back by name.
        outcome.error = failureOf(error, {
          kind: 'network',
          message: error instanceof Error ? error.message : String(error),
        });
        // Cut off or unreadable (a timeout, a dropped connection, a 5xx): what arrived is read back
        // by name (the page keeps names unique in the dataset), and only the rest stays.
        if (mayHaveBeenDone(outcome.error)) {
          const arrived = await api
            .getDataset(request.datasetId)
            .then((detail) => new Set(detail.files.map((f) => f.name)))
            .catch(() => new Set<string | null>());
          await take(items.filter((item) => arrived.has(item.name)));
        }
        return outcome;
      }
      const { taken, kept, notes } = settleUpload(items, result);
      for (const { item, problem } of kept) {
        outcome.failed.push({ name: item.name, problem });
        await updateInTray(item.id, { problem });
      }
      outcome.failed.push(...notes);
      await take(taken);
      return outcome;
    }
  }

  /**
   * What the lists say now of a start of this dataset that may have gone through: a model of its
   * name made from the dataset since (a few minutes of clock difference allowed), or none yet.
   */
  async function checkStart(
    { account, api }: { account: Account; api: IdeogramApi },
    key: string,
    datasetId: string,
  ): Promise<TrainingCheck> {
    const unsettled = (await unsettledTrainingsItem.getValue())[key];
    if (!unsettled) return { outcome: 'none' };
    const { items } = await api.listModels({ scope: 'owned' });
    const model = items.find(
      (m) =>
        m.datasetId === datasetId &&
        m.name === unsettled.name &&
        m.createdAt >= unsettled.at - 10 * 60_000,
    );
    if (!model) return { outcome: 'unsure', name: unsettled.name, at: unsettled.at };
    await setUnsettledTraining(key, null);
    // Listed from this answer (no second read), and watched like a training just started; its
    // base is remembered as for a start that answered.
    await storeModel(account, model);
    if (unsettled.base) {
      await rememberTraining(model.id, {
        accountId: account.id,
        datasetId,
        base: unsettled.base,
        settings: unsettled.settings ?? {},
        at: unsettled.at,
      });
    }
    await deps.watchTraining(account.id);
    return { outcome: 'found', modelId: model.id, modelName: model.name };
  }

  async function checkTrainingStart(request: {
    accountId: string;
    datasetId: string;
  }): Promise<TrainingCheck> {
    const client = await deps.clientFor(request.accountId);
    return checkStart(client, `${request.accountId}:${request.datasetId}`, request.datasetId);
  }

  async function startTraining(request: {
    accountId: string;
    datasetId: string;
    name: string;
    base: TrainingBase;
    settings?: TrainingSettings;
    again?: boolean;
  }): Promise<TrainingStart> {
    const problem = modelNameProblem(request.name);
    if (problem) throw new Error(problem);
    const key = `${request.accountId}:${request.datasetId}`;
    if (starting.has(key)) {
      throw new Error('A training of this dataset is already being started: wait for its answer.');
    }
    starting.add(key);
    try {
      const client = await deps.clientFor(request.accountId);
      const { account, api } = client;
      // An earlier start may have gone through: nothing billed again until the lists say, or
      // the person confirmed a second training.
      if (!request.again) {
        const earlier = await checkStart(client, key, request.datasetId);
        if (earlier.outcome !== 'none') return earlier;
      }
      // What the dataset holds now, not what a page saw: Ideogram needs 15 to 100 images.
      const detail = await api.getDataset(request.datasetId);
      const countProblem = imageCountProblem(detail.fileCount);
      if (countProblem) throw new Error(countProblem);
      let started;
      try {
        started = await api.trainModel(
          request.datasetId,
          request.name.trim(),
          request.settings,
          request.base,
        );
      } catch (error) {
        // It may have started all the same: held until the lists say (the lists are fetched, so
        // a new model shows up).
        if (error instanceof ApiError && mayHaveBeenDone(error)) {
          await setUnsettledTraining(key, {
            name: request.name.trim(),
            at: deps.now(),
            base: request.base,
            settings: request.settings ?? {},
          });
          void deps.checkLists();
        }
        throw error;
      }
      // A second training the person confirmed settles the doubt (without one, there was none).
      if (request.again) await setUnsettledTraining(key, null);
      const now = deps.now();
      await storeStartedModel(account, started, now);
      // The API never says which base a model has: remembered here, with what was sent.
      await rememberTraining(started.modelId, {
        accountId: account.id,
        datasetId: request.datasetId,
        base: request.base,
        settings: request.settings ?? {},
        at: now,
      });
      await markDatasetUsed(account, request.datasetId, now);
      await deps.watchTraining(account.id);
      return { outcome: 'started', training: started };
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
    // Its name says what it turned out to be (it waited as `.jpg`).
    const others = (await trayOf(item.accountId, item.datasetId))
      .filter((i) => i.id !== item.id)
      .map((i) => i.name);
    await updateInTray(item.id, {
      name: uniqueName(nameFromUrl(item.source.url, fetched.type), others),
      blob: fetched.blob,
      type: fetched.type,
      size: fetched.blob.size,
      problem: undefined,
      source: { url: siteAddressOf(item.source.url) },
    });
    return { ok: true };
  }

  return { createDataset, uploadBatch, startTraining, checkTrainingStart, fetchWaiting };
}
