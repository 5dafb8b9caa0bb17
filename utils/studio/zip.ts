// Long: the ZIP format's end records, ZIP64 and its central directory, read in one place.
import { baseName } from './rules';

// What a ZIP archive holds, read from its central directory alone: names and uncompressed sizes,
// without decompressing anything. Ideogram takes ZIPs of images and captions as dataset uploads,
// so the studio page shows what one will add before it is sent, and the fake API counts its
// images the same way. It runs in pages too, so it uses no Node API.

export interface ZipEntry {
  /** The entry's path inside the archive, `/`-separated. */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
/** A ZIP comment is at most this long, so the end record is within this many bytes of the end. */
const MAX_COMMENT = 0xffff;
/** Flag bit 11: the entry's name is UTF-8. */
const UTF8_FLAG = 0x800;
const ZIP64_EXTRA = 0x0001;

/** Where the central directory is, from the end records. */
interface Directory {
  offset: number;
  size: number;
  entries: number;
}

/** Byte ranges of the archive to read, `[start, end)`; what comes back is cut at its end. */
type Ranges = [start: number, end: number][];
/** The listing, as steps: each yields the ranges it needs and gets their bytes back. */
type Listing<T> = Generator<Ranges, T, Uint8Array[]>;

const viewOf = (bytes: Uint8Array) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function* bytesAt(start: number, end: number): Listing<DataView> {
  return viewOf((yield [[start, end]])[0]!);
}

/**
 * The files in a ZIP archive (directories and macOS's `__MACOSX/` and `.DS_Store` extras left
 * out), in the archive's order. Throws an Error saying what is wrong when the bytes are not a
 * ZIP, or a ZIP cut short.
 */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const cut = ([start, end]: Ranges[number]) =>
    bytes.subarray(Math.max(0, start), Math.min(bytes.byteLength, end));
  const listing = zipListing(bytes.byteLength);
  let step = listing.next([]);
  while (!step.done) step = listing.next(step.value.map(cut));
  return step.value;
}

/**
 * The same, read from a file's end: its end record, the central directory it points to, and four
 * bytes where each entry starts. A picked ZIP is never loaded whole.
 */
export async function listZipFile(file: Blob): Promise<ZipEntry[]> {
  const cut = async ([start, end]: Ranges[number]) =>
    new Uint8Array(await file.slice(Math.max(0, start), Math.min(file.size, end)).arrayBuffer());
  const listing = zipListing(file.size);
  let step = listing.next([]);
  while (!step.done) step = listing.next(await Promise.all(step.value.map(cut)));
  return step.value;
}

function* zipListing(size: number): Listing<ZipEntry[]> {
  // The end record is within its own size and a comment's of the end; ZIP64's locator precedes it.
  const tailStart = Math.max(0, size - EOCD_SIZE - MAX_COMMENT - ZIP64_LOCATOR_SIZE);
  const tail = yield* bytesAt(tailStart, size);
  const end = findEndRecord(tail);
  if (end === -1) {
    // A ZIP starts with a local header; one that does but has no end record was cut short.
    const head = yield* bytesAt(0, 4);
    const startsLikeZip = head.byteLength === 4 && head.getUint32(0, true) === LOCAL_SIGNATURE;
    throw new Error(
      startsLikeZip
        ? 'The ZIP file is truncated: its end-of-central-directory record is missing.'
        : 'Not a ZIP file: no end-of-central-directory record.',
    );
  }
  const directory = yield* readDirectoryLocation(tail, end, tailStart);
  if (directory.offset + directory.size > tailStart + end) {
    throw new Error('The ZIP file is truncated: its central directory lies outside the file.');
  }
  const listed = readCentralDirectory(
    yield* bytesAt(directory.offset, directory.offset + directory.size),
    directory.entries,
  );
  // Each entry's data must be in the file too: an archive missing its start was cut short.
  const starts = yield listed.map(({ local }): Ranges[number] => [local, local + 4]);
  return listed
    .map(({ name, size: entrySize }, i) => {
      const start = starts[i]!;
      if (start.byteLength !== 4 || viewOf(start).getUint32(0, true) !== LOCAL_SIGNATURE) {
        throw new Error(`The ZIP file is truncated or damaged: the data of ${name} is missing.`);
      }
      return { name, size: entrySize };
    })
    .filter((entry) => isListed(entry.name));
}

/** The end record's offset, searched backwards past a possible comment; -1 when none. */
function findEndRecord(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    // The comment it declares must fit in the file, or this is a stray signature (or the file
    // was cut short inside its comment).
    if (at + EOCD_SIZE + view.getUint16(at + 20, true) <= view.byteLength) return at;
  }
  return -1;
}

