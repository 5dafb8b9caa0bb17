import { sendMessage } from '../../../utils/messaging/channel';
import { NEW_DATASET } from '../../../utils/studio/tray';
import { route } from './route';

// A new dataset, made from the new-dataset form: created on Ideogram at once; the images
// collected for a new dataset (right-click, "New dataset…") move into it.

export async function createDataset(accountId: string, name: string): Promise<string> {
  const created = await sendMessage('createDataset', {
    accountId,
    name,
    adoptNew: route.value.datasetId === NEW_DATASET,
  });
  return created.id;
}
