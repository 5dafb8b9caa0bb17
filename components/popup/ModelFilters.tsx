import type { RefObject } from 'preact';
import type { PopupPrefs } from '../../utils/storage/choices';
import { index, query, state, statusCounts } from './model';
import { clearStatuses, setScope, setSort, toggleStatus } from './actions';
import { isKnownStatus, statusLabel } from '../../utils/api/types';

const SCOPES: { id: PopupPrefs['scope']; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'mine', label: 'Mine' },
  { id: 'shared', label: 'Shared' },
];

export function ModelFilters(props: {
  searchRef: RefObject<HTMLInputElement | null>;
  onSearchKeyDown: (event: KeyboardEvent) => void;
}) {
  const { statuses, scope, sort } = state.prefs.value;
  const counts = statusCounts.value;
  // A remembered toggle stays visible even when no model has that status any more.
  const present = index.value.statuses;
  const chipStatuses = [...present, ...statuses.filter((s) => !present.includes(s))];
  return (
    <div class="filters">
      <div class="filter-row">
        <input
          ref={props.searchRef}
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
          onKeyDown={props.onSearchKeyDown}
        />
      </div>
      <div class="filter-row">
        <fieldset class="segmented">
          <legend class="visually-hidden">Whose models</legend>
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
        </fieldset>
        <label class="visually-hidden" for="sort">
          Sort
        </label>
        <select
          id="sort"
          value={sort}
          onChange={(event) => setSort(event.currentTarget.value as PopupPrefs['sort'])}
        >
          <option value="updated">Recently updated</option>
          <option value="name">Name</option>
          <option value="status">Status</option>
        </select>
      </div>
      <div class="chips" role="group" aria-label="Show statuses">
        {chipStatuses.map((status) => (
          <button
            key={status}
            type="button"
            class={`chip st-${isKnownStatus(status) ? status.toLowerCase() : 'unknown'}`}
            aria-pressed={statuses.includes(status)}
            title={
              isKnownStatus(status) ? undefined : `A status Ideogram added recently: ${status}`
            }
            onClick={() => toggleStatus(status)}
          >
            <span class="dot" aria-hidden="true" />
            {statusLabel(status)} <span class="count">{counts.get(status) ?? 0}</span>
          </button>
        ))}
        {statuses.length > 0 && (
          <button type="button" class="chip clear" onClick={clearStatuses}>
            Show all
          </button>
        )}
      </div>
    </div>
  );
}
