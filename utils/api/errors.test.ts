import { describe, expect, it } from 'vitest';
import { errorForStatus, formatWait, parseRetryAfter } from './errors';

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

describe('errorForStatus', () => {
  it.each([
    [401, 'unauthorized', /rejected the API key/],
    [402, 'payment', /asks for payment/],
    [403, 'forbidden', /refused this key access to the model list \(HTTP 403\)/],
    [404, 'not_found', /The model list was not found/],
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
    const error = errorForStatus(429, 'the model list', 150);
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

  it.each([
    ['insufficient_funds', /run out of funds \(HTTP 402\)/],
    ['daily_limit', /daily limit \(HTTP 402\)/],
    ['something_new', /asks for payment before answering \(HTTP 402\)/],
    [undefined, /asks for payment before answering \(HTTP 402\)/],
  ])('puts a 402 with reject_reason %j in its own words', (rejectReason, message) => {
    const error = errorForStatus(402, 'the model list', undefined, { rejectReason });
    expect(error.kind).toBe('payment');
    expect(error.message).toMatch(message);
  });

  it('says why a 429 limits, when the body says it', () => {
    expect(
      errorForStatus(429, 'the model list', undefined, { rejectReason: 'inflight_limit' }).message,
    ).toMatch(/too many generations are in progress/);
  });

  it.each([
    ['this dataset', /refused this key access to this dataset/],
    ['the dataset list', /refused this key access to the dataset list/],
    ['this model', /refused this key access to this model/],
  ])('names what was refused: %s', (subject, message) => {
    const error = errorForStatus(403, subject);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/model list/);
    // A 403 is not a verdict on the key.
    expect(error.kind).toBe('forbidden');
    expect(error.message).toMatch(/still works/);
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
