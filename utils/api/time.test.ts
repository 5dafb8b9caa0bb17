import { describe, expect, it } from 'vitest';
import { formatApiTime, parseApiTime } from './time';

const T = Date.UTC(2000, 0, 23, 4, 56, 7);

describe('parseApiTime', () => {
  it.each([
    ['2000-01-23 04:56:07+00:00', T],
    ['2000-01-23T04:56:07+00:00', T],
    ['2000-01-23T04:56:07Z', T],
    ['2000-01-23T04:56:07z', T],
    ['2000-01-23T04:56:07', T],
    ['2000-01-23 04:56:07.250+00:00', T + 250],
    ['2000-01-23 04:56:07.123456+00:00', T + 123],
    ['2000-01-23 06:56:07+02:00', T],
    ['2000-01-23 02:56:07-0200', T],
    ['2000-01-23 09:56:07+05', T],
    ['2000-01-23 04:56Z', T - 7000],
    ['  2000-01-23 04:56:07+00:00 ', T],
  ])('reads %j', (text, expected) => {
    expect(parseApiTime(text)).toBe(expected);
  });

  it.each([
    [''],
    ['yesterday'],
    ['2000-01-23'],
    ['2000-13-01 00:00:00Z'],
    ['2000-02-30 00:00:00Z'],
    ['2000-01-23 25:00:00Z'],
    ['2000-01-23 04:61:00Z'],
    ['1700000000'],
    ['2000-01-23 04:56:07 +00:00'],
  ])('rejects %j', (text) => {
    expect(parseApiTime(text)).toBeNull();
  });

  it('round-trips through formatApiTime, in the docs’ format', () => {
    expect(formatApiTime(T)).toBe('2000-01-23 04:56:07+00:00');
    expect(parseApiTime(formatApiTime(T))).toBe(T);
  });
});
