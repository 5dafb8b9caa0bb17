import { CAPTION_MAX, planAdding, type PickedFile } from '../../../utils/studio/plan';
import { kindOf, sniffImageType } from '../../../utils/studio/rules';
import { newTrayId, putInTray, type TrayItem, updateInTray } from '../../../utils/studio/tray';
import { listZipFile } from '../../../utils/studio/zip';
import { namesInDataset } from './detail';
import { account, route } from './route';
import { loadTray, notAdded, tray } from './tray';

// Adding picked or dropped files to the open dataset's tray: the files are read here (a caption's
// text, a ZIP's listing), what to do with them is planned by utils/studio/plan.ts.

type Read = PickedFile & { blob: File };

/**
 * Reads what the plan needs of a file, and no more: an image's first bytes (its real type), a
 * caption's first characters (a caption keeps CAPTION_MAX; UTF-8 takes at most 4 bytes each), a
 * ZIP's entries (null: unreadable).
 */
async function read(file: File): Promise<Read> {
  const picked = { name: file.name, type: file.type, size: file.size, blob: file };
  const kind = kindOf(file.name, file.type);
  if (kind === 'caption') return { ...picked, text: await file.slice(0, CAPTION_MAX * 4).text() };
  if (kind === 'image') {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    return { ...picked, sniffed: sniffImageType(head) };
  }
  if (kind !== 'zip') return picked;
  try {
    return { ...picked, entries: await listZipFile(file) };
  } catch {
    return { ...picked, entries: null };
  }
}

/** Adds picked or dropped files to the tray: images and ZIPs, with captions matched by stem. */
export async function addFiles(files: readonly File[]): Promise<void> {
  const a = account.value;
  const datasetId = route.value.datasetId;
  if (!a || datasetId === null) return;
  // One file at a time: a ZIP's bytes are let go once it is listed.
  const picked: Read[] = [];
  for (const file of files) picked.push(await read(file));
  const waiting = tray.value;
  const plan = planAdding(picked, waiting, namesInDataset.value);
  const problems = [...plan.refused];
  const now = Date.now();
  const added = plan.added.map((adding, i): TrayItem => ({
    id: newTrayId(),
    accountId: a.id,
    datasetId,
    name: adding.name,
    kind: adding.kind,
    type: adding.file.type,
    size: adding.file.size,
    blob: adding.file.blob,
    caption: adding.caption,
    addedAt: now + i,
    ...(adding.zip && { zip: adding.zip }),
  }));
  try {
    await putInTray(added);
    // Captions for images already waiting.
    for (const { id, caption } of plan.captioned) await updateInTray(id, { caption });
  } catch (error) {
    problems.push((error as Error).message);
  }
  notAdded.value = problems;
  await loadTray();
}
