import { useEffect } from 'preact/hooks';
import type { PopupPrefs } from '../../utils/storage/choices';
import { timeAgo } from '../../utils/words/format';
import { countdown, waitWords } from '../../utils/words/wait';
import { openOptions, refresh, setTab } from './actions';
import {
  checkedAt as shownCheckedAt,
  hasData,
  mode as shownMode,
  now,
  refreshing,
  state,
  tabCounts,
  waitUntil,
} from './model';

type Tab = PopupPrefs['tab'];
const TABS: { id: Tab; label: string }[] = [
  { id: 'models', label: 'Models' },
  { id: 'datasets', label: 'Datasets' },
];

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

/** ARIA tabs: arrow keys, Home and End move between them; the last one used is remembered. */
function Tabs() {
  const current = state.prefs.value.tab;
  const counts = tabCounts.value;

  function onKeyDown(event: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === current);
    const moves: Record<string, number> = {
      ArrowRight: (i + 1) % TABS.length,
      ArrowLeft: (i - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setTab(TABS[next]!.id);
    document.getElementById(`tab-${TABS[next]!.id}`)?.focus();
  }

  return (
    <div class="tabs" role="tablist" aria-label="Lists" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          aria-selected={current === tab.id}
          aria-controls={`panel-${tab.id}`}
          tabIndex={current === tab.id ? 0 : -1}
          onClick={() => setTab(tab.id)}
        >
          {tab.label} <span class="count">{counts[tab.id].toLocaleString('en')}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * One strip: the lists' tabs, when the data was checked, refresh (which counts down while
 * Ideogram asks to wait) and options. The extension's name is the toolbar button's; here it is
 * for screen readers.
 */
export function Header() {
  const mode = shownMode.value;
  const checkedAt = shownCheckedAt.value;
  const wait = useWaitClock();
  const showTabs = mode !== 'none' && hasData.value;
  return (
    <header class="popup-header">
      <img src="/icon/32.png" width={20} height={20} alt="" title="Model Watch for Ideogram" />
      <h1 class="visually-hidden">Model Watch</h1>
      {showTabs ? <Tabs /> : <span class="title">Model Watch</span>}
      <span
        class="updated"
        aria-live="off"
        title={checkedAt === null ? undefined : new Date(checkedAt).toLocaleString()}
      >
        {mode !== 'none' && checkedAt !== null && timeAgo(checkedAt, now.value)}
      </span>
      {mode !== 'none' && (
        <button
          type="button"
          class={`icon-button${wait ? ' waiting' : ''}`}
          aria-label={wait ? `Refresh: wait ${wait.left}` : 'Refresh now'}
          title={wait ? waitWords(wait.until) : 'Refresh now'}
          aria-busy={refreshing.value}
          aria-disabled={refreshing.value || wait !== null}
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
