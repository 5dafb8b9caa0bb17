// Long: every way a call fails, with its words: one table, read as one.
import { formatWait } from './retry-after';

// Every way a call can fail, as one typed error with a sentence a person can act on. One idea,
// kept whole although it passes 200 lines: each status's words sit beside its kind.

/** Every way a call to the API can fail, as something a caller can branch on. */
export type ApiErrorKind =
  | 'unauthorized'
  | 'payment'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'offline'
  | 'network'
  /** The browser holds back requests to a host after its recent server errors (Chromium). */
  | 'throttled'
  | 'timeout'
  | 'invalid_response'
  /** The answer arrived, but the browser refused to save it. */
  | 'storage';

export const API_ERROR_KINDS: readonly ApiErrorKind[] = [
  'unauthorized',
  'payment',
  'forbidden',
  'not_found',
  'rate_limited',
  'server',
  'http',
  'offline',
  'network',
  'throttled',
  'timeout',
  'invalid_response',
  'storage',
];

/** The plain-data form of an ApiError: what is stored, and what crosses the message channel. */
export interface ApiFailure {
  kind: ApiErrorKind;
  /** A sentence a person can act on. Never contains the API key. */
  message: string;
  status?: number;
  /** From the Retry-After header, in seconds, when the API sent one. */
  retryAfterSeconds?: number;
}

/** The one error type the API client throws. */
export class ApiError extends Error implements ApiFailure {
  override name = 'ApiError';
  readonly kind!: ApiErrorKind;
  readonly status?: number;
  readonly retryAfterSeconds?: number;

  constructor(failure: ApiFailure) {
    super(failure.message);
    // The same fields as the plain form: `status` and `retryAfterSeconds` only when given.
    Object.assign(this, toFailure(failure));
  }

  toJSON(): ApiFailure {
    return toFailure(this);
  }
}

export function toFailure(error: ApiFailure): ApiFailure {
  const failure: ApiFailure = { kind: error.kind, message: error.message };
  if (error.status !== undefined) failure.status = error.status;
  if (error.retryAfterSeconds !== undefined) failure.retryAfterSeconds = error.retryAfterSeconds;
  return failure;
}

/**
 * The failure to keep for an error: an ApiError says what it was; anything else is `otherwise`,
 * which the caller names because only it knows what an unexpected error means there (a refresh
 * that threw read an answer it could not make sense of; an upload that threw may have landed).
 */
export function failureOf(error: unknown, otherwise: ApiFailure): ApiFailure {
  return error instanceof ApiError ? toFailure(error) : otherwise;
}

/**
 * What a request asked for, in words for messages: "the model list", "this dataset". An error
 * names what failed, so a refused dataset is never called a model list.
 */
export type Subject =
  'the model list' | 'the dataset list' | 'this model' | 'this dataset' | string;

