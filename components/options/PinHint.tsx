import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../utils/messaging/channel';
import { attempt, optionsState } from './model';
import { Problem } from './Problem';

export const PIN_HINT = 'pin-toolbar';

/** Where the browser put the toolbar button: null when it cannot say. */
async function onToolbar(): Promise<boolean | null> {
  const action = browser.action as unknown as {
    getUserSettings?: () => Promise<{ isOnToolbar?: boolean }>;
  };
  try {
    const settings = await action.getUserSettings?.();
    return typeof settings?.isOnToolbar === 'boolean' ? settings.isOnToolbar : null;
  } catch {
    return null;
  }
}

/**
 * A new extension's button starts hidden in the browser's Extensions menu, and with it the badge,
 * Model Watch's main feature. When the browser says the button is not on the toolbar, this says
 * how to pin it, in that browser's words, until dismissed (or pinned: it checks again whenever
 * the page is shown).
 */
export function PinHint() {
  const hidden = useSignal(false);
  const problem = useSignal('');
  useEffect(() => {
    const check = () => void onToolbar().then((on) => (hidden.value = on === false));
    check();
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, []);
  if (!hidden.value || optionsState.dismissedHints.value.includes(PIN_HINT)) return null;
  const firefox = import.meta.env.FIREFOX;
  return (
    <aside class="hint-card" aria-label="Pin Model Watch">
      <p>
        <strong>Pin Model Watch to see its badge at a glance.</strong>{' '}
        {firefox
          ? 'Open the Extensions button (the puzzle piece) in the toolbar, click the gear next to Model Watch for Ideogram, and choose “Pin to Toolbar”.'
          : 'Click the Extensions button (the puzzle piece) in the toolbar, then the pin next to Model Watch for Ideogram.'}
      </p>
      <button
        type="button"
        class="button"
        onClick={() => void attempt(problem, () => sendMessage('dismissHint', { id: PIN_HINT }))}
      >
        Got it
      </button>
      <Problem text={problem.value} />
    </aside>
  );
}
