// The tray: images waiting to go to a dataset, kept in the browser (IndexedDB, which holds their
// bytes; storage.local holds only JSON) until they are uploaded or removed. So nothing collected
// is lost when a tab closes, an upload fails or the browser restarts. The background (right-click
// collection, uploads) and the studio page share it: both are the extension's own origin. Each
// change is one IndexedDB transaction on whole items (no read-modify-write of a shared object),
// and is announced on a BroadcastChannel so open pages redraw.

import { isRecord } from '../storage/is-record';
import { imagesOf, readTrayRecord, siteAddressOf, type TrayItem } from './tray-record';

export {
  imagesIn,
  imagesOf,
  NEW_DATASET,
  siteAddressOf,
  type TrayItem,
  type ZipContents,
} from './tray-record';

const DB_NAME = 'model-watch';
const STORE = 'tray';
const CHANNEL = 'model-watch-tray';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    // Firefox's private windows (and "never remember history") refuse here, by throwing.
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('dataset', ['accountId', 'datasetId']);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new TrayError());
    request.onblocked = () => reject(new TrayError());
  }).catch((error: unknown) => {
    opened = undefined;
    throw error instanceof TrayError ? error : new TrayError();
  });
  return opened;
}

/** The browser refused its storage for images (private windows may; a full disk will). */
export class TrayError extends Error {
  override name = 'TrayError';
  constructor() {
    super(
      'The browser refused to keep images for Model Watch: its storage may be full, or turned off (private windows, or history set never to be remembered). Free some disk space or use an ordinary window; or save the image and add the file in the studio.',
    );
  }
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await database();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(new TrayError());
    tx.onabort = () => reject(new TrayError());
  });
}

function announce(): void {
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage('changed');
    channel.close();
  } catch {
    // No channel (an old browser): pages still read the tray when they open.
  }
}

/** Calls `onChange` whenever any page or the background changes the tray. */
export function watchTray(onChange: () => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => onChange();
  return () => channel.close();
}

/**
 * Records read back through their schema. Unusable ones are left out and removed (in their own
 * transaction, after the read): kept, they would count against the dataset's limit forever.
 */
function usable(records: unknown[] | undefined): TrayItem[] {
  const items: TrayItem[] = [];
  const damaged: IDBValidKey[] = [];
  for (const record of records ?? []) {
    const item = readTrayRecord(record);
    if (item) items.push(item);
    else {
      const key = isRecord(record) ? record.id : undefined;
      if (typeof key === 'string' || typeof key === 'number') damaged.push(key);
    }
  }
  if (damaged.length > 0) {
    console.warn(`Model Watch removed ${damaged.length} unreadable image(s) from its tray.`);
    void run('readwrite', (store) => {
      for (const key of damaged) store.delete(key);
    }).catch(() => undefined);
  }
  return items;
}

/** A dataset's waiting images, oldest first. */
export async function trayOf(accountId: string, datasetId: string): Promise<TrayItem[]> {
  const records = await run<unknown[]>('readonly', (store) =>
    store.index('dataset').getAll([accountId, datasetId]),
  );
  return usable(records).sort((a, b) => a.addedAt - b.addedAt);
}

/** Every waiting item, for counts (the popup's "3 images waiting"). */
export async function wholeTray(): Promise<TrayItem[]> {
  return usable(await run<unknown[]>('readonly', (store) => store.getAll()));
}

/** How many images wait, per `accountId:datasetId`. */
export async function trayCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const item of await wholeTray()) {
    const key = `${item.accountId}:${item.datasetId}`;
    counts.set(key, (counts.get(key) ?? 0) + imagesOf(item));
  }
  return counts;
}

export async function putInTray(items: TrayItem[]): Promise<void> {
  if (items.length === 0) return;
  await run('readwrite', (store) => {
    for (const item of items) store.put(item);
  });
  announce();
}

/** Changes some fields of one item (its caption, its problem), if it is still there. */
export async function updateInTray(id: string, change: Partial<TrayItem>): Promise<void> {
  const db = await database();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const read = store.get(id);
    read.onsuccess = () => {
      const item = readTrayRecord(read.result);
      if (item) store.put({ ...item, ...change, id });
    };
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(new TrayError());
    tx.onabort = () => reject(new TrayError());
  });
  announce();
}

export async function removeFromTray(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await run('readwrite', (store) => {
    for (const id of ids) store.delete(id);
  });
  announce();
}

/** Moves a tray to another dataset (the one just created for it). */
export async function moveTray(accountId: string, from: string, to: string): Promise<void> {
  const items = await trayOf(accountId, from);
  await putInTray(items.map((item) => ({ ...item, datasetId: to })));
}

export async function itemsInTray(ids: readonly string[]): Promise<TrayItem[]> {
  const records = await Promise.all(
    ids.map((id) => run<unknown>('readonly', (store) => store.get(id))),
  );
  return usable(records.filter((record) => record !== undefined));
}

/**
 * Forgets what no account needs: every item of an account not in `accounts` (a removed account's
 * images, captions and where they came from), every unreadable record, and, of the rest, anything
 * an older version kept beyond the site an image came from. Returns how many items went.
 */
export async function sweepTray(accounts: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  await run('readwrite', (store) => {
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      const item = readTrayRecord(at.value);
      if (!item || !accounts.has(item.accountId)) {
        at.delete();
        removed += 1;
      } else if (isRecord(at.value) && isRecord(at.value.source) && item.source) {
        const url = item.blob ? siteAddressOf(item.source.url) : item.source.url;
        if ('page' in at.value.source || url !== item.source.url) {
          at.update({ ...item, source: { url } });
        }
      }
      at.continue();
    };
  });
  if (removed > 0) announce();
  return removed;
}

export function newTrayId(): string {
  return crypto.randomUUID();
}
