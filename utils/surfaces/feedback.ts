import { browser } from 'wxt/browser';
import { applyBadge, updateBadgeFromStorage } from './badge-sync';

const NOTIFICATION_ID = 'model-watch-feedback';
const FLASH_MS = 2500;

/**
 * Tells the user how an action taken outside the popup went (address bar, right-click menu): a
 * notification when they allowed them, else a short flash of the toolbar badge with the message as
 * its tooltip.
 */
export async function tellUser(message: { title: string; body: string; ok: boolean }) {
  const notifications = browser.notifications;
  if (notifications) {
    await notifications.create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: message.title,
      message: message.body,
    });
    return;
  }
  await applyBadge({
    text: message.ok ? '✓' : '✕',
    color: message.ok ? '#15803d' : '#b91c1c',
    title: `${message.title}\n${message.body}`,
  });
  setTimeout(() => void updateBadgeFromStorage(), FLASH_MS);
}
