import { batch } from '@preact/signals';
import { readStudioHash, type StudioPlace } from '../../../utils/studio/route';
import { NEW_DATASET } from '../../../utils/studio/tray';
import { loadStored } from '../../stored';
import { detail, loadDetail } from './detail';
import { account, accounts, baseChoices, route, snapshots } from './route';
import { loadTray, notAdded } from './tray';
import { checkStart } from './training';
import { upload } from './upload';

// Opening a place of the studio, on the first load and on every change of the address's hash
// (go(), Back, a link): the route changes, and a dataset's page starts afresh, its tray and files
// read again.

/**
 * Opens a place: its dataset's detail, the last upload's summary and the files not added are
 * forgotten (a running upload goes on, and shows again on its dataset); its tray and files are read.
 */
export function openDataset(place: StudioPlace): void {
  batch(() => {
    route.value = place;
    detail.value = null;
    if (!upload.value?.running) upload.value = null;
    notAdded.value = [];
  });
  void loadTray();
  const a = account.value;
  const id = place.datasetId;
  // Read by the route's id, listed yet or not: a dataset just created may be listed a moment later.
  if (a && id !== null && id !== NEW_DATASET) {
    void loadDetail(a.id, id);
    // A start of it that may have gone through (before a reload, say) holds its Train button.
    void checkStart(a.id, id);
  }
}

addEventListener('hashchange', () => openDataset(readStudioHash(location.hash)));

/** The first paint waits for the stored lists; the place in the address then opens. */
export const loaded = loadStored(accounts, snapshots, baseChoices).then(() =>
  openDataset(route.value),
);
