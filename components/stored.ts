import { type Signal, signal } from '@preact/signals';
import { getRaw, type StoredItem } from '../utils/storage/store';

/** What each stored signal mirrors, and whether a change arrived after the page started. */
const mirrors = new WeakMap<Signal<unknown>, { item: StoredItem<unknown>; changed: boolean }>();

/**
 * A signal that mirrors a storage item: it starts at the item's fallback and follows every change
 * the background writes, parsed like every stored value (a damaged one reads as its repair).
 * `loadStored` fills it with the stored value. Pages render from these and never write.
 */
export function storedSignal<T>(item: StoredItem<T>): Signal<T> {
  const value = signal(item.fallback);
  const mirror = { item: item as StoredItem<unknown>, changed: false };
  mirrors.set(value as Signal<unknown>, mirror);
  item.watch((next: T) => {
    mirror.changed = true;
    value.value = next;
  });
  return value;
}

/** Reads every item in one storage call (a page's first paint waits on it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- signals of different types
export async function loadStored(...all: Signal<any>[]): Promise<void> {
  const found = all.map((value) => ({ value, mirror: mirrors.get(value)! }));
  const values = await getRaw(found.map(({ mirror }) => mirror.item.key));
  for (const { value, mirror } of found) {
    // A change that arrived while reading is newer than what was read.
    if (!mirror.changed) value.value = mirror.item.parse(values[mirror.item.key]).value;
  }
}
