import type { RefreshState, Settings, Snapshot } from '../storage/items';
import { isActive } from './transitions';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Chrome does not fire alarms sooner than this. */
export const MIN_ALARM_DELAY = 30 * SECOND;
/** While offline nothing is fetched; the worker looks again this often (and at the `online` event). */
export const OFFLINE_RECHECK = MINUTE;
export const BACKOFF_BASE = MINUTE;
export const BACKOFF_MAX = 30 * MINUTE;
/** A Retry-After beyond this is treated as this, so a bad header cannot silence the badge for days. */
export const RETRY_AFTER_MAX = 24 * 60 * MINUTE;

/**
 * Exponential back-off with jitter: 1, 2, 4, 8… minutes up to 30, each drawn between half and all
 * of that so that many browsers recovering at once do not call in step.
 */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_MAX, BACKOFF_BASE * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface ScheduleInput {
  snapshot: Snapshot;
  state: RefreshState;
  settings: Settings;
  now: number;
  random: () => number;
}

/** When an account's next periodic refresh should run, or null when none should (key rejected). */
export function nextRefreshAt({
  snapshot,
  state,
  settings,
  now,
  random,
}: ScheduleInput): number | null {
  // A rejected key stays rejected: calling again cannot help until the user changes it.
  if (snapshot.error?.kind === 'unauthorized') return null;
  let delay: number;
  if (state.retryAt !== null && state.retryAt > now) {
    delay = Math.min(state.retryAt - now, RETRY_AFTER_MAX);
  } else if (snapshot.error?.kind === 'offline') {
    delay = OFFLINE_RECHECK;
  } else if (snapshot.error) {
    delay = backoffDelay(state.failures, random);
  } else {
    const active = snapshot.models.some(isActive);
    delay = (active ? settings.activeMinutes : settings.idleMinutes) * MINUTE;
  }
  return now + Math.max(MIN_ALARM_DELAY, delay);
}