/** Where the directory is, from the end record at `end` of `tail` (which starts at `tailStart`). */
function* readDirectoryLocation(
  tail: DataView,
  end: number,
  tailStart: number,
): Listing<Directory> {
  const disk = tail.getUint16(end + 4, true);
  const directoryDisk = tail.getUint16(end + 6, true);
  if (disk !== directoryDisk || tail.getUint16(end + 8, true) !== tail.getUint16(end + 10, true)) {
    throw new Error('Split (multi-part) ZIP archives are not supported.');
  }
  const directory = {
    entries: tail.getUint16(end + 10, true),
    size: tail.getUint32(end + 12, true),
    offset: tail.getUint32(end + 16, true),
  };
  // Any field at its maximum means the real value is in the ZIP64 end record.
  const zip64 =
    directory.entries === 0xffff ||
    directory.size === 0xffffffff ||
    directory.offset === 0xffffffff;
  if (!zip64) return directory;
  // The ZIP64 end record, found through the locator just before the classic end record.
  const locator = end - ZIP64_LOCATOR_SIZE;
  if (locator < 0 || tail.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) {
    throw new Error('The ZIP file is damaged: its ZIP64 end record is missing.');
  }
  const at = readUint64(tail, locator + 8);
  const record = at + 56 > tailStart + locator ? null : yield* bytesAt(at, at + 56);
  if (!record || record.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE) {
    throw new Error('The ZIP file is truncated: its ZIP64 end record lies outside the file.');
  }
  return {
    entries: readUint64(record, 32),
    size: readUint64(record, 40),
    offset: readUint64(record, 48),
  };
}

/** The directory's entries (`view` holds it from its first byte), with their data's offsets. */
function readCentralDirectory(view: DataView, count: number) {
  const entries: (ZipEntry & { local: number })[] = [];
  const limit = view.byteLength;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > limit || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new Error(
        `The ZIP file is damaged: entry ${i + 1} of its central directory is unreadable.`,
      );
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + view.getUint16(at + 32, true);
    if (next > limit) {
      throw new Error(`The ZIP file is damaged: entry ${i + 1} runs past its central directory.`);
    }
    const nameBytes = new Uint8Array(view.buffer, view.byteOffset + at + CENTRAL_SIZE, nameLength);
    const name = decodeName(nameBytes, (view.getUint16(at + 8, true) & UTF8_FLAG) !== 0);
    const extra = { at: at + CENTRAL_SIZE + nameLength, length: extraLength };
    entries.push({ name: name.replaceAll('\\', '/'), ...entrySizes(view, at, extra) });
    at = next;
  }
  return entries;
}

/** An entry's uncompressed size and local header offset, from its ZIP64 extra field if need be. */
function entrySizes(view: DataView, at: number, extra: { at: number; length: number }) {
  let size = view.getUint32(at + 24, true);
  const compressed = view.getUint32(at + 20, true);
  let local = view.getUint32(at + 42, true);
  if (size !== 0xffffffff && local !== 0xffffffff) return { size, local };
  // The ZIP64 field holds, in order, only the values whose classic field is at its maximum.
  const field = findExtraField(view, extra, ZIP64_EXTRA);
  if (!field) throw new Error('The ZIP file is damaged: an entry lacks its ZIP64 sizes.');
  let cursor = field.at;
  const take = () => {
    if (cursor + 8 > field.at + field.length) {
      throw new Error('The ZIP file is damaged: an entry’s ZIP64 sizes are cut short.');
    }
    cursor += 8;
    return readUint64(view, cursor - 8);
  };
  if (size === 0xffffffff) size = take();
  if (compressed === 0xffffffff) take();
  if (local === 0xffffffff) local = take();
  return { size, local };
}

function findExtraField(view: DataView, extra: { at: number; length: number }, id: number) {
  let at = extra.at;
  while (at + 4 <= extra.at + extra.length) {
    const length = view.getUint16(at + 2, true);
    if (view.getUint16(at, true) === id) return { at: at + 4, length };
    at += 4 + length;
  }
  return null;
}

/** A 64-bit little-endian number; past 2^53 it cannot be an offset in a real file anyway. */
function readUint64(view: DataView, at: number): number {
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(value)) throw new Error('The ZIP file is damaged: a size is too big.');
  return value;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Names are UTF-8 when flagged so, or code page 437 by the format's letter. macOS and many tools
 * write UTF-8 without the flag, so an unflagged name that is valid UTF-8 is read as UTF-8.
 */
function decodeName(bytes: Uint8Array, flaggedUtf8: boolean): string {
  try {
    return utf8.decode(bytes);
  } catch {
    if (flaggedUtf8) throw new Error('The ZIP file is damaged: a file name is not valid UTF-8.');
    return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : CP437[b - 0x80])).join('');
  }
}

/** Code page 437's upper half, the encoding of names in older ZIPs. */
const CP437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Directories, and the resource forks and folder settings macOS adds, are not files to upload. */
function isListed(name: string): boolean {
  if (name.endsWith('/')) return false;
  if (name.startsWith('__MACOSX/')) return false;
  return baseName(name) !== '.DS_Store';
}
