import { describe, expect, it } from 'vitest';
import { errorForStatus, formatWait, parseRetryAfter } from './errors';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Sat, 21 Nov 2026 12:02:00 GMT', 120],
    ['Sat, 21 Nov 2026 12:00:30 GMT', 30],
    // A date already past means "now", not a negative wait.
    ['Sat, 21 Nov 2026 11:00:00 GMT', 0],
  ])('reads %j as %d seconds', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });

  it.each([[null], [''], ['soon'], ['-5'], ['1.5'], ['5 minutes'], ['2026-11-21']])(
    'ignores %j',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );
});

describe('errorForStatus', () => {
  it.each([
    [401, 'unauthorized', /rejected the API key/],
    [403, 'forbidden', /refused access/],
    [404, 'not_found', /Not found/],
    [429, 'rate_limited', /limiting requests/],
    [500, 'server', /HTTP 500/],
    [502, 'server', /HTTP 502/],
    [503, 'server', /temporarily unavailable/],
    [418, 'http', /HTTP 418/],
    [422, 'http', /HTTP 422/],
  ])('maps %d to %s', (status, kind, message) => {
    const error = errorForStatus(status);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
  });

  it('says when a rate limit ends, and keeps the wait for the scheduler', () => {
    const error = errorForStatus(429, 150);
    expect(error.retryAfterSeconds).toBe(150);
    expect(error.message).toBe(
      'Ideogram is limiting requests for now. Model Watch will try again in 3 min.',
    );
    expect(error.toJSON()).toEqual({
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds: 150,
      message: error.message,
    });
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
