import { applyBadge, renderBadge } from './badge';
import { accountsItem, migrationErrorItem, readSettings, snapshotsItem } from '../storage/items';

/** Draws the badge from what is stored (the browser forgets it on restart). */
export async function updateBadgeFromStorage(): Promise<void> {
  const [accounts, snapshots, settings, migrationError] = await Promise.all([
    accountsItem.getValue(),
    snapshotsItem.getValue(),
    readSettings(),
    migrationErrorItem.getValue(),
  ]);
  await applyBadge(
    renderBadge({ accounts, snapshots, settings, migrationFailed: migrationError !== null }),
  );
}
