import { DEFAULT_TIMEOUT_MS } from '../utils/api/client';
import { timeoutError } from '../utils/api/errors';
import type { Model } from '../utils/api/types';
import { refreshStatesItem, type Snapshot } from '../utils/storage/items';
import { timeAgo } from '../utils/words/format';
import { HARNESS_TIMEOUT_MS, startWithKey } from './background-harness';
import { allFaults, type Fault } from './fake-api';
import { describeNext } from './fault-expectations';

export { EXPECTED } from './fault-expectations';

// Every fault the fake API can inject, and being offline, against the real background on WXT's
// fake browser: the badge's mark and tooltip, what the popup says, whether the last good data
// stays, and when the next refresh is due. The unit suite asserts it
// (utils/refresh/fault-matrix.test.ts); `npm run bench` writes it to bench/fault-matrix.md.

/** The standard test account has two models in training: a healthy badge shows 2. */
export const HEALTHY_BADGE = '2';

export interface FaultRow {
  fault: string;
  badge: string;
  /** The tooltip's first line, without the extension's name. */
  tooltip: string;
  /** What the popup's alert says over the last good list. */
  page: string;
  dataKept: boolean;
  next: string;
}

export interface FaultResult {
  row: FaultRow;
  /** The whole tooltip. */
  title: string;
  /** The stored error's words. */
  message: string;
  /** Until the account's next refresh alarm, in ms (null: none). */
  delay: number | null;
  /** The models stored before the fault, and after it. */
  before: Model[];
  after: Model[];
}

/** Each case: being offline, then every fault the fake can inject, dated from `now`. */
export function faultCases(now: number): { name: string; fault: Fault | 'offline' }[] {
  return [{ name: 'offline', fault: 'offline' }, ...allFaults(now)];
}

/** The cases' names, in order (they do not depend on the clock). */
export const FAULT_NAMES = faultCases(0).map((c) => c.name);

/**
 * The words of the popup's alert over the last good list, for one account: the error's message,
 * then the list's age (as `ErrorBanner` in components/popup/StateViews.tsx writes them).
 */
export function popupWords(snapshot: Snapshot, now: number): string {
  const age =
    snapshot.checkedAt === null ? '' : `Showing the list from ${timeAgo(snapshot.checkedAt, now)}.`;
  return `${snapshot.error?.message ?? ''} ${age}`.trim();
}

/**
 * The harness's client gives up on a silent API after `HARNESS_TIMEOUT_MS`, where production waits
 * `DEFAULT_TIMEOUT_MS`: the failure is the same, only the wait in its words differs. The row says
 * what production would, and anything but exactly the harness's timeout words is refused.
 */
function asInProduction(message: string): (text: string) => string {
  const harness = timeoutError(HARNESS_TIMEOUT_MS / 1000).message;
  if (message !== harness) {
    throw new Error(`hang: expected the harness's timeout (${harness}), got: ${message}`);
  }
  const production = timeoutError(DEFAULT_TIMEOUT_MS / 1000).message;
  return (text) => text.replace(harness, production);
}

/**
 * One case on a background of its own: a saved key with its lists stored and the badge counting
 * its training models, then the fault (or going offline), then the account's refresh alarm.
 */
export async function runFaultCase(name: string): Promise<FaultResult> {
  // A fresh background per case: no back-off, Retry-After or throttling carried from the last.
  const env = await startWithKey();
  const found = faultCases(env.now()).find((c) => c.name === name);
  if (!found) throw new Error(`no fault named ${name}`);
  const accountId = await env.accountId();
  const healthy = await env.snapshot(accountId);
  const healthyBadge = (await env.badge()).text;
  if (healthy.error !== null || healthy.listedAt === null || healthyBadge !== HEALTHY_BADGE) {
    throw new Error(`${name}: the background did not start healthy (badge ${healthyBadge})`);
  }

  if (found.fault === 'offline') await env.setOnline(false);
  else env.fake.setFault(found.fault);
  await env.fireAlarm(accountId);

  const snapshot = await env.snapshot(accountId);
  if (!snapshot.error) throw new Error(`${name}: the check stored no error`);
  const badge = await env.badge();
  const states = await refreshStatesItem.getValue();
  const words = name === 'hang' ? asInProduction(snapshot.error.message) : (text: string) => text;
  const title = words(badge.title);
  // The fake clock stands still through the check: the delay is from the failure, exactly.
  const delay = await env.alarmDelay(accountId);
  return {
    row: {
      fault: name,
      badge: badge.text,
      tooltip: title.split('\n')[0]!.replace('Model Watch for Ideogram: ', ''),
      page: words(popupWords(snapshot, env.now())),
      dataKept: snapshot.models.length === env.fake.account.models.length,
      next: describeNext(delay, states[accountId], snapshot.error.kind === 'offline'),
    },
    title,
    message: words(snapshot.error.message),
    delay,
    before: healthy.models,
    after: snapshot.models,
  };
}

/** Every case, one after the other (the harness runs one background at a time). */
export async function runFaultMatrix(): Promise<FaultResult[]> {
  const results: FaultResult[] = [];
  for (const name of FAULT_NAMES) results.push(await runFaultCase(name));
  return results;
}
