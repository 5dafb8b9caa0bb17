import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { statusLabel } from '../../utils/words/format';
import { isKnownStatus, statusClass } from '../../utils/api/types';
import { ALL_ACCOUNTS, type PopupPrefs } from '../../utils/storage/choices';
import { setAccount, setScope, setSort, showAll, toggleStatus } from './actions';
import { filtersOpen, index, multiAccount, selectedAccount, state, statusCounts } from './model';

const SCOPES: { id: PopupPrefs['scope']; label: string }[] = [
  { id: 'all', label: 'Mine and shared' },
  { id: 'mine', label: 'Mine' },
  { id: 'shared', label: 'Shared' },
];

const SORTS: { id: PopupPrefs['sort']; label: string }[] = [
  { id: 'updated', label: 'Recently updated' },
  { id: 'name', label: 'Name' },
  { id: 'status', label: 'Status (training first)' },
];

/**
 * One compact control for everything that narrows or orders the list: statuses (several at
 * once, each with its count), whose models, which account, and the sort. It opens over the list
 * and closes with Escape, a click outside, or Done; every choice applies at once and is
 * remembered.
 */
export function FilterPanel({ trigger }: { trigger: RefObject<HTMLButtonElement | null> }) {
  const panel = useRef<HTMLDivElement>(null);
  const { statuses, scope, sort } = state.prefs.value;
  const counts = statusCounts.value;
  // A remembered status stays visible even when no model has it any more.
  const present = index.value.statuses;
  const all = [...present, ...statuses.filter((s) => !present.includes(s))];

  const close = () => {
    filtersOpen.value = false;
    trigger.current?.focus();
  };

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !trigger.current?.contains(target)) {
        filtersOpen.value = false;
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);

  return (
    <>
      <div class="filter-backdrop" aria-hidden="true" />
      <div
        ref={panel}
        id="filters"
        class="filter-panel"
        role="dialog"
        aria-label="Filters and sort"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
      >
        <fieldset>
          <legend>Status</legend>
          <div class="status-options">
            {all.map((status) => (
              <label
                key={status}
                class="status-option"
                title={
                  isKnownStatus(status) ? undefined : `A status Ideogram added recently: ${status}`
                }
              >
                <input
                  type="checkbox"
                  checked={statuses.includes(status)}
                  onChange={() => toggleStatus(status)}
                />
                <span class={`dot ${statusClass(status)}`} aria-hidden="true" />
                <span class="status-name">{statusLabel(status)}</span>
                <span class="count">{(counts.get(status) ?? 0).toLocaleString('en')}</span>
              </label>
            ))}
          </div>
          <p class="hint">
            {statuses.length === 0 ? 'Leave all unticked to see every status.' : ' '}
          </p>
        </fieldset>
        <fieldset>
          <legend>Whose</legend>
          <div class="segmented">
            {SCOPES.map((s) => (
              <label key={s.id}>
                <input
                  type="radio"
                  name="scope"
                  value={s.id}
                  checked={scope === s.id}
                  onChange={() => setScope(s.id)}
                />
                <span>{s.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {multiAccount.value && (
          <label class="select-field">
            <span>Account</span>
            <select
              value={selectedAccount.value}
              onChange={(event) => setAccount(event.currentTarget.value)}
            >
              <option value={ALL_ACCOUNTS}>All accounts</option>
              {state.accounts.value.map((account) => (
                <option key={account.id} value={account.id} title={account.label}>
                  {account.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="select-field">
          <span>Sort by</span>
          <select
            value={sort}
            onChange={(event) => setSort(event.currentTarget.value as PopupPrefs['sort'])}
          >
            {SORTS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <div class="panel-actions">
          <button type="button" class="button" onClick={showAll}>
            Show all
          </button>
          <button type="button" class="button primary" onClick={close}>
            Done
          </button>
        </div>
      </div>
    </>
  );
}
