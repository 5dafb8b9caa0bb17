import { describe, expect, it } from 'vitest';
import { storedZip } from '../../tests/fake-api';
import { isCaptionName, isImageName, stemOf } from './rules';
import { listZip, listZipFile } from './zip';

/**
 * A ZIP made by Info-ZIP's `zip -r` 3.0 (not by this project): folders, a deflated entry, and
 * the extra fields (timestamps, owner) real tools add.
 */
const INFO_ZIP = Uint8Array.from(
  atob(
    'UEsDBAoAAAAAAAAAIVwAAAAAAAAAAAAAAAAEABwAc2V0L1VUCQADALlVaawrAmt1eAsAAQQAAAAABAAAAABQSwMECgAAAAAAAAAhXG38h5YWAAAAFgAAAA4AHABzZXQvc3Vuc2V0LnR4dFVUCQADALlVaawrAmt1eAsAAQQAAAAABAAAAABhIHN1bnNldCBvdmVyIHRoZSBzZWEKUEsDBAoAAAAAAAAAIVwAAAAAAAAAAAAAAAAIABwAc2V0L3N1Yi9VVAkAAwC5VWmsKwJrdXgLAAEEAAAAAAQAAAAAUEsDBBQAAAAIAAAAIVz7gK6xGAAAANgHAAAVABwAc2V0L3N1Yi9Mb2dvIE1hcmsuUE5HVVQJAAMAuVVprCsCa3V4CwABBAAAAAAEAAAAAOsM8HPn5ZLiYhgFo2AUjIJRMApGwZAHAFBLAwQKAAAAAAAAACFcT4WAGCwAAAAsAAAADgAcAHNldC9zdW5zZXQuanBnVVQJAAMAuVVprCsCa3V4CwABBAAAAAAEAAAAAP/Y/+AAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnUEsBAh4DCgAAAAAAAAAhXAAAAAAAAAAAAAAAAAQAGAAAAAAAAAAQAO1BAAAAAHNldC9VVAUAAwC5VWl1eAsAAQQAAAAABAAAAABQSwECHgMKAAAAAAAAACFcbfyHlhYAAAAWAAAADgAYAAAAAAABAAAApIE+AAAAc2V0L3N1bnNldC50eHRVVAUAAwC5VWl1eAsAAQQAAAAABAAAAABQSwECHgMKAAAAAAAAACFcAAAAAAAAAAAAAAAACAAYAAAAAAAAABAA7UGcAAAAc2V0L3N1Yi9VVAUAAwC5VWl1eAsAAQQAAAAABAAAAABQSwECHgMUAAAACAAAACFc+4CusRgAAADYBwAAFQAYAAAAAAAAAAAApIHeAAAAc2V0L3N1Yi9Mb2dvIE1hcmsuUE5HVVQFAAMAuVVpdXgLAAEEAAAAAAQAAAAAUEsBAh4DCgAAAAAAAAAhXE+FgBgsAAAALAAAAA4AGAAAAAAAAAAAAKSBRQEAAHNldC9zdW5zZXQuanBnVVQFAAMAuVVpdXgLAAEEAAAAAAQAAAAAUEsFBgAAAAAFAAUAmwEAALkBAAAAAA==',
  ),
  (c) => c.charCodeAt(0),
);

