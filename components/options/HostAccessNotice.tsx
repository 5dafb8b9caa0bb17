import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { API_BASE_URL } from '../../utils/api/client';
import { sendMessage } from '../../utils/messaging/channel';

const ORIGINS = [`${API_BASE_URL}/*`];

/**
 * Firefox lets people withdraw an extension's access to a site. Without access to Ideogram's API
 * nothing can be read, so the options page says so and asks again (Chrome grants it on install).
 */
export function HostAccessNotice() {
  const missing = useSignal(false);
  useEffect(() => {
    void browser.permissions
      .contains({ origins: ORIGINS })
      .then((granted) => (missing.value = !granted))
      .catch(() => {});
  }, []);
  if (!missing.value) return null;
  return (
    <div class="message error" role="alert">
      Your browser has not given Model Watch access to <code>api.ideogram.ai</code>, so it cannot
      read your models.{' '}
      <button
        type="button"
        class="button"
        onClick={async () => {
          // Asked in the click: browsers grant permissions only to a user gesture.
          if (await browser.permissions.request({ origins: ORIGINS })) {
            missing.value = false;
            // Its outcome shows in the accounts' status lines.
            await sendMessage('refresh', { force: true }).catch(() => {});
          }
        }}
      >
        Allow access
      </button>
    </div>
  );
}
