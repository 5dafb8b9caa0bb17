import { describe, expect, it } from 'vitest';
import { namedApart, overLimitOf, type PickedFile, planAdding } from './plan';
import { trayItem } from '../../tests/tray-items';
import type { TrayItem } from './tray';

// The tray's decisions, from what the page read of the files: added under which names, refused
// and why, captions paired, items past the dataset's limit, names set apart before an upload.

const image = (name: string, type = 'image/jpeg'): PickedFile => ({ name, type, size: 100 });
const caption = (name: string, text: string): PickedFile => ({
  name,
  type: 'text/plain',
  size: text.length,
  text,
});
const zip = (name: string, entries: string[] | null): PickedFile => ({
  name,
  type: 'application/zip',
  size: 1000,
  entries: entries && entries.map((entry) => ({ name: entry, size: 10 })),
});

const item = trayItem;

describe('files refused, in words', () => {
  it.each([
    [
      image('anim.gif', 'image/gif'),
      'anim.gif: Ideogram takes JPEG, PNG or WebP images, .txt and .json captions and ZIPs of them, not .gif files.',
    ],
    [
      image('notes.pdf', 'application/pdf'),
      'notes.pdf: Ideogram takes JPEG, PNG or WebP images, .txt and .json captions and ZIPs of them, not .pdf files.',
    ],
    [
      image('README', ''),
      'README: Ideogram takes JPEG, PNG or WebP images, .txt and .json captions and ZIPs of them.',
    ],
    [zip('broken.zip', null), 'broken.zip: not a ZIP that can be opened. Make it again.'],
    [
      { ...image('huge.jpg'), size: 12.5 * 1024 * 1024, sniffed: 'image/jpeg' },
      'huge.jpg: 12.5 MB, over the 10 MB an image may be.',
    ],
    [
      { ...image('fake.png', 'image/png'), sniffed: null },
      'fake.png: its contents are not a JPEG, PNG or WebP image, whatever its name says.',
    ],
    [
      caption('orphan.txt', 'nobody'),
      'orphan.txt: no image with the same name to caption (sunset.txt captions sunset.jpg).',
    ],
  ])('%j is not added', (file, words) => {
    const plan = planAdding([file], [], []);
    expect(plan.added).toEqual([]);
    expect(plan.refused).toEqual([words]);
  });

  it('adds an image of the limit’s size whose first bytes are an image', () => {
    const file = { ...image('ok.png', 'image/png'), size: 10 * 1024 * 1024, sniffed: 'image/png' };
    expect(planAdding([file], [], []).added.map((a) => a.name)).toEqual(['ok.png']);
  });

  it('refusals keep the files’ order; unmatched captions come last', () => {
    const plan = planAdding(
      [caption('a.txt', 'x'), image('b.gif', 'image/gif'), zip('c.zip', null), image('d.png')],
      [],
      [],
    );
    expect(plan.refused.map((words) => words.split(':')[0])).toEqual(['b.gif', 'c.zip', 'a.txt']);
    expect(plan.added.map((a) => a.name)).toEqual(['d.png']);
  });
});

describe('structured captions (.json sidecars)', () => {
  it('pairs a .json caption with its image, and refuses one that is not JSON, in words', () => {
    const good = '{"high_level_description": "A lighthouse"}';
    const plan = planAdding(
      [
        image('light.jpg'),
        { ...caption('light.json', good), type: 'application/json' },
        image('dark.jpg'),
        caption('dark.json', '{"high_level_description": '),
        image('list.jpg'),
        caption('list.json', '["not", "an object"]'),
      ],
      [],
      [],
    );
    expect(plan.added.map((a) => [a.name, a.caption])).toEqual([
      ['light.jpg', good],
      ['dark.jpg', ''],
      ['list.jpg', ''],
    ]);
    expect(plan.refused).toEqual([
      'dark.json: its caption is not valid JSON (a structured caption is one JSON object), so Ideogram would refuse it. Fix it, or write it as plain text.',
      'list.json: its caption is not valid JSON (a structured caption is one JSON object), so Ideogram would refuse it. Fix it, or write it as plain text.',
    ]);
  });

  it('refuses a JSON caption too long to keep whole, rather than cut its JSON', () => {
    const long = JSON.stringify({ high_level_description: 'x'.repeat(6000) });
    const plan = planAdding([image('a.jpg'), caption('a.json', long)], [], []);
    expect(plan.refused).toEqual([
      'a.json: its JSON caption is over 5,000 characters, more than Model Watch keeps. Shorten it.',
    ]);
  });
});

