import { computed, signal } from '@preact/signals';
import type { DatasetDetail, Model } from '../../utils/api/types';
import { failureMessage, sendMessage } from '../../utils/messaging/channel';
import { accountsItem, snapshotOf, snapshotsItem } from '../../utils/storage/items';
import { batchesOf } from '../../utils/studio/jobs';
import {
  checkSettings,
  isCaptionName,
  isImageName,
  kindOf,
  MAX_IMAGES,
  matchCaptions,
  refusedWords,
  type SettingsInput,
  uniqueName,
} from '../../utils/studio/rules';
import {
  NEW_DATASET,
  newTrayId,
  putInTray,
  removeFromTray,
  imagesIn,
  imagesOf,
  type TrayItem,
  trayOf,
  updateInTray,
  watchTray,
} from '../../utils/studio/tray';
import { listZip } from '../../utils/studio/zip';
import { askSiteAccess, siteOf } from '../../utils/studio/collect';
import { readStudioHash, type StudioPlace, studioHash } from '../../utils/studio/route';
import { loadStored, storedSignal } from '../stored';

// The studio page's state: the stored accounts and lists (read, never written here), the route
// (which account and dataset, in the address's hash so Back and reload keep it), the open
// dataset's detail and tray, and what an upload or a training start is doing.

export const accounts = storedSignal(accountsItem);
export const snapshots = storedSignal(snapshotsItem);
export const loaded = loadStored(accounts, snapshots);

export const route = signal<StudioPlace>(readStudioHash(location.hash));
addEventListener('hashchange', () => {
  route.value = readStudioHash(location.hash);
});

export function go(accountId: string | null, datasetId: string | null = null): void {
  location.hash = studioHash(accountId, datasetId);
}

/** The account shown: the route's, else the first (a real one before sample data). */
export const account = computed(() => {
  const all = accounts.value.value;
  return all.find((a) => a.id === route.value.accountId) ?? all[0] ?? null;
});

export const snapshot = computed(() =>
  account.value ? snapshotOf(snapshots.value.value, account.value.id) : null,
);

export const dataset = computed(() => {
  const id = route.value.datasetId;
  return snapshot.value?.datasets.find((d) => d.id === id) ?? null;
});

/** Models trained from the open dataset, as listed. */
export const datasetModels = computed((): Model[] => {
  const id = dataset.value?.id;
  return id ? (snapshot.value?.models.filter((m) => m.datasetId === id) ?? []) : [];
});

// ---- The open dataset's detail (files), read through the background ----

export const detail = signal<DatasetDetail | null>(null);
export const detailError = signal<string | null>(null);

export async function loadDetail(accountId: string, datasetId: string): Promise<void> {
  detailError.value = null;
  try {
    const read = await sendMessage('getDataset', { accountId, id: datasetId });
    if (route.value.datasetId === datasetId) detail.value = read;
  } catch (error) {
    // The last good files stay on screen; the message says what failed.
    detailError.value = failureMessage(error, 'Could not read this dataset’s files.');
  }
}

/** Images in the dataset now: its detail's count, else the stored count. */
export const imagesInDataset = computed(() => {
  const id = dataset.value?.id;
  if (detail.value && detail.value.dataset.id === id) return detail.value.fileCount;
  return dataset.value?.fileCount ?? null;
});

// ---- The tray ----

export const tray = signal<TrayItem[]>([]);
/** Files not added, in words (wrong type, captions without an image, an unreadable ZIP). */
export const notAdded = signal<string[]>([]);
export const trayError = signal<string | null>(null);

let trayKey = '';
export async function loadTray(): Promise<void> {
  const a = account.value;
  const d = route.value.datasetId;
  if (!a || d === null) {
    tray.value = [];
    return;
  }
  const key = `${a.id}:${d}`;
  trayKey = key;
  try {
    const items = await trayOf(a.id, d);
    if (trayKey === key) {
      tray.value = items;
      trayError.value = null;
    }
  } catch (error) {
    trayError.value = (error as Error).message;
  }
}
watchTray(() => void loadTray());

/** How many images the tray holds (a ZIP counts its images). */
export const trayImages = computed(() => imagesIn(tray.value));

/**
 * Items over the dataset's 100-image limit, counting what is already there, oldest first in:
 * flagged before sending, and not sent.
 */
