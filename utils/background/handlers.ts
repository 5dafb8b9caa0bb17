import {
  removeAccount,
  renameAccount,
  saveKey,
  startSample,
  stopSample,
} from '../accounts/accounts';
import { apiFor, type SourceDeps } from '../accounts/source';
import {
  dismissHint,
  dismissStorageReport,
  recordRecent,
  saveSettings,
  setPin,
  setPopupPrefs,
  takeFocusModel,
} from '../storage/changes';
import { storeCounts } from '../refresh/datasets';
import { storeDetails } from '../refresh/details';
import { accountsItem, snapshotOf, snapshotsItem } from '../storage/items';
import { DETAIL_MAX_AGE } from '../refresh/fetch';
import { failedRun, withRunOutcome } from '../models/training';
import { isActive } from '../refresh/transitions';
import { migrateStorage, newAccountId } from '../storage/migrate';
import { chooseBase } from '../storage/trainings';
import { repairStorage } from '../storage/repair';
import type { Handlers } from '../messaging/channel';
import type { Protocol } from '../messaging/protocol';
import { createStudio } from './studio';

// What the background does for each message of the protocol. Each handler runs once the stored
// layout is current (`ready`), and changes storage only through the writer; account changes
// are picked up by the storage listener in ./start.ts, which fetches and schedules.

export interface HandlerContext {
  deps: SourceDeps;
  /** Runs `work` once the stored layout is current. */
  ready: <T>(work: () => Promise<T>) => Promise<T>;
  /** Every account's full lists, for a page (`force`: a person pressed refresh). */
  refreshLists: (request: Parameters<Protocol['refresh']>[0]) => ReturnType<Protocol['refresh']>;
  /** After a change of settings: every account's alarm again. */
  rescheduleAll: () => Promise<void>;
}

export function createHandlers({
  deps,
  ready,
  refreshLists,
  rescheduleAll,
}: HandlerContext): Handlers {
  const clientFor = async (accountId: string) => {
    const account = (await accountsItem.getValue()).find((a) => a.id === accountId);
    const api = account ? await apiFor(account, deps) : null;
    if (!account || !api) throw new Error('That account is gone: open the page again.');
    return { account, api };
  };
  const studio = createStudio({
    clientFor,
    now: deps.now,
    watchTraining: rescheduleAll,
    // A model that may have started unseen: every list now, as the ↻ button asks.
    checkLists: () => refreshLists({ force: true }),
  });
  return {
    refresh: (request) => ready(() => refreshLists(request ?? {})),
    saveKey: ({ key, check, label, accountId }) =>
      ready(() => saveKey(key, { check, label, accountId }, deps)),
    removeAccount: ({ id }) => ready(() => removeAccount(id)),
    renameAccount: ({ id, label }) => ready(() => renameAccount(id, label)),
    startSample: () => ready(() => startSample(deps.now)),
    stopSample: () => ready(stopSample),
    saveSettings: (changes) =>
      ready(async () => {
        const settings = await saveSettings(changes);
        await rescheduleAll();
        return settings;
      }),
    getModel: ({ accountId, id }) =>
      ready(async () => {
        const { account, api } = await clientFor(accountId);
        // Read lately (or settled, and read once): what is kept is the answer; no request.
        const kept = snapshotOf(await snapshotsItem.getValue(), account.id).models.find(
          (m) => m.id === id,
        );
        if (kept?.runsAt !== undefined) {
          // A failed run may resume: not settled until a detail says otherwise.
          const settled = !isActive(kept) && failedRun(kept) === null;
          if (settled || deps.now() - kept.runsAt < DETAIL_MAX_AGE) return kept;
        }
        const model = await api.getModel(id);
        // What was just read is kept: the row shows the phase without asking again. The
        // status stays the lists' (the check announces a failure), but the page shows it now.
        await storeDetails(account, new Map([[id, model]]), deps.now());
        return withRunOutcome(model);
      }),
    getDataset: ({ accountId, id }) =>
      ready(async () => {
        const { account, api } = await clientFor(accountId);
        const detail = await api.getDataset(id);
        // What was just read is kept: the list shows the count without asking again.
        await storeCounts(account, new Map([[id, detail.fileCount]]), deps.now());
        return detail;
      }),
    retryMigration: async () => ({ ok: (await migrateStorage(deps.now)) !== 'failed' }),
    setPopupPrefs: (changes) => ready(() => setPopupPrefs(changes)),
    setPin: ({ modelId, pinned }) => ready(() => setPin(modelId, pinned)),
    recordRecent: ({ modelId }) => ready(() => recordRecent(modelId)),
    takeFocusModel: () => ready(takeFocusModel),
    dismissStorageReport: () => ready(dismissStorageReport),
    dismissHint: ({ id }) => ready(() => dismissHint(id)),
    repairStorage: () =>
      ready(async () => ({
        repaired: (await repairStorage(deps.now(), newAccountId, true)).length,
      })),
    createDataset: (request) => ready(() => studio.createDataset(request)),
    uploadBatch: (request) => ready(() => studio.uploadBatch(request)),
    startTraining: (request) => ready(() => studio.startTraining(request)),
    checkTrainingStart: (request) => ready(() => studio.checkTrainingStart(request)),
    chooseTrainingBase: ({ accountId, datasetId, base }) =>
      ready(() => chooseBase(accountId, datasetId, base)),
    fetchWaiting: (request) => ready(() => studio.fetchWaiting(request)),
  };
}
