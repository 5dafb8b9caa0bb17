import type { ComponentChildren } from 'preact';
import type { PopupPrefs } from '../../utils/storage/choices';
import { state } from './model';
import { setTab } from './actions';

type Tab = PopupPrefs['tab'];
const TABS: { id: Tab; label: string }[] = [
  { id: 'models', label: 'Models' },
  { id: 'datasets', label: 'Datasets' },
];

/** ARIA tabs: arrow keys, Home and End move between them; the last one used is remembered. */
export function Tabs(props: {
  counts: Record<Tab, number>;
  panels: Record<Tab, ComponentChildren>;
}) {
  const current = state.prefs.value.tab;

  function onKeyDown(event: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === current);
    const next =
      event.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (i - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next === -1) return;
    event.preventDefault();
    setTab(TABS[next]!.id);
    document.getElementById(`tab-${TABS[next]!.id}`)?.focus();
  }

  return (
    <>
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
            {tab.label} <span class="count">{props.counts[tab.id].toLocaleString('en')}</span>
          </button>
        ))}
      </div>
      {TABS.map((tab) => (
        <div
          key={tab.id}
          id={`panel-${tab.id}`}
          role="tabpanel"
          aria-labelledby={`tab-${tab.id}`}
          class="panel"
          hidden={current !== tab.id}
        >
          {current === tab.id && props.panels[tab.id]}
        </div>
      ))}
    </>
  );
}
