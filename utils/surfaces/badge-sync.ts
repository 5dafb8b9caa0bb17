import { browser } from 'wxt/browser';
import { type BadgeView, renderBadge } from './badge';
import { accountsItem, snapshotsItem } from '../storage/items';
import { settingsItem } from '../storage/choices';
import { migrationErrorItem } from '../storage/notices';
import { getItems } from '../storage/store';

/** Draws the badge from what is stored (the browser forgets it on restart). */
export async function updateBadgeFromStorage(): Promise<void> {
  const [accounts, snapshots, settings, migrationError] = await getItems(
    accountsItem,
    snapshotsItem,
    settingsItem,
    migrationErrorItem,
  );
  await applyBadge(
    renderBadge({
      accounts,
      snapshots,
      settings,
      migrationFailed: migrationError !== null,
      now: Date.now(),
    }),
  );
}

/** Shows a badge on the toolbar button. */
export async function applyBadge(view: BadgeView): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title: view.title }),
    // Older browsers pick a text colour themselves.
    browser.action.setBadgeTextColor?.({ color: '#ffffff' }),
  ]);
}
