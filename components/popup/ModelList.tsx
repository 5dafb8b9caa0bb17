import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Model } from '../../utils/api/types';
import { highlighted, type Listed } from './model';
import { copyBest } from './actions';
import { ModelRow, ROW_HEIGHT } from './ModelRow';
import { useVisibleRows } from './virtual';

/** The list's height before it is measured (matches popup.css). */
const DEFAULT_HEIGHT = 360;

/**
 * The model list, virtualised: only the rows in view (and a few around) are in the DOM, so 5,000
 * models cost what 20 do. Keyboard: arrows, Page Up/Down, Home and End move between rows; Enter
 * copies the row's URI (its ID when it has none).
 */
export function ModelList(props: { models: Listed<Model>[]; activeIndex: { value: number } }) {
  const { models, activeIndex } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);
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
    focusAfterRender.current = true;
  }

  // Move focus once the row to focus is in the DOM.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    viewport.current?.querySelector<HTMLElement>(`[data-row="${active}"]`)?.focus();
  });

  // A model to show (from a dataset link or a notification): scroll to it and focus it.
  useSignalEffect(() => {
    const id = highlighted.value;
    if (id === null) return;
    const i = models.findIndex((m) => m.id === id);
    if (i >= 0) moveTo(i);
  });

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
    // Enter on the row itself; on its buttons Enter presses them.
    const onRow = (event.target as HTMLElement).getAttribute('role') === 'listitem';
    if (event.key === 'Enter' && onRow && models[active]) {
      event.preventDefault();
      void copyBest(models[active]);
    }
  }

  return (
    <div
      ref={viewport}
      id="model-list"
      class="list"
      role="list"
      aria-label={`Models, ${models.length} shown`}
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
