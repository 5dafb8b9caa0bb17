// How long Ideogram asks to be left alone (the Retry-After header), read safely: bounded, and
// measured against the answer's own clock; and how such a wait is said.

/** The longest wait a Retry-After may ask for; beyond it, Model Watch tries again anyway. */
export const RETRY_AFTER_MAX_SECONDS = 3600;

/**
 * Reads a Retry-After header: delay-seconds (`120`) or an HTTP date. An HTTP date is measured
 * against the response's own `Date` header when there is one (a client clock hours off must not
 * stretch a one-minute wait), else against `now`. Returns whole seconds, at most an hour;
 * undefined when the header is absent, unreadable, zero or in the past (then the usual back-off
 * applies).
 */
export function parseRetryAfter(
  value: string | null,
  now = Date.now(),
  responseDate: string | null = null,
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let seconds: number | undefined;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    // HTTP dates always name the weekday and zone; requiring them keeps "5 minutes" from parsing.
    if (!/^[A-Za-z]{3},\s/.test(text) || !/(GMT|UTC)$/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    const serverNow = responseDate === null ? Number.NaN : Date.parse(responseDate);
    seconds = Math.ceil((at - (Number.isNaN(serverNow) ? now : serverNow)) / 1000);
  }
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.min(seconds, RETRY_AFTER_MAX_SECONDS);
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
