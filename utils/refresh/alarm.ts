import { browser } from 'wxt/browser';
import {
  accountsItem,
  FRESH_STATE,
  refreshStatesItem,
  snapshotOf,
  snapshotsItem,
} from '../storage/items';
import { settingsItem } from '../storage/choices';
import { getItems } from '../storage/store';
import { nextRefreshAt } from './schedule';

// One alarm per account ("refresh:<account id>"), so each keeps its own pace and back-off, and
// one account's rejected key never stops another's refreshes.

const PREFIX = 'refresh:';
/** Two accounts' refreshes are kept at least this far apart, so their calls are spread out. */
export const ALARM_SPREAD = 15_000;

export const alarmName = (accountId: string) => `${PREFIX}${accountId}`;

/** The account an alarm refreshes, or null for an alarm that is not a refresh. */
export function accountOfAlarm(name: string): string | null {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : null;
}

async function desiredTime(accountId: string, now: number, random: () => number) {
  const [accounts, snapshots, states, settings] = await getItems(
    accountsItem,
    snapshotsItem,
    refreshStatesItem,
    settingsItem,
  );
  if (!accounts.some((a) => a.id === accountId)) return null;
  return nextRefreshAt({
    snapshot: snapshotOf(snapshots, accountId),
    state: states[accountId] ?? FRESH_STATE,
    settings,
    now,
    random,
  });
}

/** Moves `when` off other accounts' alarms, so that their calls are not fired at once. */
async function spreadOut(accountId: string, when: number): Promise<number> {
  const others = (await browser.alarms.getAll())
    .filter((a) => accountOfAlarm(a.name) !== null && a.name !== alarmName(accountId))
    .map((a) => a.scheduledTime)
    .sort((a, b) => a - b);
  let at = when;
  for (const other of others) if (Math.abs(other - at) < ALARM_SPREAD) at = other + ALARM_SPREAD;
  return at;
}

/** Sets an account's refresh alarm from its stored state (or clears it when none is due). */
export async function reschedule(
  accountId: string,
  now = Date.now(),
  random = Math.random,
): Promise<number | null> {
  const when = await desiredTime(accountId, now, random);
  if (when === null) {
    await browser.alarms.clear(alarmName(accountId));
    return null;
  }
  const at = await spreadOut(accountId, when);
  await browser.alarms.create(alarmName(accountId), { when: at });
  return at;
}

/** Clears the alarms of accounts that no longer exist (and version 1's single alarm). */
async function clearStale(): Promise<void> {
  const ids = new Set((await accountsItem.getValue()).map((a) => a.id));
  for (const alarm of await browser.alarms.getAll()) {
    const id = accountOfAlarm(alarm.name);
    if (alarm.name === 'refresh' || (id !== null && !ids.has(id))) {
      await browser.alarms.clear(alarm.name);
    }
  }
}

/** Re-creates every account's alarm (install, update, browser start, a change of settings). */
export async function rescheduleAll(now = Date.now(), random = Math.random): Promise<void> {
  await clearStale();
  for (const account of await accountsItem.getValue()) await reschedule(account.id, now, random);
}

/**
 * Run at every worker start: creates the alarms the browser lost, but leaves pending ones alone
 * (re-creating them at each wake-up could postpone them forever).
 */
export async function ensureScheduled(now = Date.now(), random = Math.random): Promise<void> {
  await clearStale();
  for (const account of await accountsItem.getValue()) {
    const existing = await browser.alarms.get(alarmName(account.id));
    if (existing && (await desiredTime(account.id, now, random)) !== null) continue;
    await reschedule(account.id, now, random);
  }
}
