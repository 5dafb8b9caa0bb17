import { describe, expect, it } from 'vitest';
import type { PriceQuote } from '../api/generation';
import { dollars, generateButtonWords, priceWords } from './price';

const exact = (usdMicros: number): PriceQuote => ({
  usdMicros,
  upperBoundUsdMicros: null,
  qualifier: 'exact',
  quantity: 1,
});

describe('a price in words', () => {
  it.each([
    [240_000, '$0.24'],
    [60_000, '$0.06'],
    [1_500_000, '$1.50'],
    [4_000, '$0.004'],
    [0, '$0.00'],
  ])('%i micros is %s', (micros, words) => {
    expect(dollars(micros)).toBe(words);
  });

  it('says an estimate as about, with the most it may cost', () => {
    expect(priceWords(exact(240_000))).toBe('$0.24');
    expect(
      priceWords({ ...exact(240_000), qualifier: 'estimate', upperBoundUsdMicros: 300_000 }),
    ).toBe('about $0.24 (at most $0.30)');
    expect(priceWords({ ...exact(240_000), qualifier: 'estimate' })).toBe('about $0.24');
  });

  it('puts the price on the button once it is quoted', () => {
    expect(generateButtonWords(4, exact(240_000))).toBe('Generate 4 images · $0.24');
    expect(generateButtonWords(1, null)).toBe('Generate 1 image');
  });
});
