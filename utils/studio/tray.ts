// The tray: images waiting to go to a dataset, kept in the browser (IndexedDB, which holds their
// bytes; storage.local holds only JSON) until they are uploaded or removed. So nothing collected
// is lost when a tab closes, an upload fails or the browser restarts. The background (right-click
// collection, uploads) and the studio page share it: both are the extension's own origin. Each
// change is one IndexedDB transaction on whole items (no read-modify-write of a shared object),
// and is announced on a BroadcastChannel so open pages redraw.

/** The tray of a dataset still to be created ("New dataset…" from the right-click menu). */
export const NEW_DATASET = 'new';

export interface TrayItem {
  id: string;
  accountId: string;
  /** The dataset it waits for, or NEW_DATASET. */
  datasetId: string;
  /** Its file name as it will be uploaded: unique within the dataset, by stem. */
  name: string;
  kind: 'image' | 'zip';
  type: string;
  size: number;
  /** Null while the image waits for access to the site it comes from. */
  blob: Blob | null;
  /** Sent as a `.txt` sidecar of the same stem when not empty. */
  caption: string;
  addedAt: number;
  /** Where it was collected from (right-click on a page). */
  source?: { url: string; page?: string };
  /** What a ZIP holds, by name. */
  zip?: ZipContents;
  /** Why the last upload did not take it, in words. */
  problem?: string;
}

/** What a ZIP holds, as the studio listed it when it was added. */
export interface ZipContents {
  images: number;
  captions: number;
  /** Its entries' names (the sample account, which reads no ZIP, uploads these). */
  names?: string[];
}

/** How many images an item adds to a dataset: one, or a ZIP's images. */
export const imagesOf = (item: TrayItem): number => item.zip?.images ?? 1;

/** The images of several items. */
export const imagesIn = (items: readonly TrayItem[]): number =>
  items.reduce((sum, item) => sum + imagesOf(item), 0);

const DB_NAME = 'model-watch';
const STORE = 'tray';
const CHANNEL = 'model-watch-tray';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
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
    throw error;
  });
  return opened;
}

/** The browser refused its storage for images (private windows may; a full disk will). */
export class TrayError extends Error {
  override name = 'TrayError';
  constructor() {
    super(
      'The browser refused to keep images for Model Watch (its storage may be full, or off in this window).',
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

/** A dataset's waiting images, oldest first. */
export async function trayOf(accountId: string, datasetId: string): Promise<TrayItem[]> {
  const items =
    (await run<TrayItem[]>('readonly', (store) =>
      store.index('dataset').getAll([accountId, datasetId]),
    )) ?? [];
  return items.sort((a, b) => a.addedAt - b.addedAt);
}

/** Every waiting item, for counts (the popup's "3 images waiting"). */
export async function wholeTray(): Promise<TrayItem[]> {
  return (await run<TrayItem[]>('readonly', (store) => store.getAll())) ?? [];
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
      if (read.result) store.put({ ...(read.result as TrayItem), ...change, id });
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
  const all = await Promise.all(
    ids.map((id) => run<TrayItem>('readonly', (store) => store.get(id))),
  );
  return all.filter((item): item is TrayItem => item !== undefined);
}

export function newTrayId(): string {
  return crypto.randomUUID();
}
