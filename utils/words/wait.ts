import { RETRY_AFTER_MAX_SECONDS } from '../api/retry-after';

// Ideogram's "wait before calling again" (Retry-After), as pages show it: until when, and how long
// is left, counted down on the control that cannot act meanwhile.

/** When a stored wait ends, or null when there is none (or it is over); capped like the engine's. */
export function waitEnd(state: { retryAt: number | null }, now: number): number | null {
  if (state.retryAt === null || state.retryAt <= now) return null;
  return Math.min(state.retryAt, now + RETRY_AFTER_MAX_SECONDS * 1000);
}

/** "0:45", "12:05", "1:00:00": what is left of a wait, for a countdown. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What a refresh control says while it cannot act: why, and until when. */
export function waitWords(until: number): string {
  const at = new Date(until).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `Ideogram asked Model Watch to wait before asking again: it refreshes by itself at ${at}.`;
}
