import { describe, expect, it } from 'vitest';
import { errorForStatus } from './errors';

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
