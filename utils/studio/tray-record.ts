import * as v from 'valibot';
import { withoutUndefined } from '../storage/parse';

// A tray record as the studio and the background keep it in IndexedDB, and the schema it is read
// back through: the database is input like the network (an older build, a half-written record,
// another extension version sharing the profile). A record whose essentials are unusable (no id,
// no account or dataset, no name, bytes that are not a Blob) is left out of every list and
// removed; one whose details are damaged keeps its image and loses the details (an empty
// caption, no source, no problem).

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
  /**
   * Where it was collected from (right-click on a page): the image's address while it waits to be
   * fetched, then only its site (`https://example.com/`).
   */
  source?: { url: string };
  /** What a ZIP holds, by name. */
  zip?: ZipContents;
  /** Why the last upload did not take it, in words. */
  problem?: string;
}

/**
 * What a tray item keeps of where an image came from once its bytes are in: the site, not the
 * image's or the page's address (browsing history that nothing needs).
 */
export function siteAddressOf(src: string): string {
  try {
    const { origin } = new URL(src);
    return origin === 'null' ? 'data:' : `${origin}/`;
  } catch {
    return 'data:';
  }
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

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const optional = <T>(schema: v.GenericSchema<unknown, T>) =>
  v.fallback(v.optional(schema), undefined);

const ZipSchema = v.object({
  images: Count,
  captions: v.fallback(Count, 0),
  names: optional(v.array(v.string())),
});

const TrayRecord = v.object({
  id: Id,
  accountId: Id,
  datasetId: Id,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  kind: v.picklist(['image', 'zip']),
  type: v.fallback(v.string(), ''),
  size: v.fallback(Count, 0),
  blob: v.nullable(v.instance(Blob)),
  caption: v.fallback(v.string(), ''),
  addedAt: v.fallback(v.pipe(v.number(), v.finite()), 0),
  // An older version kept the page's address too: it is not read back (the sweep removes it).
  source: optional(v.object({ url: v.string() })),
  zip: optional(ZipSchema),
  problem: optional(v.string()),
});

/** A record read back from the database, or null when it cannot be used. */
export function readTrayRecord(raw: unknown): TrayItem | null {
  const parsed = v.safeParse(TrayRecord, raw);
  if (!parsed.success) return null;
  const { source, zip, ...item } = parsed.output;
  // Details left out (or dropped as damaged) stay out.
  return withoutUndefined({
    ...item,
    source: source && withoutUndefined(source),
    zip: zip && withoutUndefined(zip),
  });
}
