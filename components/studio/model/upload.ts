import { computed, signal } from '@preact/signals';
import { failureMessage, sendMessage } from '../../../utils/messaging/channel';
import { batchesOf, itemProblem } from '../../../utils/studio/batches';
import { namedApart } from '../../../utils/studio/plan';
import { imagesIn, NEW_DATASET, updateInTray } from '../../../utils/studio/tray';
import { filesKnown, loadDetail, namesInDataset } from './detail';
import { account, route } from './route';
import { loadTray, overLimit, tray } from './tray';

// Sending the tray to its dataset, batch after batch, and what the page says while and after.

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

/** What an upload would send: items with their bytes, within the dataset's limit. */
export const sendable = computed(() => {
  const { over } = overLimit.value;
  return tray.value.filter((item) => item.blob !== null && !over.has(item.id));
});

/**
 * Sends the tray, batch after batch; stops at the first batch that fails as a whole. Names are
 * made unique against the dataset's files first, so a file read back after a cut-off upload is
 * known by its name. The dataset is read once at the end.
 */
export async function uploadTray(): Promise<void> {
  const a = account.value;
  const datasetId = route.value.datasetId;
  if (!a || !datasetId || datasetId === NEW_DATASET || upload.value?.running || !filesKnown.value) {
    return;
  }
  // A caption Ideogram would refuse is said now, and its image waits: nothing of it is sent.
  const held = sendable.value.flatMap((item) => {
    const problem = itemProblem(item);
    return problem ? [{ name: item.name, problem }] : [];
  });
  const { named: ready, renamed } = namedApart(
    sendable.value.filter((item) => itemProblem(item) === null),
    namesInDataset.value,
  );
  for (const { id, name } of renamed) await updateInTray(id, { name });
  const state: UploadState = {
    datasetId,
    running: true,
    sent: 0,
    total: imagesIn(ready),
    uploaded: 0,
    failed: held,
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
