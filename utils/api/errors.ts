/** Every way a call to the API can fail, as something a caller can branch on. */
export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'offline'
  | 'network'
  | 'timeout'
  | 'invalid_response';

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
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly retryAfterSeconds?: number;

  constructor(failure: ApiFailure) {
    super(failure.message);
    this.kind = failure.kind;
    if (failure.status !== undefined) this.status = failure.status;
    if (failure.retryAfterSeconds !== undefined) this.retryAfterSeconds = failure.retryAfterSeconds;
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

/** Builds the typed error for an HTTP status that is not a success. */
export function errorForStatus(status: number, retryAfterSeconds?: number): ApiError {
  const wait = retryAfterSeconds === undefined ? '' : ` in ${formatWait(retryAfterSeconds)}`;
  const withRetry = (failure: ApiFailure): ApiError =>
    new ApiError(retryAfterSeconds === undefined ? failure : { ...failure, retryAfterSeconds });
  if (status === 401) {
    return new ApiError({
      kind: 'unauthorized',
      status,
      message:
        'Ideogram rejected the API key. Check it in Options, or create a new key on Ideogram’s API page.',
    });
  }
  if (status === 403) {
    return new ApiError({
      kind: 'forbidden',
      status,
      message:
        'Ideogram refused access (HTTP 403). The key may not be allowed to read custom models: check its access on Ideogram’s API page.',
    });
  }
  if (status === 404) {
    return new ApiError({
      kind: 'not_found',
      status,
      message: 'Not found on Ideogram: it may have been deleted, or this key cannot see it.',
    });
  }
  if (status === 429) {
    return withRetry({
      kind: 'rate_limited',
      status,
      message: `Ideogram is limiting requests for now. Model Watch will try again${wait || ' shortly'}.`,
    });
  }
  if (status >= 500) {
    return withRetry({
      kind: 'server',
      status,
      message:
        status === 503
          ? `Ideogram’s API is temporarily unavailable. Model Watch will try again${wait || ' shortly'}.`
          : `Ideogram’s API had a problem (HTTP ${status}). Model Watch will try again${wait || ' shortly'}.`,
    });
  }
  return new ApiError({
    kind: 'http',
    status,
    message: `Ideogram’s API answered with HTTP ${status}, which Model Watch did not expect. It will try again later.`,
  });
}

export function offlineError(): ApiError {
  return new ApiError({
    kind: 'offline',
    message: 'You are offline. Model Watch will refresh as soon as you are back online.',
  });
}

export function networkError(): ApiError {
  return new ApiError({
    kind: 'network',
    message:
      'Could not reach api.ideogram.ai. Check your connection, VPN or firewall; Model Watch will try again.',
  });
}

export function timeoutError(seconds: number): ApiError {
  return new ApiError({
    kind: 'timeout',
    message: `Ideogram’s API did not answer within ${formatWait(seconds)}. Model Watch will try again.`,
  });
}

/** `detail` says what was wrong, in words; it must never quote the response (it could echo anything). */
export function invalidResponseError(detail: string): ApiError {
  return new ApiError({
    kind: 'invalid_response',
    message: `Ideogram’s API sent an answer Model Watch cannot read (${detail}). It will try again; if this lasts, the API may have changed.`,
  });
}

/**
 * Reads a Retry-After header: delay-seconds (`120`) or an HTTP date. Returns whole seconds from
 * `now`, at least 0; undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // HTTP dates always name the weekday and zone; requiring them keeps "5 minutes" from parsing.
  if (!/^[A-Za-z]{3},\s/.test(text) || !/(GMT|UTC)$/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "45 s", "3 min", "2 h 5 min": how long until something happens. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  // Under two minutes, seconds: "90 s" is exact where "2 min" would not be.
  if (s < 120) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
