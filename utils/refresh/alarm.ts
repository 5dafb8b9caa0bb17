import { browser } from 'wxt/browser';
import { connectionItem, readSettings, refreshStateItem, snapshotItem } from '../storage';
import { nextRefreshAt } from './schedule';

export const REFRESH_ALARM = 'refresh';

async function desiredTime(now: number, random: () => number): Promise<number | null> {
  const [connection, snapshot, state, settings] = await Promise.all([
    connectionItem.getValue(),
    snapshotItem.getValue(),
    refreshStateItem.getValue(),
    readSettings(),
  ]);
  return nextRefreshAt({ connection, snapshot, state, settings, now, random });
}

/** Sets the periodic refresh alarm from the stored state (or clears it when none is due). */
export async function reschedule(now = Date.now(), random = Math.random): Promise<number | null> {
  const when = await desiredTime(now, random);
  if (when === null) await browser.alarms.clear(REFRESH_ALARM);
  else await browser.alarms.create(REFRESH_ALARM, { when });
  return when;
}

/**
 * Run at every worker start: creates the alarm if the browser lost it, but leaves a pending one
 * alone (re-creating it at each wake-up could postpone it forever).
 */
export async function ensureScheduled(now = Date.now(), random = Math.random): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  const when = await desiredTime(now, random);
  if (when === null) {
    if (existing) await browser.alarms.clear(REFRESH_ALARM);
  } else if (!existing) {
    await browser.alarms.create(REFRESH_ALARM, { when });
  }
}
