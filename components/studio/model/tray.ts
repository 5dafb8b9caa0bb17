import { computed, signal } from '@preact/signals';
import { failureMessage, sendMessage } from '../../../utils/messaging/channel';
import { askSiteAccess, siteOf } from '../../../utils/studio/collect';
import { CAPTION_MAX, overLimitOf } from '../../../utils/studio/plan';
import {
  imagesIn,
  removeFromTray,
  type TrayItem,
  trayOf,
  updateInTray,
  watchTray,
} from '../../../utils/studio/tray';
import { imagesInDataset } from './detail';
import { account, route } from './route';

// The open dataset's tray: what waits to upload, read again whenever any page or the background
// changes it.

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

/** Items over the dataset's 100-image limit, counting what is already there, oldest first in. */
export const overLimit = computed(() => overLimitOf(tray.value, imagesInDataset.value));

export function setCaption(id: string, caption: string): Promise<void> {
  return updateInTray(id, { caption: caption.slice(0, CAPTION_MAX) });
}

export async function removeItems(ids: string[]): Promise<void> {
  await removeFromTray(ids);
  await loadTray();
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
