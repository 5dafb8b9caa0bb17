import { describe, expect, it } from 'vitest';
import { formatWait, parseRetryAfter } from './retry-after';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    ['Sat, 21 Nov 2026 12:02:00 GMT', 120],
    ['Sat, 21 Nov 2026 12:00:30 GMT', 30],
    // Bounded: a header asking for years is read as the longest wait, an hour.
    ['1000000000', 3600],
    ['Tue, 21 Nov 2034 12:00:00 GMT', 3600],
  ])('reads %j as %d seconds', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });

  // Zero, negative and past waits mean "soon": the usual back-off applies, not a wait of 0.
  it.each([
    [null],
    [''],
    ['soon'],
    [' 0 '],
    ['-5'],
    ['1.5'],
    ['1e9'],
    ['5 minutes'],
    ['2026-11-21'],
    ['Sat, 21 Nov 2026 11:00:00 GMT'],
  ])('ignores %j', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  it('measures a date against the answer’s own Date header, not a clock hours off', () => {
    // The server says it is 12:00 and asks for 12:01; the client's clock says 09:00.
    const clientNow = Date.UTC(2026, 10, 21, 9, 0, 0);
    expect(
      parseRetryAfter('Sat, 21 Nov 2026 12:01:00 GMT', clientNow, 'Sat, 21 Nov 2026 12:00:00 GMT'),
    ).toBe(60);
    // Without a Date header, the client's clock is all there is (and the cap still holds).
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:01:00 GMT', clientNow)).toBe(3600);
    // An unreadable Date header is ignored.
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:01:00 GMT', NOW, 'garbage')).toBe(60);
  });
});

describe('formatWait', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '60 s'],
    [90, '90 s'],
    [150, '3 min'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
  ])('%d seconds is %j', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});
