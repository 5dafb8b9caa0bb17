import { RETRY_AFTER_MAX_SECONDS } from '../api/retry-after';
import type { RefreshState } from '../storage/items';
import type { Settings } from '../storage/settings';
import type { Snapshot } from '../storage/snapshot';
import { waitEnd } from '../words/wait';
import { isActive } from './transitions';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Chrome does not fire alarms sooner than this. */
export const MIN_ALARM_DELAY = 30 * SECOND;
/**
 * While offline nothing is fetched; the worker looks again this often (and, while it runs, every
 * few seconds: see background/connection.ts).
 */
export const OFFLINE_RECHECK = MIN_ALARM_DELAY;
export const BACKOFF_BASE = MINUTE;
export const BACKOFF_MAX = 30 * MINUTE;
/** A Retry-After beyond this is treated as this, so a bad header cannot silence the badge. */
export const RETRY_AFTER_MAX = RETRY_AFTER_MAX_SECONDS * SECOND;
/** Clocks drift a little between a write and a read; beyond this, the clock went backwards. */
const CLOCK_SLACK = MINUTE;

/**
 * How long ago `at` was. A time in the future means the clock went backwards since (or the value
 * came from a machine whose clock ran ahead): it is treated as long ago, never as fresh.
 */
export function elapsedSince(at: number | null, now: number): number {
  if (at === null || at > now + CLOCK_SLACK) return Infinity;
  return Math.max(0, now - at);
}

/**
 * Until when Ideogram asked not to be called, or null when it did not (or that wait is over).
 * A stored wait longer than the cap (a clock that jumped, an older build) counts as the cap.
 */
export function waitUntil(state: RefreshState, now: number): number | null {
  return waitEnd(state, now);
}

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
  const wait = waitUntil(state, now);
  let delay: number;
  if (wait !== null) {
    delay = wait - now;
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
