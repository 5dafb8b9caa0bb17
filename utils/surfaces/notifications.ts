import { browser } from 'wxt/browser';
import { forgetNotices, pendingNotices, setFocusModel } from '../storage/changes';
import { settingsItem } from '../storage/choices';
import { type Notice } from '../storage/notices';
import { STATUS_PAGE_URL } from '../models/training';

const PREFIX = 'model:';

/** The words of a notification about a model that finished or failed. */
export function noticeText(notice: Notice): { title: string; message: string } {
  const where = notice.account ? ` (${notice.account})` : '';
  if (notice.status === 'STUCK') {
    return {
      title: `${notice.name} is taking longer than usual${where}`,
      message: `${notice.detail ?? 'Its training has run for a long time.'} Ideogram's status: ${STATUS_PAGE_URL.replace(/^https:\/\//, '')}`,
    };
  }
  if (notice.status === 'ERRORED') {
    return {
      title: `${notice.name} failed to train${where}`,
      message: `${notice.detail ?? 'Ideogram reported an error for this model.'} Open Model Watch for details.`,
    };
  }
  return {
    title: `${notice.name} finished training${where}`,
    message: notice.uri
      ? `Its URI is ready to copy: ${notice.uri}`
      : 'It is ready. It has no URI yet (not in the model registry); you can copy its ID.',
  };
}

let delivering: Promise<void> = Promise.resolve();

/**
 * Shows the pending notices, then takes them off the list. A notification's id is its model's, so
 * a worker stopped between the two shows it again in the same place, never as a second one; and
 * a notice is never lost before it was on screen.
 */
export function deliverNotices(): Promise<void> {
  delivering = delivering.then(async () => {
    const notices = await pendingNotices();
    if (notices.length === 0) return;
    const settings = await settingsItem.getValue();
    // Without the optional permission the API does not exist; the notices are simply dropped.
    const api = browser.notifications;
    if (settings.notify && api) {
      for (const notice of notices) {
        try {
          await api.create(`${PREFIX}${notice.modelId}`, {
            type: 'basic',
            iconUrl: browser.runtime.getURL('/icon/128.png'),
            ...noticeText(notice),
          });
        } catch (error) {
          // The system refused (notifications off for the browser, say): nothing more to do.
          console.warn('Model Watch could not show a notification:', (error as Error).message);
        }
      }
    }
    await forgetNotices(notices);
  });
  return delivering.catch(() => undefined);
}

/** Opens the popup on the model a notification was about (in a tab where a popup cannot open). */
export async function showNotifiedModel(notificationId: string): Promise<void> {
  if (!notificationId.startsWith(PREFIX)) return;
  const modelId = notificationId.slice(PREFIX.length);
  await setFocusModel(modelId);
  await browser.notifications?.clear(notificationId);
  try {
    await browser.action.openPopup();
  } catch {
    await browser.tabs.create({
      url: browser.runtime.getURL(`/popup.html?model=${encodeURIComponent(modelId)}`),
    });
  }
}
