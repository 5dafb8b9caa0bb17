import { describe, expect, it } from 'vitest';
import { batchesOf, filesOf, itemProblem, settleUpload } from './batches';
import { trayItem } from '../../tests/tray-items';
import type { TrayItem } from './tray';

describe('upload batches', () => {
  const item = (n: number, extra: Partial<TrayItem> = {}): TrayItem => ({
    id: `i${n}`,
    accountId: 'a',
    datasetId: 'd',
    name: `img-${n}.png`,
    kind: 'image',
    type: 'image/png',
    size: 1000,
    blob: new Blob(['x']),
    caption: '',
    addedAt: n,
    ...extra,
  });

  it('at most 10 images per request; a ZIP travels alone', () => {
    const items = Array.from({ length: 23 }, (_, i) => item(i));
    expect(batchesOf(items).map((b) => b.length)).toEqual([10, 10, 3]);
    const zip = item(99, { kind: 'zip', name: 'set.zip' });
    expect(batchesOf([item(1), zip, item(2)]).map((b) => b.map((i) => i.name))).toEqual([
      ['img-1.png'],
      ['set.zip'],
      ['img-2.png'],
    ]);
  });

  it('large files split batches by bytes', () => {
    const big = Array.from({ length: 4 }, (_, i) => item(i, { size: 8 * 1024 * 1024 }));
    expect(batchesOf(big).map((b) => b.length)).toEqual([2, 2]);
  });

  it('a caption goes as a .txt of the image’s stem; an empty one is not sent', () => {
    expect(filesOf(item(1, { caption: ' a cat ' })).map((f) => f.name)).toEqual([
      'img-1.png',
      'img-1.txt',
    ]);
    expect(filesOf(item(1)).map((f) => f.name)).toEqual(['img-1.png']);
    expect(filesOf(item(1, { blob: null }))).toEqual([]);
  });

  it('a structured caption goes as a .json sidecar; a broken one is held before sending', async () => {
    const structured = '{"high_level_description": "A cat on a wall"}';
    const files = filesOf(item(1, { caption: structured }));
    expect(files.map((f) => [f.name, f.blob.type])).toEqual([
      ['img-1.png', expect.any(String)],
      ['img-1.json', 'application/json'],
    ]);
    expect(await files[1]!.blob.text()).toBe(structured);
    expect(itemProblem(item(1, { caption: structured }))).toBeNull();
    expect(itemProblem(item(1, { caption: 'plain {text}' }))).toBeNull();
    // Text that starts with a brace is text: sent as .txt, never held.
    expect(itemProblem(item(1, { caption: '{brand} mug on marble' }))).toBeNull();
    expect(filesOf(item(1, { caption: '{brand} mug on marble' })).map((f) => f.name)).toEqual([
      'img-1.png',
      'img-1.txt',
    ]);
    expect(itemProblem(item(1, { caption: '{"high_level_description": "cut' }))).toBe(
      'img-1.json: its caption is not valid JSON (a structured caption is one JSON object), so Ideogram would refuse it. Fix it, or write it as plain text.',
    );
  });

  it('a ZIP goes as it is, with the names the studio listed in it', () => {
    const zip = item(2, {
      kind: 'zip',
      name: 'set.zip',
      zip: { images: 1, captions: 1, names: ['a.jpg', 'a.txt'] },
    });
    expect(filesOf(zip)).toEqual([
      { name: 'set.zip', blob: zip.blob, entries: ['a.jpg', 'a.txt'] },
    ]);
  });
});

describe('what an upload’s answer means for each item sent', () => {
  const item = (name: string, extra: Partial<TrayItem> = {}) =>
    trayItem(name, { id: name, ...extra });
  const answer = (
    succeededNames: string[],
    failures: { fileName: string | null; reason: string }[],
  ) => ({
    total: succeededNames.length + failures.length,
    succeeded: succeededNames.length,
    failed: failures.length,
    succeededNames,
    failures,
  });
  const names = (items: TrayItem[]) => items.map((i) => i.name);

  it('an image refused by name stays, with why; the rest leave the tray', () => {
    const sent = [item('a.png'), item('b.png')];
    const { taken, kept, notes } = settleUpload(
      sent,
      answer(['a.png'], [{ fileName: 'b.png', reason: 'FAILED_SAFETY_CHECK' }]),
    );
    expect(names(taken)).toEqual(['a.png']);
    expect(kept).toEqual([
      { item: sent[1], problem: 'Rejected by Ideogram’s safety check: use another image.' },
    ]);
    expect(notes).toEqual([]);
  });

  it('a refused caption: its image stays unless Ideogram took the image anyway', () => {
    const sent = [item('a.png', { caption: 'x' }), item('b.png', { caption: 'y' })];
    const { taken, kept, notes } = settleUpload(
      sent,
      answer(
        ['a.png'],
        [
          { fileName: 'a.txt', reason: 'INVALID_CAPTION' },
          { fileName: 'b.txt', reason: 'INVALID_CAPTION' },
        ],
      ),
    );
    // a.png went without its caption (sending it again would add it twice); b.png did not go.
    expect(names(taken)).toEqual(['a.png']);
    expect(notes.map((n) => n.name)).toEqual(['a.txt']);
    expect(notes[0]!.problem).toMatch(/^a\.png was added without it\./);
    expect(names(kept.map((k) => k.item))).toEqual(['b.png']);
  });

  it('a ZIP goes as a whole: files refused inside it are reported, and it leaves the tray', () => {
    const zip = item('set.zip', { kind: 'zip', zip: { images: 3, captions: 0 } });
    const inside = settleUpload(
      [zip],
      answer(['x.jpg', 'y.jpg'], [{ fileName: 'z.jpg', reason: 'FILE_TOO_LARGE' }]),
    );
    expect(names(inside.taken)).toEqual(['set.zip']);
    expect(inside.notes).toEqual([
      { name: 'z.jpg', problem: 'Too large for Ideogram: use a smaller or more compressed image.' },
    ]);
    // The ZIP itself refused: it stays, to make again.
    const whole = settleUpload([zip], answer([], [{ fileName: 'set.zip', reason: 'INVALID_ZIP' }]));
    expect(whole.taken).toEqual([]);
    expect(whole.kept[0]!.problem).toBe('Ideogram could not open this ZIP: make it again.');
  });

  it('refusals without a name keep every image Ideogram did not name as taken', () => {
    const sent = [item('a.png'), item('b.png')];
    const { taken, kept } = settleUpload(
      sent,
      answer(['a.png'], [{ fileName: null, reason: 'INTERNAL_ERROR' }]),
    );
    expect(names(taken)).toEqual(['a.png']);
    expect(kept[0]!.item.name).toBe('b.png');
    expect(kept[0]!.problem).toMatch(/did not say whether it took this file/);
  });
});