describe('captions paired by stem', () => {
  it.each([
    {
      case: 'with an image added with it',
      files: [image('sunset.jpg'), caption('sunset.txt', ' golden hour \n')],
      waiting: [],
      added: { 'sunset.jpg': 'golden hour' },
      captioned: [],
      unmatched: [],
    },
    {
      case: 'whatever the case',
      files: [caption('Beach.TXT', 'sand'), image('beach.png', 'image/png')],
      waiting: [],
      added: { 'beach.png': 'sand' },
      captioned: [],
      unmatched: [],
    },
    {
      case: 'with an image already waiting',
      files: [caption('city.txt', 'lights')],
      waiting: [item('city.webp')],
      added: {},
      captioned: [{ id: 'id-city.webp', caption: 'lights' }],
      unmatched: [],
    },
    {
      case: 'with an image waiting for its site (no bytes yet)',
      files: [caption('far.txt', 'away')],
      waiting: [item('far.jpg', { blob: null })],
      added: {},
      captioned: [{ id: 'id-far.jpg', caption: 'away' }],
      unmatched: [],
    },
    {
      case: 'never with a ZIP: the caption is not added',
      files: [zip('set.zip', ['a.jpg']), caption('set.txt', 'no')],
      waiting: [],
      added: { 'set.zip': '' },
      captioned: [],
      unmatched: ['set.txt'],
    },
    {
      case: 'with no image, new or waiting: the caption is not added',
      files: [image('dawn.jpg'), caption('dusk.txt', 'late')],
      waiting: [item('noon.jpg')],
      added: { 'dawn.jpg': '' },
      captioned: [],
      unmatched: ['dusk.txt'],
    },
    {
      case: 'an image without a caption has none',
      files: [image('plain.jpg')],
      waiting: [],
      added: { 'plain.jpg': '' },
      captioned: [],
      unmatched: [],
    },
  ])('$case', ({ files, waiting, added, captioned, unmatched }) => {
    const plan = planAdding(files, waiting, []);
    expect(Object.fromEntries(plan.added.map((a) => [a.name, a.caption]))).toEqual(added);
    expect(plan.captioned).toEqual(captioned);
    expect(plan.refused).toEqual(
      unmatched.map(
        (name) =>
          `${name}: no image with the same name to caption (sunset.txt captions sunset.jpg).`,
      ),
    );
  });

  it('a caption keeps at most 5,000 characters', () => {
    const plan = planAdding([image('long.jpg'), caption('long.txt', 'a'.repeat(6000))], [], []);
    expect(plan.added[0]!.caption).toHaveLength(5000);
  });
});

describe('names made unique against the tray and the dataset', () => {
  it.each([
    {
      case: 'a new name stays',
      files: ['photo.jpg'],
      waiting: [],
      inDataset: [],
      names: ['photo.jpg'],
    },
    {
      case: 'a name waiting in the tray, by stem',
      files: ['photo.jpg'],
      waiting: ['photo.png'],
      inDataset: [],
      names: ['photo-2.jpg'],
    },
    {
      case: 'a name the dataset holds',
      files: ['photo.jpg'],
      waiting: [],
      inDataset: ['PHOTO.jpg'],
      names: ['photo-2.jpg'],
    },
    {
      case: 'both, and each other',
      files: ['photo.jpg', 'photo.jpg'],
      waiting: ['photo.png'],
      inDataset: ['photo-2.jpg'],
      names: ['photo-3.jpg', 'photo-4.jpg'],
    },
    {
      case: 'folders and forbidden characters',
      files: ['photos/b:c.jpg'],
      waiting: [],
      inDataset: [],
      names: ['b-c.jpg'],
    },
    {
      case: 'an unreadable ZIP still holds its stem',
      files: ['set.zip', 'set.jpg'],
      waiting: [],
      inDataset: [],
      names: ['set-2.jpg'],
    },
  ])('$case', ({ files, waiting, inDataset, names }) => {
    const picked = files.map((name) => (name.endsWith('.zip') ? zip(name, null) : image(name)));
    const plan = planAdding(
      picked,
      waiting.map((name) => item(name)),
      inDataset,
    );
    expect(plan.added.map((a) => a.name)).toEqual(names);
  });

  it('the file picked travels with its plan, and a ZIP says what it holds', () => {
    // manifest.json and readme.txt caption no image: not counted as captions.
    const set = zip('set.zip', [
      'a.jpg',
      'b.PNG',
      'a.txt',
      'notes.md',
      'sub/c.webp',
      'sub/c.json',
      'manifest.json',
      'readme.txt',
    ]);
    const plan = planAdding([set], [], []);
    expect(plan.added).toEqual([
      {
        file: set,
        name: 'set.zip',
        kind: 'zip',
        caption: '',
        zip: {
          images: 3,
          captions: 2,
          // Kept by name, for the sample account (which reads no ZIP) to upload.
          names: [
            'a.jpg',
            'b.PNG',
            'a.txt',
            'notes.md',
            'sub/c.webp',
            'sub/c.json',
            'manifest.json',
            'readme.txt',
          ],
        },
      },
    ]);
  });
});

