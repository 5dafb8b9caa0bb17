import { useSignal } from '@preact/signals';
import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Rows drawn beyond the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 6;

/**
 * The rows of a long list that are in view (and a few around): a list of 50,000 costs what 20
 * do. The viewport is measured after layout, never during the first render (which would slow
 * the first paint); `fallbackHeight` stands in until then.
 */
export function useVisibleRows(
  viewport: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  fallbackHeight: number,
) {
  const scrollTop = useSignal(0);
  const height = useSignal(fallbackHeight);
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => (height.value = el.clientHeight || fallbackHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return {
    first: Math.max(0, Math.floor(scrollTop.value / rowHeight) - OVERSCAN),
    last: Math.min(count, Math.ceil((scrollTop.value + height.value) / rowHeight) + OVERSCAN),
    height,
    scrollTop,
    onScroll: (event: Event) => (scrollTop.value = (event.currentTarget as HTMLElement).scrollTop),
  };
}
