import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Model } from '../../utils/api/types';
import { copyId, copyPrimary, copyUri, openModel, togglePin } from './actions';
import { highlighted, type Listed, listKey } from './model';
import { ModelRow, openRowMenu, ROW_HEIGHT } from './ModelRow';
import { useVisibleRows } from './virtual';

/** The list's height before it is measured (matches popup.css). */
const DEFAULT_HEIGHT = 480;

/** Asks the list to focus a row (from the search box: ↓ reaches the first row, drawn or not). */
export const focusRowRequest = signal<{ row: number; at: number } | null>(null);

/**
 * The model list, virtualised: only the rows in view (and a few around) are in the DOM, so
 * 10,000 models cost what 20 do. It goes back to its top whenever the search, a filter or the
 * sort changes, so the first row (what Enter copies) is always on screen. Keys on a row: arrows,
 * Page Up/Down, Home, End move; Enter copies what the row's button copies; → opens the model's
 * page; U the URI, I the ID; P pins; Shift+F10 (or the menu key) opens the row's menu.
 */
export function ModelList(props: { models: Listed<Model>[]; activeIndex: { value: number } }) {
  const { models, activeIndex } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const { first, last, height, scrollTop, onScroll } = useVisibleRows(
    viewport,
    models.length,
    ROW_HEIGHT,
    DEFAULT_HEIGHT,
  );
  const active = Math.min(activeIndex.value, Math.max(0, models.length - 1));

  function scrollIntoView(i: number) {
    const el = viewport.current;
    if (!el) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
    scrollTop.value = el.scrollTop;
  }

  function moveTo(i: number) {
    const next = Math.max(0, Math.min(models.length - 1, i));
    activeIndex.value = next;
    scrollIntoView(next);
    // Focused once drawn (the row may not be in the DOM before this frame).
    requestAnimationFrame(() =>
      viewport.current?.querySelector<HTMLElement>(`[data-row="${next}"]`)?.focus(),
    );
  }

  // A new search, filter or sort: back to the top, the first row active. (After the render
  // that shows the new list, and before the requests below, which may move again.)
  const key = listKey.value;
  const shownKey = useRef(key);
  useEffect(() => {
    if (shownKey.current === key) return;
    shownKey.current = key;
    const el = viewport.current;
    if (el) el.scrollTop = 0;
    scrollTop.value = 0;
    activeIndex.value = 0;
  }, [key]);

  // A model to show (from a dataset or a notification), once it is in the list; a row asked for
  // from the search box. Each request is served once.
  const served = useRef<{ highlight: string | null; request: number | null }>({
    highlight: null,
    request: null,
  });
  const highlight = highlighted.value;
  const request = focusRowRequest.value;
  useEffect(() => {
    if (highlight !== null && served.current.highlight !== highlight) {
      const i = models.findIndex((m) => m.id === highlight);
      if (i >= 0) {
        served.current.highlight = highlight;
        moveTo(i);
      }
    }
    if (request !== null && served.current.request !== request.at) {
      served.current.request = request.at;
      moveTo(request.row);
    }
  }, [highlight, request, models]);

  function onKeyDown(event: KeyboardEvent) {
    const rowsPerPage = Math.max(1, Math.floor(height.value / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + rowsPerPage,
      PageUp: active - rowsPerPage,
      Home: 0,
      End: models.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
      return;
    }
    // Keys act on the row itself; on its buttons, Enter presses them.
    const row = event.target as HTMLElement;
    const model = models[active];
    if (row.getAttribute('role') !== 'listitem' || !model) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const actions: Record<string, () => void> = {
      Enter: () => void copyPrimary(model),
      ArrowRight: () => void openModel(model),
      u: () => void copyUri(model),
      i: () => void copyId(model),
      p: () => togglePin(model.id),
      ContextMenu: () => openRowMenu(model.id, row.querySelector('.more') ?? row),
    };
    const action = event.key === 'F10' && event.shiftKey ? actions.ContextMenu : actions[key];
    if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      action();
    }
  }

  return (
    <div
      ref={viewport}
      id="model-list"
      class="list"
      role="list"
      aria-label={`Models, ${models.length.toLocaleString('en')} shown`}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div
        class="list-spacer"
        role="presentation"
        style={{ height: `${models.length * ROW_HEIGHT}px` }}
      >
        {models.slice(first, last).map((model, k) => (
          <ModelRow
            key={model.id}
            model={model}
            position={first + k}
            total={models.length}
            active={first + k === active}
            highlighted={model.id === highlighted.value}
            onFocusRow={() => (activeIndex.value = first + k)}
          />
        ))}
      </div>
    </div>
  );
}
