import { applyBadge, renderBadge } from './badge';
import { connectionItem, readSettings, snapshotItem } from './storage';

/** Draws the badge from what is stored (the browser forgets it on restart). */
export async function updateBadgeFromStorage(): Promise<void> {
  const [connection, snapshot, settings] = await Promise.all([
    connectionItem.getValue(),
    snapshotItem.getValue(),
    readSettings(),
  ]);
  await applyBadge(renderBadge({ connection, snapshot, settings }));
}
