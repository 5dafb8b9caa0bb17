import { lazyView } from '../lazy';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { statusLabel } from '../../utils/words/format';
import { ALL_ACCOUNTS } from '../../utils/storage/choices';
import { copyPrimary, showAll } from './actions';
import {
  accountLabels,
  filtered,
  filtersOpen,
  listedModels,
  multiAccount,
  openModelKey,
  query,
  selectedAccount,
  shownModels,
  state,
  waitingForLists,
} from './model';
import { focusRowRequest, ModelList } from './ModelList';
import { SkeletonRows } from './StateViews';

// Opened by a click, not on the first paint: loaded just after it (see PopupApp).
export const FilterPanel = lazyView(() => import('./FilterPanel').then((m) => m.FilterPanel));
export const ModelPage = lazyView(() => import('./ModelPage').then((m) => m.ModelPage));
export const RowMenu = lazyView(() => import('./RowMenu').then((m) => m.RowMenu));

const SCOPE_WORDS = { mine: 'Mine', shared: 'Shared' } as const;

/** When the list is narrowed: by what, how many of how many, and the way back. */
function FilterSummary() {
  const { statuses, scope } = state.prefs.value;
  const what = [
    statuses.length > 0 ? statuses.map(statusLabel).join(', ') : null,
    scope === 'all' ? null : SCOPE_WORDS[scope],
    multiAccount.value && selectedAccount.value !== ALL_ACCOUNTS
      ? accountLabels.value.get(selectedAccount.value)
      : null,
  ].filter(Boolean);
  const shown = shownModels.value.length;
  const total = listedModels.value.length;
  // A search orders by best match, whatever the chosen sort: the line says so.
  if (query.value.trim() !== '') what.unshift('Best match first');
  return (
    <div class="filter-summary" role="status">
      <span class="summary-text" title={what.join(' · ')}>
        {what.length > 0 && <span class="summary-what">{what.join(' · ')}</span>}
        <span class="summary-count">
          {shown.toLocaleString('en')} of {total.toLocaleString('en')}
        </span>
      </span>
      <button type="button" class="link" onClick={showAll}>
        Show all
      </button>
    </div>
  );
}

/** The Models tab: search, the filter panel, and the list. */
export function ModelsView() {
  const search = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const activeIndex = useSignal(0);
  const models = shownModels.value;
  const { statuses, scope } = state.prefs.value;
  const active =
    statuses.length +
    (scope === 'all' ? 0 : 1) +
    (multiAccount.value && selectedAccount.value !== ALL_ACCOUNTS ? 1 : 0);

  useEffect(() => {
    // Opening the popup (also by its keyboard shortcut) puts the cursor in the search box.
    search.current?.focus();
    function onSlash(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      const typing = target.matches('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing) {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    }
    document.addEventListener('keydown', onSlash);
    return () => document.removeEventListener('keydown', onSlash);
  }, []);

  function onSearchKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && models[0]) {
      // Type, Enter: the best match (always the first row, on screen) is copied.
      event.preventDefault();
      void copyPrimary(models[0]);
    } else if (event.key === 'ArrowDown' && models.length > 0) {
      event.preventDefault();
      focusRowRequest.value = { row: 0, at: Date.now() };
    } else if (event.key === 'Escape' && query.value !== '') {
      event.preventDefault();
      query.value = '';
    }
  }

  const total = listedModels.value.length;
  let body;
  if (waitingForLists.value) {
    body = <SkeletonRows />;
  } else if (models.length > 0) {
    body = <ModelList models={models} activeIndex={activeIndex} />;
  } else {
    body = (
      <div class="no-match" role="status">
        <p>
          No model matches
          {query.value ? ` “${query.value}”` : ''}
          {statuses.length > 0 ? ' with the statuses chosen' : ''}
          {scope !== 'all' ? ` among ${scope === 'mine' ? 'your models' : 'shared models'}` : ''}.
        </p>
        <p class="muted">
          {total.toLocaleString('en')} {total === 1 ? 'model is' : 'models are'} listed.{' '}
          <button type="button" class="link" onClick={showAll}>
            Show all
          </button>
        </p>
      </div>
    );
  }

  // A model's page covers the list, which stays as it was (its scroll, its focus) underneath.
  const openKey = openModelKey.value;
  const opened =
    openKey === null
      ? undefined
      : listedModels.value.find((m) => `${m.accountId}:${m.id}` === openKey);

  return (
    <div class="models-view">
      <div class={`list-area${opened ? ' covered' : ''}`} inert={opened !== undefined}>
        <div class="toolbar">
          <input
            ref={search}
            type="search"
            class="search"
            placeholder="Search name, ID or URI"
            aria-label="Search models by name, ID or URI"
            aria-keyshortcuts="/"
            aria-controls="model-list"
            autocomplete="off"
            spellcheck={false}
            value={query.value}
            onInput={(event) => (query.value = event.currentTarget.value)}
            onKeyDown={onSearchKeyDown}
          />
          <button
            ref={trigger}
            type="button"
            class={`filter-button${active > 0 ? ' on' : ''}`}
            aria-haspopup="dialog"
            aria-expanded={filtersOpen.value}
            aria-controls="filters"
            title="Filter by status, whose and account; sort"
            onClick={() => (filtersOpen.value = !filtersOpen.value)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3 5h18M6 12h12M10 19h4" />
            </svg>
            Filters
            {active > 0 && <span class="filter-count">{active}</span>}
          </button>
        </div>
        {filtersOpen.value && <FilterPanel trigger={trigger} />}
        {filtered.value && models.length > 0 && <FilterSummary />}
        <RowMenu />
        {body}
      </div>
      {opened && <ModelPage model={opened} />}
    </div>
  );
}
