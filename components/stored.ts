import { type Signal, signal } from '@preact/signals';
import type { JsonItem } from '../utils/storage/items';
import { getItems, type StoredItem } from '../utils/storage/store';

export interface Stored<T> {
  value: Signal<T>;
  /** What is read from storage, and how it becomes the value. */
  raw: { key: string };
  decode: (raw: unknown) => T;
  /** True once a change was written after the page started (newer than any first read). */
  changed: boolean;
}

/**
 * A signal that mirrors a storage item: it starts at the item's fallback and follows every change
 * the background writes. `loadStored` fills it with the stored value. Pages render from these and
 * never fetch anything themselves.
 */
export function storedSignal<T>(item: StoredItem<T> | JsonItem<T & object>): Stored<T> {
  const json = 'decode' in item;
  const stored: Stored<T> = {
    value: signal(item.fallback),
    raw: json ? item.raw : item,
    decode: json
      ? (raw) => item.decode(raw as string | null)
      : (raw) => (raw ?? item.fallback) as T,
    changed: false,
  };
  item.watch((next: T) => {
    stored.changed = true;
    stored.value.value = next ?? item.fallback;
  });
  return stored;
}

/** Reads every item in one storage call (a page's first paint waits on it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of items of different types
export async function loadStored(...all: Stored<any>[]): Promise<void> {
  const values = await getItems(all.map((s) => s.raw));
  all.forEach((stored, i) => {
    // A change that arrived while reading is newer than what was read.
    if (!stored.changed) stored.value.value = stored.decode(values[i] ?? null);
  });
}
