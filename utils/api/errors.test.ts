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
    ['subscription_required', /needs a paid plan \(HTTP 402\)\. Choose one/],
    ['priority_credit_required', /needs priority credits.*\(HTTP 402\)\. Add them/],
    ['feature_limit', /plan does not include this, or its limit for it is used up \(HTTP 402\)/],
    ['something_new', /asks for payment before answering \(HTTP 402\)/],
    ['__proto__', /asks for payment before answering \(HTTP 402\)/],
    [undefined, /asks for payment before answering \(HTTP 402\)/],
  ])('puts a 402 with reject_reason %j in its own words', (rejectReason, message) => {
    const error = errorForStatus(402, 'the model list', undefined, { rejectReason });
    expect(error.kind).toBe('payment');
    expect(error.message).toMatch(message);
  });

  it.each([
    [
      { rejectReason: 'inflight_limit' },
      'now (too many requests are in progress: wait for one to finish).',
    ],
    [
      { rejectReason: 'inflight_limit', maxInflight: 2 },
      'now (at most 2 requests may be in progress at once: wait for one to finish).',
    ],
    [
      { rejectReason: 'inflight_limit', maxInflight: 1 },
      'now (at most 1 request may be in progress at once: wait for one to finish).',
    ],
    [{ rejectReason: 'feature_limit' }, 'now (the plan’s limit for this is reached).'],
    [{ rejectReason: 'daily_limit' }, 'now (the account’s daily limit is reached).'],
    [{ rejectReason: 'something_new' }, 'now.'],
  ])('says why a 429 limits, when the body says it (%j)', (body, words) => {
    const message = errorForStatus(429, 'the model list', undefined, body).message;
    expect(message).toContain(`Ideogram is limiting requests for ${words}`);
    expect(message).not.toContain('something_new');
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
