// Files tests upload: image bytes of each kind Ideogram takes, and ZIP archives written by hand.

/** Bytes that begin as a real image of `kind` does (all the fake checks), `size` long in all. */
export function fakeImageBytes(kind: 'jpeg' | 'png' | 'webp', size = 64): Uint8Array<ArrayBuffer> {
  const head = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    webp: [...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [0x57, 0x45, 0x42, 0x50]),
  }[kind];
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head);
  for (let i = head.length; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

export interface ZipSpecEntry {
  /** Its path in the archive (a trailing `/` makes a directory), or raw name bytes. */
  name: string | Uint8Array;
  data?: Uint8Array | string;
  /** The uncompressed size the archive claims, when a test needs more than it sends. */
  claimedSize?: number;
  /** Sets the UTF-8 name flag (bit 11); on by default for string names. */
  utf8?: boolean;
}

/**
 * A ZIP archive written by hand, every entry stored (not compressed), as any unzip tool reads
 * it. `zip64` writes its sizes and offsets the ZIP64 way, as some tools always do.
 */
export function storedZip(
  entries: ZipSpecEntry[],
  options: { comment?: string; zip64?: boolean } = {},
): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder();
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  const u64 = (n: number) => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];
  const max32 = 0xffffffff;
  const zip64 = options.zip64 ?? false;
  const out: number[] = [];
  const central: number[] = [];
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? text.encode(entry.name) : entry.name;
    const data = typeof entry.data === 'string' ? text.encode(entry.data) : (entry.data ?? []);
    const size = entry.claimedSize ?? data.length;
    const flags = (entry.utf8 ?? typeof entry.name === 'string') ? 0x800 : 0;
    const isDirectory = name.at(-1) === 0x2f;
    const offset = out.length;
    // Version, flags, method 0 (stored), time 00:00, date 1980-01-01, CRC-32, sizes.
    const common = [
      ...u16(zip64 ? 45 : 20),
      ...u16(flags),
      ...u16(0),
      ...u16(0),
      ...u16(0x21),
      ...u32(crc32(data)),
    ];
    const localExtra = zip64 ? [...u16(1), ...u16(16), ...u64(size), ...u64(data.length)] : [];
    out.push(
      ...u32(0x04034b50),
      ...common,
      ...u32(zip64 ? max32 : data.length),
      ...u32(zip64 ? max32 : size),
      ...u16(name.length),
      ...u16(localExtra.length),
      ...name,
      ...localExtra,
      ...data,
    );
    const extra = zip64
      ? [...u16(1), ...u16(24), ...u64(size), ...u64(data.length), ...u64(offset)]
      : [];
    central.push(
      ...u32(0x02014b50),
      ...u16(0x031e),
      ...common,
      ...u32(zip64 ? max32 : data.length),
      ...u32(zip64 ? max32 : size),
      ...u16(name.length),
      ...u16(extra.length),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(isDirectory ? 0x10 : 0),
      ...u32(zip64 ? max32 : offset),
      ...name,
      ...extra,
    );
  }
  const directoryOffset = out.length;
  out.push(...central);
  if (zip64) {
    const record = out.length;
    out.push(...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0));
    out.push(...u64(entries.length), ...u64(entries.length));
    out.push(...u64(central.length), ...u64(directoryOffset));
    out.push(...u32(0x07064b50), ...u32(0), ...u64(record), ...u32(1));
  }
  const comment = text.encode(options.comment ?? '');
  const count = zip64 ? 0xffff : entries.length;
  out.push(...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count));
  out.push(...u32(zip64 ? max32 : central.length), ...u32(zip64 ? max32 : directoryOffset));
  out.push(...u16(comment.length), ...comment);
  return new Uint8Array(out);
}

function crc32(bytes: ArrayLike<number>): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
