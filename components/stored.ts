import { type Signal, signal } from '@preact/signals';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * A signal that mirrors a storage item: it starts at the item's fallback, takes the stored value as
 * soon as it is read, and follows every change the background writes. Pages render from these and
 * never fetch anything themselves.
 */
export function storedSignal<T>(item: WxtStorageItem<T, Record<string, unknown>>): {
  value: Signal<T>;
  loaded: Promise<void>;
} {
  const value = signal(item.fallback);
  let written = false;
  item.watch((next) => {
    written = true;
    value.value = next ?? item.fallback;
  });
  const loaded = item.getValue().then((stored) => {
    // A change that arrived while reading is newer than what was read.
    if (!written) value.value = stored;
  });
  return { value, loaded };
}
