import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  failureWords,
  imageCountProblem,
  kindOf,
  matchCaptions,
  modelNameProblem,
  sniffImageType,
  uniqueName,
} from './rules';

describe('model names, checked as Ideogram checks them', () => {
  it.each([
    ['Brand v3', null],
    ['brand-v3-final', null],
    ['abcde', null],
    ['a'.repeat(30), null],
    ['  Brand v3  ', null],
    ['', 'Give the model a name.'],
    ['   ', 'Give the model a name.'],
    ['abcd', 'A name needs at least 5 characters (this has 4).'],
    ['a'.repeat(31), 'A name has at most 30 characters (this has 31).'],
    ['Brand_v3', 'Only letters, digits, spaces and hyphens: remove “_”.'],
    ['Brand v3!?', 'Only letters, digits, spaces and hyphens: remove “!” “?”.'],
    ['Café model', 'Only letters, digits, spaces and hyphens: remove “é”.'],
    ['<img src=x>', 'Only letters, digits, spaces and hyphens: remove “<” “=” “>”.'],
  ])('%j → %j', (name, problem) => {
    expect(modelNameProblem(name)).toBe(problem);
  });
});

describe('a dataset’s image count', () => {
  it.each([
    [14, 'A training needs at least 15 images: this dataset has 14, 1 more needed.'],
    [15, null],
    [100, null],
    [101, 'A training takes at most 100 images: this dataset has 101.'],
  ])('%i images → %j', (count, problem) => {
    expect(imageCountProblem(count)).toBe(problem);
  });
});

describe('advanced settings', () => {
  const empty = { trainingSteps: '', loraRank: '', ema: '', learningRate: '', batchSize: '' };

  it('empty fields take Ideogram’s defaults: nothing is sent for them', () => {
    expect(checkSettings(empty)).toEqual({ ok: true, settings: {} });
  });

  it('valid values are read as numbers', () => {
    expect(
      checkSettings({
        ...empty,
        trainingSteps: '2000',
        loraRank: '64',
        ema: '0.99',
        learningRate: '1e-5',
      }),
    ).toEqual({
      ok: true,
      settings: { trainingSteps: 2000, loraRank: 64, ema: 0.99, learningRate: 0.00001 },
    });
  });

  it('a batch size is Ideogram 4.0’s alone: checked there, never sent to 3.0', () => {
    expect(checkSettings({ ...empty, batchSize: '8' }, 'v4')).toEqual({
      ok: true,
      settings: { batchSize: 8 },
    });
    expect(checkSettings({ ...empty, batchSize: '8' }, 'v3')).toEqual({ ok: true, settings: {} });
    expect(checkSettings({ ...empty, batchSize: '3' }, 'v4')).toEqual({
      ok: false,
      problems: { batchSize: 'Batch size is 1, 2, 4, 8, 16 or 32.' },
    });
  });

  it.each([
    ['trainingSteps', '150', 'Steps go from 100 to 10,000, in hundreds.'],
    ['trainingSteps', '0', 'Steps go from 100 to 10,000, in hundreds.'],
    ['trainingSteps', '10100', 'Steps go from 100 to 10,000, in hundreds.'],
    ['trainingSteps', 'lots', 'Steps go from 100 to 10,000, in hundreds.'],
    ['loraRank', '96', 'LoRA rank is 64 or 128.'],
    ['ema', '1', 'EMA is between 0 and 1 (not either), usually 0.99 to 0.9999.'],
    ['ema', '0', 'EMA is between 0 and 1 (not either), usually 0.99 to 0.9999.'],
    ['learningRate', '0', 'The learning rate is above 0, usually 0.00001 to 0.0001.'],
    ['learningRate', '-1', 'The learning rate is above 0, usually 0.00001 to 0.0001.'],
  ] as const)('%s = %j is refused in words', (field, value, words) => {
    expect(checkSettings({ ...empty, [field]: value })).toEqual({
      ok: false,
      problems: { [field]: words },
    });
  });

  it.each(['100', '10000', '1000'])('steps %s are fine', (steps) => {
    expect(checkSettings({ ...empty, trainingSteps: steps }).ok).toBe(true);
  });
});

describe('captions matched by file-name stem', () => {
  it('pairs sunset.txt with sunset.jpg, whatever the case, and names the unmatched', () => {
    const { byImage, unmatched } = matchCaptions(
      [
        { name: 'sunset.txt', text: ' golden hour \n' },
        { name: 'Beach.TXT', text: 'sand' },
        { name: 'orphan.txt', text: 'nobody' },
      ],
      ['sunset.jpg', 'beach.png', 'city.webp'],
    );
    expect(Object.fromEntries(byImage)).toEqual({
      'sunset.jpg': 'golden hour',
      'beach.png': 'sand',
    });
    expect(unmatched).toEqual(['orphan.txt']);
  });
});

describe('what a file is to a dataset', () => {
  it.each([
    ['a.jpg', '', 'image'],
    ['a.JPEG', '', 'image'],
    ['a.webp', '', 'image'],
    ['noext', 'image/png', 'image'],
    ['a.txt', 'text/plain', 'caption'],
    ['set.zip', '', 'zip'],
    ['a.gif', 'image/gif', 'refused'],
    ['a.pdf', 'application/pdf', 'refused'],
  ] as const)('%s (%s) is %s', (name, type, kind) => {
    expect(kindOf(name, type)).toBe(kind);
  });

  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'image/png'],
    [
      [...'RIFF']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0, 0, 0, 0],
          [...'WEBP'].map((c) => c.charCodeAt(0)),
        ),
      'image/webp',
    ],
    [[...'GIF89a'].map((c) => c.charCodeAt(0)), null],
    [[...'<svg'].map((c) => c.charCodeAt(0)), null],
    [[], null],
  ])('bytes %j are %s by their first bytes', (bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type);
  });

  it('a name already taken (by stem) gets a number, so captions never pair wrongly', () => {
    expect(uniqueName('photo.jpg', ['photo.png'])).toBe('photo-2.jpg');
    expect(uniqueName('photo.jpg', ['photo.png', 'photo-2.jpg'])).toBe('photo-3.jpg');
    expect(uniqueName('photos/b:c.jpg', [])).toBe('b-c.jpg');
  });

  it('each documented failure reason reads as what to do', () => {
    expect(failureWords('FAILED_SAFETY_CHECK')).toBe(
      'Rejected by Ideogram’s safety check: use another image.',
    );
    expect(failureWords('FILE_TOO_LARGE')).toMatch(/^Too large/);
    expect(failureWords('TOO_MANY_IMAGES')).toMatch(/100 images at most/);
    expect(failureWords('SOMETHING_NEW')).toBe('Ideogram refused it (something new).');
  });
});
