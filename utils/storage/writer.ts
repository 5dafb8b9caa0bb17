import { browser } from 'wxt/browser';
import type { StoredItem } from './store';

// The one writer of storage.local. Every read-modify-write of shared state runs here, one
// transaction after another, in the background: pages send what the user changed (a field, an
// intention) and never write. A transaction reads through `tx.get` (its own pending writes first,
// then storage, which nothing else changes meanwhile) and its writes land together, in one
// storage call, when it returns. So two changes made at the same moment both land, and a slow
// transaction never overwrites what a later one read.

export interface Transaction {
  get<T>(item: StoredItem<T>): Promise<T>;
  set<T>(item: StoredItem<T>, value: T): void;
  remove(item: StoredItem<unknown>): void;
}

/** Saving to storage.local failed (the browser's storage is full, or refused the write). */
export class StorageWriteError extends Error {
  override name = 'StorageWriteError';
  constructor(readonly keys: string[]) {
    super(
      'The browser refused to save Model Watch’s data (its extension storage may be full or damaged).',
    );
  }
}

/** A write refused because the stored layout belongs to a newer version of Model Watch. */
export class FrozenLayoutError extends Error {
  override name = 'FrozenLayoutError';
  constructor() {
    super(
      'Your saved keys and accounts were written by a newer version of Model Watch, so this version leaves them as they are. Update Model Watch to change them.',
    );
  }
}

/** Items that a newer version's layout may have reshaped: never rewritten by an older version. */
const frozen = {
  keys: new Set<string>(),
  on: false,
  /** Whether what is stored now is a newer version's layout (it may appear while this one runs). */
  isNewer: async (): Promise<boolean> => false,
};

/**
 * While on, transactions that would change these items fail with FrozenLayoutError. While off,
 * each such transaction first asks `isNewer`, so a newer layout written after the check at start
 * (say, by a newer version installed meanwhile) is never overwritten either.
 */
export function freezeLayout(
  keys: readonly string[],
  on: boolean,
  isNewer: () => Promise<boolean> = async () => false,
): void {
  frozen.keys = new Set(keys);
  frozen.on = on;
  frozen.isNewer = isNewer;
}

export function isLayoutFrozen(): boolean {
  return frozen.on;
}

let tail: Promise<unknown> = Promise.resolve();

/** The writer is storage.local's; an item of another area is written by its own owner. */
function localOnly(item: StoredItem<unknown>): void {
  if (item.area !== 'local') throw new Error(`${item.key} is not in storage.local`);
}

/** Runs `work` as the next transaction; resolves with its result once its writes are stored. */
export function write<R>(work: (tx: Transaction) => Promise<R> | R): Promise<R> {
  const run = async (): Promise<R> => {
    const pending = new Map<string, { value: unknown; item: StoredItem<unknown> } | null>();
    const tx: Transaction = {
      async get<T>(item: StoredItem<T>): Promise<T> {
        const queued = pending.get(item.key);
        if (queued === null) return item.fallback;
        // eslint-disable-next-line no-restricted-syntax -- set() queued it for this same item, as a T
        if (queued !== undefined) return queued.value as T;
        return item.getValue();
      },
      set(item, value) {
        localOnly(item);
        // eslint-disable-next-line no-restricted-syntax -- kept with its value, written as one
        pending.set(item.key, { value, item: item as StoredItem<unknown> });
      },
      remove(item) {
        localOnly(item);
        pending.set(item.key, null);
      },
    };
    const result = await work(tx);
    await commit(pending);
    return result;
  };
  const next = tail.then(run, run);
  tail = next.catch(() => undefined);
  return next;
}

async function commit(
  pending: Map<string, { value: unknown; item: StoredItem<unknown> } | null>,
): Promise<void> {
  if (pending.size === 0) return;
  const keys = [...pending.keys()];
  if (keys.some((key) => frozen.keys.has(key))) {
    if (!frozen.on && (await frozen.isNewer())) frozen.on = true;
    if (frozen.on) throw new FrozenLayoutError();
  }
  const sets: Record<string, unknown> = {};
  const removes: string[] = [];
  for (const [key, entry] of pending) {
    if (entry === null) removes.push(key);
    else sets[key] = entry.item.encode(entry.value);
  }
  try {
    if (Object.keys(sets).length > 0) await browser.storage.local.set(sets);
    if (removes.length > 0) await browser.storage.local.remove(removes);
  } catch {
    throw new StorageWriteError(keys);
  }
}

/** Resolves once every transaction queued so far has finished (for tests and shutdown). */
export function writesSettled(): Promise<void> {
  return tail.then(() => undefined);
}
