import { describe, expect, it } from 'vitest';
import { readiness } from './datasets';

describe('a dataset’s readiness', () => {
  it.each([
    [undefined, 'Counting images…', 'muted'],
    [0, '0 images · 15 more needed to train', 'warn'],
    [1, '1 image · 14 more needed to train', 'warn'],
    [14, '14 images · 1 more needed to train', 'warn'],
    [15, '15 images · ready to train', 'ok'],
    [100, '100 images · ready to train', 'ok'],
    [101, '101 images · over the 100 a training can use', 'warn'],
  ])('%s images: “%s”', (count, text, tone) => {
    expect(readiness(count)).toEqual({ text, tone });
  });
});
