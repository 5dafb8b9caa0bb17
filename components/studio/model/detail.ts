import { computed, signal } from '@preact/signals';
import type { DatasetDetail } from '../../../utils/api/types';
import { failureMessage, sendMessage } from '../../../utils/messaging/channel';
import { dataset, route } from './route';

// The open dataset's detail (its files), read through the background.

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

/** Whether the dataset's files are read: names are made unique against them before sending. */
export const filesKnown = computed(
  () => detail.value !== null && detail.value.dataset.id === route.value.datasetId,
);

/** The names the open dataset holds, once its files are read. */
export const namesInDataset = computed((): string[] =>
  (detail.value?.files ?? []).flatMap((f) => (f.name === null ? [] : [f.name])),
);
