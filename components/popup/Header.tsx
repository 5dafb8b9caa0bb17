import { useEffect } from 'preact/hooks';
import { timeAgo } from '../../utils/words/format';
import { countdown } from '../../utils/words/wait';
import {
  checkedAt as shownCheckedAt,
  mode as shownMode,
  now,
  refreshing,
  waitUntil,
} from './model';
import { openOptions, refresh } from './actions';

/** While Ideogram asks to wait, the clock ticks every second for the countdowns. */
export function useWaitClock() {
  const until = waitUntil.value;
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? null : { until, left: countdown(until - now.value) };
}

/** What the refresh control says while it cannot act: why, and until when. */
export function waitWords(until: number): string {
  const at = new Date(until).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `Ideogram asked Model Watch to wait before asking again: it refreshes at ${at}.`;
}

export function Header() {
  const mode = shownMode.value;
  const checkedAt = shownCheckedAt.value;
  const wait = useWaitClock();
  return (
    <header class="popup-header">
      <img src="/icon/32.png" width={20} height={20} alt="" />
      <h1>Model Watch</h1>
      <span class="updated" aria-live="off">
        {mode !== 'none' && checkedAt !== null && `Updated ${timeAgo(checkedAt, now.value)}`}
      </span>
      {mode !== 'none' && (
        <button
          type="button"
          class={`icon-button${wait ? ' waiting' : ''}`}
          aria-label={wait ? `Refresh: wait ${wait.left}` : 'Refresh now'}
          title={wait ? waitWords(wait.until) : 'Refresh now'}
          aria-busy={refreshing.value}
          disabled={refreshing.value || wait !== null}
          onClick={() => void refresh(true)}
        >
          <svg class={refreshing.value ? 'spin' : ''} viewBox="0 0 24 24" aria-hidden="true">
            <path d="M20 12a8 8 0 1 1-2.34-5.66M20 4v4h-4" />
          </svg>
          {wait && <span class="countdown">{wait.left}</span>}
        </button>
      )}
      <button
        type="button"
        class="icon-button"
        aria-label="Options"
        title="Options"
        onClick={openOptions}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="3" />
          <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
        </svg>
      </button>
    </header>
  );
}