describe('listZip', () => {
  it('lists the files of a ZIP a real tool made, with their uncompressed sizes', () => {
    expect(listZip(INFO_ZIP)).toEqual([
      { name: 'set/sunset.txt', size: 22 },
      { name: 'set/sub/Logo Mark.PNG', size: 2008 },
      { name: 'set/sunset.jpg', size: 44 },
    ]);
  });

  it('lists entries in the archive’s order, empty ones too', () => {
    const zip = storedZip([
      { name: 'b.png', data: 'png bytes' },
      { name: 'a.jpg', data: new Uint8Array(1000) },
      { name: 'empty.txt', data: '' },
    ]);
    expect(listZip(zip)).toEqual([
      { name: 'b.png', size: 9 },
      { name: 'a.jpg', size: 1000 },
      { name: 'empty.txt', size: 0 },
    ]);
  });

  it('leaves out folders and what macOS adds (__MACOSX/, .DS_Store)', () => {
    const zip = storedZip([
      { name: 'photos/' },
      { name: 'photos/one.jpg', data: 'x' },
      { name: '__MACOSX/' },
      { name: '__MACOSX/photos/._one.jpg', data: 'resource fork' },
      { name: 'photos/.DS_Store', data: 'finder' },
      { name: '.DS_Store', data: 'finder' },
    ]);
    expect(listZip(zip)).toEqual([{ name: 'photos/one.jpg', size: 1 }]);
  });

  it('reads an archive with a comment after its directory', () => {
    const zip = storedZip([{ name: 'a.jpg', data: 'x' }], { comment: 'made for Ideogram' });
    expect(listZip(zip)).toEqual([{ name: 'a.jpg', size: 1 }]);
  });

  it('reads an empty archive as no files', () => {
    expect(listZip(storedZip([]))).toEqual([]);
  });

  it('reads ZIP64 archives (sizes and offsets in ZIP64 records)', () => {
    const zip = storedZip(
      [
        { name: 'big.png', data: 'x', claimedSize: 5 * 2 ** 32 },
        { name: 'small.jpg', data: 'abc' },
      ],
      { zip64: true },
    );
    expect(listZip(zip)).toEqual([
      { name: 'big.png', size: 5 * 2 ** 32 },
      { name: 'small.jpg', size: 3 },
    ]);
  });

  it('reads names as UTF-8 (flagged or not) and old archives’ names as code page 437', () => {
    const utf8 = new TextEncoder().encode('日本/café.jpg');
    const cp437 = new Uint8Array([0x63, 0x61, 0x66, 0x82, 0x2e, 0x6a, 0x70, 0x67]); // caf\x82.jpg
    const zip = storedZip([
      { name: 'flagged é.png', data: 'x' },
      { name: utf8, data: 'x', utf8: false },
      { name: cp437, data: 'x', utf8: false },
    ]);
    expect(listZip(zip).map((e) => e.name)).toEqual(['flagged é.png', '日本/café.jpg', 'café.jpg']);
  });

  it('reads Windows-style backslashes in names as folders', () => {
    const zip = storedZip([{ name: 'shots\\a.jpg', data: 'x' }]);
    expect(listZip(zip)).toEqual([{ name: 'shots/a.jpg', size: 1 }]);
  });

  it('reads bytes that are a view into a larger buffer', () => {
    const zip = storedZip([{ name: 'a.jpg', data: 'xyz' }]);
    const larger = new Uint8Array(zip.length + 20);
    larger.set(zip, 7);
    expect(listZip(larger.subarray(7, 7 + zip.length))).toEqual([{ name: 'a.jpg', size: 3 }]);
  });

  it.each([
    ['no bytes', new Uint8Array()],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
    ['text', new TextEncoder().encode('PK? not really, just some text that is long enough')],
  ])('refuses what is not a ZIP (%s)', (_, bytes) => {
    expect(() => listZip(bytes)).toThrow(/^Not a ZIP file/);
  });

  it('refuses every archive cut short, wherever it was cut', () => {
    for (const zip of [
      INFO_ZIP,
      storedZip([{ name: 'a.jpg', data: 'abc' }], { comment: 'a comment' }),
      storedZip([{ name: 'a.jpg', data: 'abc' }], { zip64: true }),
    ]) {
      for (let length = 0; length < zip.length; length++) {
        expect(() => listZip(zip.subarray(0, length)), `cut at ${length}`).toThrow(Error);
      }
    }
  });

  it('says a cut ZIP is truncated, not that it is no ZIP', () => {
    expect(() => listZip(INFO_ZIP.subarray(0, 500))).toThrow(/truncated/);
    // Its start missing: the directory points at data that is not there.
    expect(() => listZip(INFO_ZIP.subarray(100))).toThrow(/truncated/);
  });

  it('refuses a damaged central directory', () => {
    const zip = storedZip([{ name: 'a.jpg', data: 'abc' }]);
    const damaged = zip.slice();
    const directory = zip.length - 22 - (46 + 'a.jpg'.length);
    damaged[directory] = 0; // its signature
    expect(() => listZip(damaged)).toThrow(/damaged/);
  });

  it('refuses split archives', () => {
    const zip = storedZip([{ name: 'a.jpg', data: 'abc' }]).slice();
    zip[zip.length - 22 + 4] = 1; // this is disk 1
    expect(() => listZip(zip)).toThrow(/Split/);
  });
});

