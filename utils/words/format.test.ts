import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDuration,
  plural,
  shortDate,
  shortDateTime,
  timeAgo,
} from './format';

const NOW = new Date(2026, 10, 21, 12, 0, 0).getTime();
const MIN = 60_000;

describe('format', () => {
  it.each([
    [0, '0 models'],
    [1, '1 model'],
    [2, '2 models'],
    [1204, '1,204 models'],
  ])('plural(%d)', (n, text) => {
    expect(plural(n, 'model')).toBe(text);
  });

  it.each([
    [0, 'just now'],
    [30_000, 'just now'],
    [50_000, '1 min ago'],
    [2 * MIN, '2 min ago'],
    [59 * MIN, '59 min ago'],
    [61 * MIN, '1 h ago'],
    [23 * 60 * MIN, '23 h ago'],
    [25 * 60 * MIN, 'yesterday'],
    [3 * 24 * 60 * MIN, '3 days ago'],
    [-5 * MIN, 'just now'],
  ])('timeAgo %d ms before', (elapsed, text) => {
    expect(timeAgo(NOW - elapsed, NOW)).toBe(text);
  });

  it('gives the date for anything over a month old', () => {
    expect(timeAgo(new Date(2026, 0, 3).getTime(), NOW)).toBe('on 3 Jan 2026');
    expect(formatDate(new Date(2025, 11, 31).getTime())).toBe('31 Dec 2025');
  });

  it.each([
    [0, '1 min'],
    [12 * MIN, '12 min'],
    [60 * MIN, '1 h'],
    [125 * MIN, '2 h 5 min'],
    [24 * 60 * MIN, '1 day'],
    [(3 * 24 + 4) * 60 * MIN, '3 days 4 h'],
  ])('formatDuration(%d)', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [234_500, '235 KB'],
    [1_250_000, '1.3 MB'],
  ])('formatBytes(%d)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('shortDate', () => {
  it('leaves out this year, and only this year', () => {
    const now = new Date(2026, 10, 21).getTime();
    expect(shortDate(new Date(2026, 2, 3).getTime(), now)).toBe('3 Mar');
    expect(shortDate(new Date(2025, 2, 3).getTime(), now)).toBe('3 Mar 2025');
  });
});

describe('shortDateTime', () => {
  it('gives the minute on a 24-hour clock after the short date', () => {
    const now = new Date(2026, 10, 21).getTime();
    expect(shortDateTime(new Date(2026, 10, 18, 9, 5).getTime(), now)).toBe('18 Nov, 09:05');
    expect(shortDateTime(new Date(2025, 0, 2, 23, 59).getTime(), now)).toBe('2 Jan 2025, 23:59');
  });
});
