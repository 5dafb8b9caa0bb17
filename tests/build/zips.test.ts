import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  version: string;
};

/** The file names in a zip, from its central directory. */
function zipEntries(file: string): string[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra;
  }
  return names;
}

// What `npm run zip` makes for the stores.
describe('the store packages', () => {
  it.each(['chrome', 'firefox'])(
    'the %s zip holds the built extension and nothing else',
    (browser) => {
      const entries = zipEntries(`.output/${name}-${version}-${browser}.zip`);
      expect(entries).toContain('manifest.json');
      expect(entries).toContain('background.js');
      expect(entries).toContain('popup.html');
      expect(entries).toContain('privacy.html');
      expect(
        entries.some((e) => e.endsWith('.map') || e.includes('test') || e.endsWith('.ts')),
      ).toBe(false);
      expect(entries.includes('offscreen.html')).toBe(browser === 'chrome');
    },
  );

  it('the sources zip can rebuild it, without dependencies or build output', () => {
    const entries = zipEntries(`.output/${name}-${version}-sources.zip`);
    for (const needed of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'README.md',
      'PRIVACY.md',
    ]) {
      expect(entries).toContain(needed);
    }
    expect(entries.some((e) => e.startsWith('entrypoints/'))).toBe(true);
    expect(entries.some((e) => e.startsWith('node_modules/') || e.startsWith('.output/'))).toBe(
      false,
    );
  });
});