export const overLimit = computed(() => {
  const room = Math.max(0, MAX_IMAGES - (imagesInDataset.value ?? 0));
  const over = new Set<string>();
  let used = 0;
  for (const item of tray.value) {
    used += imagesOf(item);
    if (used > room) over.add(item.id);
  }
  return { room, over };
});

/** Adds picked or dropped files to the tray: images and ZIPs, with captions matched by stem. */
export async function addFiles(files: readonly File[]): Promise<void> {
  const a = account.value;
  const datasetId = route.value.datasetId;
  if (!a || datasetId === null) return;
  const problems: string[] = [];
  // Unique against what waits and what the dataset holds: captions pair by name, and a cut-off
  // upload is read back by name.
  const taken = [
    ...tray.value.map((item) => item.name),
    ...(detail.value?.files.flatMap((f) => (f.name === null ? [] : [f.name])) ?? []),
  ];
  const added: TrayItem[] = [];
  const captions: { name: string; text: string }[] = [];
  const now = Date.now();
  for (const file of files) {
    const kind = kindOf(file.name, file.type);
    if (kind === 'refused') {
      problems.push(refusedWords(file.name));
      continue;
    }
    if (kind === 'caption') {
      captions.push({ name: file.name, text: (await file.text()).slice(0, 5000) });
      continue;
    }
    const name = uniqueName(file.name, taken);
    taken.push(name);
    const item: TrayItem = {
      id: newTrayId(),
      accountId: a.id,
      datasetId,
      name,
      kind,
      type: file.type,
      size: file.size,
      blob: file,
      caption: '',
      addedAt: now + added.length,
    };
    if (kind === 'zip') {
      try {
        const entries = listZip(new Uint8Array(await file.arrayBuffer()));
        item.zip = {
          images: entries.filter((e) => isImageName(e.name)).length,
          captions: entries.filter((e) => isCaptionName(e.name)).length,
        };
      } catch {
        problems.push(`${file.name}: not a ZIP that can be opened. Make it again.`);
        continue;
      }
    }
    added.push(item);
  }
  const images = [...tray.value, ...added].filter((i) => i.kind === 'image');
  const { byImage, unmatched } = matchCaptions(
    captions,
    images.map((i) => i.name),
  );
  for (const name of unmatched) {
    problems.push(
      `${name}: no image with the same name to caption (sunset.txt captions sunset.jpg).`,
    );
  }
  try {
    for (const item of added) {
      const caption = byImage.get(item.name);
      if (caption !== undefined) item.caption = caption;
    }
    await putInTray(added);
    // Captions for images already waiting.
    for (const item of tray.value) {
      const caption = byImage.get(item.name);
      if (caption !== undefined) await updateInTray(item.id, { caption });
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  notAdded.value = problems;
  await loadTray();
}

export function setCaption(id: string, caption: string): Promise<void> {
  return updateInTray(id, { caption: caption.slice(0, 5000) });
}

export async function removeItems(ids: string[]): Promise<void> {
  await removeFromTray(ids);
  await loadTray();
}

// ---- Upload ----

export interface UploadState {
  /** The dataset sent to: the page shows the upload only there. */
  datasetId: string;
  running: boolean;
  /** Images sent so far, of all to send. */
  sent: number;
  total: number;
  uploaded: number;
  failed: { name: string; problem: string }[];
  error: string | null;
  /** Of the items sent for, how many are still in the tray once it is done. */
  left: number;
}

/** The page's upload: one at a time, kept while it runs even when another dataset is opened. */
export const upload = signal<UploadState | null>(null);
/** The upload to the dataset shown, if any. */
export const shownUpload = computed(() =>
  upload.value?.datasetId === route.value.datasetId ? upload.value : null,
);
/** Whether the dataset's files are read: names are made unique against them before sending. */
export const filesKnown = computed(
  () => detail.value !== null && detail.value.dataset.id === route.value.datasetId,
);

/**
 * Sends the tray, batch after batch; stops at the first batch that fails as a whole. Names are
 * made unique against the dataset's files first, so a file read back after a cut-off upload is
 * known by its name. The dataset is read once at the end.
 */
export async function uploadTray(): Promise<void> {
  const a = account.value;
  const datasetId = route.value.datasetId;
  const files = filesKnown.value ? detail.value!.files : null;
  if (!a || !datasetId || datasetId === NEW_DATASET || upload.value?.running || !files) return;
  const { over } = overLimit.value;
  const ready = await namedApart(
    tray.value.filter((item) => item.blob !== null && !over.has(item.id)),
    files.flatMap((f) => (f.name === null ? [] : [f.name])),
  );
  const state: UploadState = {
    datasetId,
    running: true,
    sent: 0,
    total: imagesIn(ready),
    uploaded: 0,
    failed: [],
    error: null,
    left: 0,
  };
  upload.value = { ...state };
  for (const batch of batchesOf(ready)) {
    try {
      const outcome = await sendMessage('uploadBatch', {
        accountId: a.id,
        datasetId,
        ids: batch.map((item) => item.id),
      });
      state.uploaded += outcome.uploaded.length;
      state.failed.push(...outcome.failed);
      if (outcome.error) {
        state.error = outcome.error.message;
        break;
      }
    } catch (error) {
      state.error = failureMessage(error, 'The upload stopped.');
      break;
    }
    state.sent += imagesIn(batch);
    upload.value = { ...state };
  }
  await Promise.all([loadTray(), loadDetail(a.id, datasetId)]);
  const sentFor = new Set(ready.map((item) => item.id));
  upload.value = {
    ...state,
    running: false,
    left: tray.value.filter((item) => sentFor.has(item.id)).length,
  };
}

/** Renames items whose names the dataset already holds (`photo.jpg` → `photo-2.jpg`). */
async function namedApart(items: TrayItem[], inDataset: string[]): Promise<TrayItem[]> {
  const taken = [...inDataset];
  const named: TrayItem[] = [];
  for (const item of items) {
    const others = [...taken, ...items.filter((i) => i !== item).map((i) => i.name)];
    const name = uniqueName(item.name, others);
    if (name !== item.name) await updateInTray(item.id, { name });
    taken.push(name);
    named.push({ ...item, name });
  }
  return named;
}

// ---- New dataset ----

export async function createDataset(accountId: string, name: string): Promise<string> {
  const created = await sendMessage('createDataset', {
    accountId,
    name,
    adoptNew: route.value.datasetId === NEW_DATASET,
  });
  return created.id;
}

// ---- Training ----

export const EMPTY_SETTINGS: SettingsInput = {
  trainingSteps: '',
  loraRank: '',
  ema: '',
  learningRate: '',
};

/** Datasets whose training start is on its way (the button says so; a second click waits). */
export const starting = signal<ReadonlySet<string>>(new Set());

export type TrainResult = { ok: true; modelName: string } | { ok: false; message: string };

export async function startTraining(
  accountId: string,
  datasetId: string,
  name: string,
  input: SettingsInput,
): Promise<TrainResult> {
  const key = `${accountId}:${datasetId}`;
  if (starting.value.has(key)) return { ok: false, message: 'A training is already starting.' };
  const checked = checkSettings(input);
  if (!checked.ok) return { ok: false, message: 'Fix the advanced settings first.' };
  starting.value = new Set([...starting.value, key]);
  try {
    const started = await sendMessage('startTraining', {
      accountId,
      datasetId,
      name,
      settings: checked.settings,
    });
    return { ok: true, modelName: started.modelName };
  } catch (error) {
    return { ok: false, message: failureMessage(error, 'The training could not be started.') };
  } finally {
    const next = new Set(starting.value);
    next.delete(key);
    starting.value = next;
  }
}

/** An image waiting for its site: ask for access (this click is the gesture), then fetch it. */
export async function allowAndFetch(item: TrayItem): Promise<string | null> {
  if (!item.source) return null;
  // Asked before any await: the click is the gesture browsers require.
  if (!(await askSiteAccess(item.source.url))) {
    return `Without access to ${siteOf(item.source.url)}, Model Watch cannot fetch the image. Save it to your computer and add the file here instead.`;
  }
  try {
    const result = await sendMessage('fetchWaiting', { id: item.id });
    return result.ok ? null : (result.problem ?? 'The image could not be fetched.');
  } catch (error) {
    return failureMessage(error, 'The image could not be fetched.');
  }
}