/** What an error body said, where Ideogram documents it (402 and 429 give a `reject_reason`). */
export interface ErrorBody {
  rejectReason?: string;
  /** With `inflight_limit`: how many requests may be in progress at once. */
  maxInflight?: number;
  /** What a refused request's body said was wrong (a 400's `detail`), as plain short text. */
  detail?: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What the request was: a read, which Model Watch repeats on its own (so its errors say it will
 * try again), or a write the user asked for (a dataset, an upload, a training), which is never
 * repeated on its own: its errors say whether it may have gone through, and what to do.
 */
export type Purpose = 'read' | 'write';

/** Failures after which a write may have reached Ideogram and been done all the same. */
const MAYBE_DONE: ReadonlySet<ApiErrorKind> = new Set([
  'timeout',
  'network',
  'server',
  'invalid_response',
]);

/** Whether a failed write may have been done anyway (check before doing it again). */
export function mayHaveBeenDone(failure: ApiFailure): boolean {
  return MAYBE_DONE.has(failure.kind);
}

/** The sentence after what happened: what happens next, or what to do. */
function nextStep(kind: ApiErrorKind, purpose: Purpose, wait = ''): string {
  if (purpose === 'write') {
    return MAYBE_DONE.has(kind)
      ? 'It may have gone through all the same: check before trying again.'
      : `Nothing was changed; what you prepared is kept${wait ? `: try again${wait}` : ''}.`;
  }
  if (kind === 'offline') return 'Model Watch will refresh as soon as you are back online.';
  return `Model Watch will try again${wait || ' shortly'}.`;
}

/**
 * Why Ideogram asked for payment, in words a person can act on; the reasons are the documented
 * ones (2026-10-07), and one added later gets the general words, never its raw name.
 */
function paymentWords(reason: string | undefined): string {
  const why: Record<string, string> = {
    insufficient_funds:
      'the account has run out of funds (HTTP 402). Add credit on Ideogram’s billing page.',
    daily_limit: 'the account reached its daily limit (HTTP 402). It resets tomorrow.',
    subscription_required:
      'this needs a paid plan (HTTP 402). Choose one on Ideogram’s billing page.',
    priority_credit_required:
      'this needs priority credits, which the account has none of (HTTP 402). Add them on Ideogram’s billing page.',
    feature_limit:
      'the account’s plan does not include this, or its limit for it is used up (HTTP 402). Check the plan on Ideogram’s billing page.',
  };
  const said = reason !== undefined && Object.hasOwn(why, reason) ? why[reason] : undefined;
  return said
    ? `Ideogram says ${said}`
    : 'Ideogram asks for payment before answering (HTTP 402). Check the account’s billing on Ideogram.';
}

/** Why a 429 limits, when its body says: the documented reasons in words, else nothing. */
function limitWords(body: ErrorBody): string {
  if (body.rejectReason === 'inflight_limit') {
    return body.maxInflight === undefined
      ? ' (too many requests are in progress: wait for one to finish)'
      : ` (at most ${body.maxInflight} ${body.maxInflight === 1 ? 'request' : 'requests'} may be in progress at once: wait for one to finish)`;
  }
  if (body.rejectReason === 'feature_limit') return ' (the plan’s limit for this is reached)';
  if (body.rejectReason === 'daily_limit') return ' (the account’s daily limit is reached)';
  return '';
}

/** Builds the typed error for an HTTP status that is not a success. */
export function errorForStatus(
  status: number,
  subject: Subject = 'the model list',
  retryAfterSeconds?: number,
  body: ErrorBody = {},
  purpose: Purpose = 'read',
): ApiError {
  const wait = retryAfterSeconds === undefined ? '' : ` in ${formatWait(retryAfterSeconds)}`;
  /** The error of this status; only a rate limit or a server error carries the Retry-After. */
  const failure = (kind: ApiErrorKind, message: string): ApiError =>
    new ApiError(
      kind === 'rate_limited' || kind === 'server'
        ? { kind, message, status, retryAfterSeconds }
        : { kind, message, status },
    );
  /** What happened, then what happens next (or what to do). */
  const said = (kind: ApiErrorKind, what: string): ApiError =>
    failure(kind, `${what} ${nextStep(kind, purpose, wait)}`);
  if (status === 400) {
    return said(
      'http',
      body.detail
        ? `Ideogram refused ${subject}: ${body.detail}.`
        : `Ideogram refused ${subject} (HTTP 400) without saying why.`,
    );
  }
  if (status === 401) {
    return failure(
      'unauthorized',
      'Ideogram rejected the API key. Check it in Options, or create a new key on Ideogram’s API page.',
    );
  }
  if (status === 402) return said('payment', paymentWords(body.rejectReason));
  if (status === 403) {
    // Not a verdict on the key: Ideogram refuses one endpoint, model or dataset to it.
    return failure(
      'forbidden',
      `Ideogram refused this key access to ${subject} (HTTP 403). The key still works for the rest; check its access on Ideogram’s API page.`,
    );
  }
  if (status === 404) {
    return failure(
      'not_found',
      `${capitalized(subject)} was not found on Ideogram: it may have been deleted, or this key cannot see it.`,
    );
  }
  if (status === 429) {
    return said('rate_limited', `Ideogram is limiting requests for now${limitWords(body)}.`);
  }
  if (status >= 500) {
    return said(
      'server',
      status === 503
        ? 'Ideogram’s API is temporarily unavailable.'
        : `Ideogram’s API had a problem (HTTP ${status}).`,
    );
  }
  const unexpected = `Ideogram’s API answered with HTTP ${status}, which Model Watch did not expect.`;
  return purpose === 'write'
    ? said('http', unexpected)
    : failure('http', `${unexpected} It will try again later.`);
}

/** An error that has no status: what happened, then what happens next (or what to do). */
function statusless(kind: ApiErrorKind, what: string, purpose: Purpose): ApiError {
  return new ApiError({ kind, message: `${what} ${nextStep(kind, purpose)}` });
}

export function offlineError(purpose: Purpose = 'read'): ApiError {
  return statusless('offline', 'You are offline.', purpose);
}

export function networkError(purpose: Purpose = 'read'): ApiError {
  return statusless(
    'network',
    'Could not reach api.ideogram.ai. Check your connection, VPN or firewall.',
    purpose,
  );
}

/**
 * After several server errors Chromium refuses an extension's requests to that host for a while
 * (net::ERR_TEMPORARILY_THROTTLED), which looks like a network failure from inside the extension.
 */
export function throttledError(): ApiError {
  return new ApiError({
    kind: 'throttled',
    message:
      'The browser is holding back requests to api.ideogram.ai for a short while after its recent server errors. Model Watch will try again.',
  });
}

export function timeoutError(seconds: number, purpose: Purpose = 'read'): ApiError {
  return statusless(
    'timeout',
    `Ideogram’s API did not answer within ${formatWait(seconds)}.`,
    purpose,
  );
}

/** `detail` says what was wrong, in words; it must never quote the response (it could echo anything). */
export function invalidResponseError(detail: string, purpose: Purpose = 'read'): ApiError {
  const what = `Ideogram’s API sent an answer Model Watch cannot read (${detail}).`;
  return purpose === 'write'
    ? statusless('invalid_response', what, purpose)
    : new ApiError({
        kind: 'invalid_response',
        message: `${what} It will try again; if this lasts, the API may have changed.`,
      });
}

/** The answer came, but saving it failed: the browser's storage for the extension. */
export function storageFailure(): ApiFailure {
  return {
    kind: 'storage',
    message:
      'Model Watch got the latest lists but the browser refused to save them (its extension storage may be full). It will try again; removing an account you no longer need frees space.',
  };
}
