import { type Signal, signal } from '@preact/signals';
import { getRaw, type StoredItem } from '../utils/storage/store';

export interface Stored<T> {
  value: Signal<T>;
  item: StoredItem<T>;
  /** True once a change was written after the page started (newer than any first read). */
  changed: boolean;
}

/**
 * A signal that mirrors a storage item: it starts at the item's fallback and follows every change
 * the background writes, parsed like every stored value (a damaged one reads as its repair).
 * `loadStored` fills it with the stored value. Pages render from these and never write.
 */
export function storedSignal<T>(item: StoredItem<T>): Stored<T> {
  const stored: Stored<T> = { value: signal(item.fallback), item, changed: false };
  item.watch((next: T) => {
    stored.changed = true;
    stored.value.value = next;
  });
  return stored;
}

/** Reads every item in one storage call (a page's first paint waits on it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of items of different types
export async function loadStored(...all: Stored<any>[]): Promise<void> {
  const values = await getRaw(all.map((s) => s.item.key));
  for (const stored of all) {
    // A change that arrived while reading is newer than what was read.
    if (!stored.changed) stored.value.value = stored.item.parse(values[stored.item.key]).value;
  }
}