describe('items over the dataset’s 100-image limit', () => {
  const images = (n: number, prefix = 'img') =>
    Array.from({ length: n }, (_, i) => item(`${prefix}-${i}.png`));
  const ids = (items: TrayItem[]) => items.map((i) => i.id);

  it.each([
    { case: 'an empty dataset takes 100', items: images(101), inDataset: 0, room: 100, over: 1 },
    {
      case: 'an unknown count is taken as 0',
      items: images(3),
      inDataset: null,
      room: 100,
      over: 0,
    },
    { case: 'counting what is already there', items: images(5), inDataset: 97, room: 3, over: 2 },
    { case: 'a full dataset takes none', items: images(2), inDataset: 100, room: 0, over: 2 },
    { case: 'an overfull one neither', items: images(1), inDataset: 120, room: 0, over: 1 },
  ])('$case', ({ items, inDataset, room, over }) => {
    const limit = overLimitOf(items, inDataset);
    expect(limit.room).toBe(room);
    expect([...limit.over]).toEqual(ids(items.slice(items.length - over)));
  });

  it('a ZIP counts its images: it is over when they do not all fit, and what follows it too', () => {
    const set = item('set.zip', { kind: 'zip', zip: { images: 10, captions: 0 } });
    const before = images(2, 'first');
    const after = images(1, 'after');
    const limit = overLimitOf([...before, set, ...after], 90);
    expect(limit.room).toBe(10);
    expect([...limit.over]).toEqual([set.id, ...ids(after)]);
  });

  it('oldest first in: the first items take the room, in the tray’s order', () => {
    const limit = overLimitOf(images(4), 98);
    expect([...limit.over]).toEqual(['id-img-2.png', 'id-img-3.png']);
  });
});

describe('names set apart before an upload', () => {
  const named = (name: string) => ({ id: name, name });

  it.each([
    {
      case: 'new names stay',
      items: ['a.jpg', 'b.jpg'],
      inDataset: ['c.jpg'],
      names: ['a.jpg', 'b.jpg'],
    },
    {
      case: 'a name the dataset holds gets a number',
      items: ['photo.jpg'],
      inDataset: ['photo.png'],
      names: ['photo-2.jpg'],
    },
    {
      case: 'the new name avoids the other items’ names too',
      items: ['photo.jpg', 'photo-2.jpg'],
      inDataset: ['photo.jpg'],
      names: ['photo-3.jpg', 'photo-2.jpg'],
    },
    {
      case: 'two items of one stem, both in the dataset',
      items: ['x.jpg', 'x.png'],
      inDataset: ['x.webp'],
      names: ['x-2.jpg', 'x-3.png'],
    },
  ])('$case', ({ items, inDataset, names }) => {
    const result = namedApart(items.map(named), inDataset);
    expect(result.named.map((i) => i.name)).toEqual(names);
    expect(result.renamed).toEqual(
      items.flatMap((before, i) => (before === names[i] ? [] : [{ id: before, name: names[i] }])),
    );
  });

  it('keeps everything else of an item, and leaves the items given unchanged', () => {
    const given = [item('photo.jpg', { caption: 'kept' })];
    const { named } = namedApart(given, ['photo.jpg']);
    expect(named[0]).toEqual({ ...given[0], name: 'photo-2.jpg' });
    expect(given[0]!.name).toBe('photo.jpg');
  });
});
