import type { PriceQuote } from '../api/generation';

// How a price Ideogram quoted is said: dollars to the cent (a fraction of a cent says so), an
// estimate as "about", with the most it may cost.

/** `$0.24`; under a cent, `$0.004`; nothing is ever rounded down to `$0.00`. */
export function dollars(micros: number): string {
  const value = micros / 1_000_000;
  if (micros > 0 && value < 0.01) return `$${value.toPrecision(1)}`;
  return `$${value.toFixed(2)}`;
}

/** "$0.24", or "about $0.24 (at most $0.30)" for an estimate. */
export function priceWords(quote: PriceQuote): string {
  if (quote.qualifier === 'exact') return dollars(quote.usdMicros);
  const most =
    quote.upperBoundUsdMicros !== null && quote.upperBoundUsdMicros > quote.usdMicros
      ? ` (at most ${dollars(quote.upperBoundUsdMicros)})`
      : '';
  return `about ${dollars(quote.usdMicros)}${most}`;
}

/** The try button's words: "Generate 4 images · $0.24" (a price only once it is quoted). */
export function generateButtonWords(images: number, quote: PriceQuote | null): string {
  const what = `Generate ${images} ${images === 1 ? 'image' : 'images'}`;
  return quote ? `${what} · ${priceWords(quote)}` : what;
}
