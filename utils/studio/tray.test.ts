import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readTrayRecord } from './tray-record';
import {
  itemsInTray,
  putInTray,
  removeFromTray,
  sweepTray,
  trayCounts,
  trayOf,
  type TrayItem,
  updateInTray,
  wholeTray,
} from './tray';

// The tray is read back through its schema: what IndexedDB holds is input, like the network.

const good = (overrides: Partial<TrayItem> = {}): TrayItem => ({
  id: 'item-1',
  accountId: 'acct',
  datasetId: 'ds-1',
  name: 'cat.png',
  kind: 'image',
  type: 'image/png',
  size: 3,
  blob: new Blob(['png'], { type: 'image/png' }),
  caption: '',
  addedAt: 10,
  ...overrides,
});

/** Writes records as another build (or a damaged profile) might have left them. */
async function putRaw(records: unknown[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('model-watch', 1);
    open.onupgradeneeded = () =>
      open.result
        .createObjectStore('tray', { keyPath: 'id' })
        .createIndex('dataset', ['accountId', 'datasetId']);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('tray', 'readwrite');
    for (const record of records) tx.objectStore('tray').put(record);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** The records the database holds, as stored. */
async function storedRecords(): Promise<Record<string, unknown>[]> {
  await putRaw([]);
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('model-watch', 1);
    open.onsuccess = () => {
      const read = open.result.transaction('tray').objectStore('tray').getAll();
      read.onsuccess = () => {
        open.result.close();
        resolve(read.result as Record<string, unknown>[]);
      };
    };
    open.onerror = () => reject(open.error);
  });
}

/** The keys the database holds, damaged records included. */
const storedKeys = async () => (await storedRecords()).map((record) => record.id);

beforeEach(async () => {
  await removeFromTray((await wholeTray()).map((item) => item.id));
});

describe('readTrayRecord', () => {
  it.each<[string, unknown]>([
    ['not an object', 'cat.png'],
    ['null', null],
    ['no id', { ...good(), id: '' }],
    ['no account', { ...good(), accountId: undefined }],
    ['no name', { ...good(), name: 42 }],
    ['an unknown kind', { ...good(), kind: 'video' }],
    ['bytes that are not a Blob', { ...good(), blob: 'cG5n' }],
  ])('refuses a record with %s', (_, raw) => {
    expect(readTrayRecord(raw)).toBeNull();
  });

  it('keeps a good record as it was written', () => {
    const item = good({ source: { url: 'https://example.com/cat.png' }, problem: 'Too small' });
    expect(readTrayRecord(item)).toEqual(item);
  });

  it('keeps an image waiting for site access (no bytes yet)', () => {
    expect(readTrayRecord({ ...good(), blob: null })?.blob).toBeNull();
  });

  it('keeps the image when only its details are damaged', () => {
    const item = readTrayRecord({
      ...good(),
      caption: 7,
      addedAt: 'yesterday',
      source: 'a page',
      problem: { no: 1 },
      zip: { images: -1 },
    });
    expect(item).toEqual({ ...good(), addedAt: 0 });
    expect(item && 'source' in item).toBe(false);
  });
});

describe('the tray in IndexedDB', () => {
  it('lists a dataset’s images oldest first and counts a ZIP by its images', async () => {
    await putInTray([
      good({ id: 'b', addedAt: 20 }),
      good({ id: 'a', addedAt: 5 }),
      good({ id: 'z', kind: 'zip', name: 'set.zip', zip: { images: 12, captions: 3 } }),
      good({ id: 'other', datasetId: 'ds-2' }),
    ]);
    expect((await trayOf('acct', 'ds-1')).map((item) => item.id)).toEqual(['a', 'z', 'b']);
    expect(await trayCounts()).toEqual(
      new Map([
        ['acct:ds-1', 14],
        ['acct:ds-2', 1],
      ]),
    );
  });

  it('leaves damaged records out of lists and counts, and removes them', async () => {
    await putInTray([good({ id: 'fine' })]);
    await putRaw([
      { ...good(), id: 'no-bytes', blob: 'not a blob' },
      { id: 'bare', accountId: 'acct', datasetId: 'ds-1' },
    ]);
    expect((await trayOf('acct', 'ds-1')).map((item) => item.id)).toEqual(['fine']);
    expect(await trayCounts()).toEqual(new Map([['acct:ds-1', 1]]));
    expect(await itemsInTray(['bare', 'fine'])).toHaveLength(1);
    // Removed in their own transaction after the read: gone from the database itself.
    await vi.waitFor(async () => expect(await storedKeys()).toEqual(['fine']));
  });

  it('changes a caption without touching the image, and not a damaged record', async () => {
    await putInTray([good({ id: 'fine' })]);
    await putRaw([{ ...good(), id: 'broken', kind: 'video' }]);
    await updateInTray('fine', { caption: 'a cat on a mat' });
    await updateInTray('broken', { caption: 'rewritten' });
    const [item] = await itemsInTray(['fine']);
    expect(item?.caption).toBe('a cat on a mat');
    expect(await item?.blob?.text()).toBe('png');
    expect(await itemsInTray(['broken'])).toEqual([]);
    // Reading the damaged one removed it; the good one keeps its new caption.
    await vi.waitFor(async () => expect(await storedKeys()).toEqual(['fine']));
  });
});

describe('sweepTray: nothing kept that no account needs', () => {
  it('removes a gone account’s items and unreadable records, keeping the others', async () => {
    await putInTray([
      good({ id: 'kept', accountId: 'acct-a' }),
      good({ id: 'gone-1', accountId: 'acct-b', caption: 'my secret caption' }),
      good({ id: 'gone-2', accountId: 'acct-b', datasetId: 'new', blob: null }),
    ]);
    await putRaw([{ id: 'junk', accountId: 7 }]);
    expect(await sweepTray(new Set(['acct-a']))).toBe(3);
    expect(await storedKeys()).toEqual(['kept']);
    // Nothing left to do the second time.
    expect(await sweepTray(new Set(['acct-a']))).toBe(0);
  });

  it('keeps of a fetched image only its site, and of a waiting one its address to fetch', async () => {
    await putRaw([
      {
        ...good({ id: 'fetched' }),
        source: { url: 'https://cdn.example.com/a/b/cat.png?u=42', page: 'https://example.com/me' },
      },
      {
        ...good({ id: 'waiting', blob: null, size: 0, type: '' }),
        source: { url: 'https://img.example.org/dog.jpg', page: 'https://example.org/profile' },
      },
    ]);
    await sweepTray(new Set(['acct']));
    const stored = new Map((await storedRecords()).map((r) => [r.id, r.source]));
    expect(stored.get('fetched')).toEqual({ url: 'https://cdn.example.com/' });
    expect(stored.get('waiting')).toEqual({ url: 'https://img.example.org/dog.jpg' });
  });
});