/** A file that counts the bytes read from it, and where. */
function countingFile(bytes: Uint8Array) {
  const whole = new Blob([new Uint8Array(bytes)]);
  const reads: [number, number][] = [];
  const file = {
    size: whole.size,
    slice(start?: number, end?: number) {
      reads.push([start ?? 0, end ?? whole.size]);
      return whole.slice(start, end);
    },
  } as Blob;
  const bytesRead = () => reads.reduce((sum, [start, end]) => sum + end - start, 0);
  return { file, reads, bytesRead };
}

describe('listZipFile', () => {
  it('lists a picked ZIP from its end, never reading its images', async () => {
    // 40 images of 100 KB: 4 MB of data, a directory of 2 KB.
    const image = new Uint8Array(100_000).fill(0xab);
    const zip = storedZip(
      Array.from({ length: 40 }, (_, i) => ({ name: `shots/${i}.jpg`, data: image })),
      { comment: 'made for Ideogram' },
    );
    const { file, bytesRead } = countingFile(zip);
    const entries = await listZipFile(file);
    expect(entries).toEqual(listZip(zip));
    expect(entries).toHaveLength(40);
    // The end (at most a comment's worth), the directory, and four bytes at each entry's start.
    expect(bytesRead()).toBeLessThan(80_000);
    expect(zip.length).toBeGreaterThan(4_000_000);
  }, 20_000);

  it('reads ZIP64 archives and refuses cut or foreign ones in the same words as listZip', async () => {
    const zip64 = storedZip([{ name: 'a.jpg', data: 'abc' }], { zip64: true });
    expect(await listZipFile(countingFile(zip64).file)).toEqual([{ name: 'a.jpg', size: 3 }]);
    for (const bytes of [
      INFO_ZIP.subarray(0, 500),
      INFO_ZIP.subarray(100),
      zip64.subarray(0, zip64.length - 30),
      new TextEncoder().encode('not a zip at all'),
    ]) {
      const words = (() => {
        try {
          listZip(bytes);
        } catch (error) {
          return (error as Error).message;
        }
        return 'listed';
      })();
      await expect(listZipFile(countingFile(bytes).file)).rejects.toThrow(words);
    }
  });
});

describe('names', () => {
  it.each([
    ['a.jpg', true],
    ['A.JPEG', true],
    ['dir/photo.Png', true],
    ['x.webp', true],
    ['x.gif', false],
    ['x.jpg.txt', false],
    ['jpg', false],
    ['x.heic', false],
  ])('isImageName(%s) is %s', (name, expected) => {
    expect(isImageName(name)).toBe(expected);
  });

  it('knows captions by their .txt extension', () => {
    expect(isCaptionName('sunset.txt')).toBe(true);
    expect(isCaptionName('SUNSET.TXT')).toBe(true);
    expect(isCaptionName('sunset.jpg')).toBe(false);
    expect(isCaptionName('txt')).toBe(false);
  });

  it.each([
    ['sunset.jpg', 'sunset'],
    ['sunset.txt', 'sunset'],
    ['set/sub/Logo Mark.PNG', 'Logo Mark'],
    ['a\\b\\c.jpg', 'c'],
    ['archive.tar.gz', 'archive.tar'],
    ['noextension', 'noextension'],
    ['.hidden', '.hidden'],
    ['dir/', ''],
  ])('stemOf(%s) is %s', (name, stem) => {
    expect(stemOf(name)).toBe(stem);
  });
});
