import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { listedModels, query, shownModels, state } from './model';
import { clearFilters, copyBest } from './actions';
import { ModelFilters } from './ModelFilters';
import { ModelList } from './ModelList';
import { RowMenu } from './RowMenu';

/** The Models tab: search, scope, sort and status toggles over the virtualised list. */
export function ModelsView() {
  const search = useRef<HTMLInputElement>(null);
  const activeIndex = useSignal(0);
  const models = shownModels.value;

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
      // Type, Enter: the best match's URI (or ID) is on the clipboard.
      event.preventDefault();
      void copyBest(models[0]);
    } else if (event.key === 'ArrowDown' && models.length > 0) {
      event.preventDefault();
      activeIndex.value = 0;
      document.querySelector<HTMLElement>('[data-row="0"]')?.focus();
    } else if (event.key === 'Escape' && query.value !== '') {
      event.preventDefault();
      query.value = '';
    }
  }

  const total = listedModels.value.length;
  return (
    <div class="models-view">
      <ModelFilters searchRef={search} onSearchKeyDown={onSearchKeyDown} />
      <RowMenu />
      {models.length > 0 ? (
        <ModelList models={models} activeIndex={activeIndex} />
      ) : (
        <div class="no-match" role="status">
          <p>
            No model matches
            {query.value ? ` “${query.value}”` : ''}
            {state.prefs.value.statuses.length > 0 ? ' with the statuses selected' : ''}.
          </p>
          <p>
            {total} {total === 1 ? 'model is' : 'models are'} in the list.{' '}
            <button type="button" class="link" onClick={clearFilters}>
              Clear search and filters
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
