import type { RefreshState } from '../utils/storage/items';

// What each fault must produce, the one table both fault suites assert: the unit harness's whole
// matrix (tests/fault-matrix.ts) and the network's own faults in each browser
// (tests/e2e/network.spec.ts).

/** What each fault must produce: the badge's mark and when the next refresh comes. */
export const EXPECTED: Record<string, { badge: string; next: RegExp }> = {
  '401 unauthorized': { badge: 'KEY', next: /^none/ },
  '403 forbidden': { badge: 'ERR', next: /^back-off/ },
  '404 not found': { badge: 'ERR', next: /^back-off/ },
  '429 with Retry-After seconds': { badge: 'WAIT', next: /^in 2 min \(Retry-After\)/ },
  '429 with Retry-After date': { badge: 'WAIT', next: /^in 3 min \(Retry-After\)/ },
  '429 without Retry-After': { badge: 'WAIT', next: /^back-off/ },
  '429 with Retry-After 1e9 s': { badge: 'WAIT', next: /^in 60 min \(Retry-After\)/ },
  '429 with Retry-After 0': { badge: 'WAIT', next: /^back-off/ },
  '429 with a past Retry-After date': { badge: 'WAIT', next: /^back-off/ },
  '429 with a Retry-After date and a Date header 5 h ahead': {
    badge: 'WAIT',
    next: /^in 1 min \(Retry-After\)/,
  },
  '429 inflight_limit body': { badge: 'WAIT', next: /^in 1 min \(Retry-After\)/ },
  '429 with a text body': { badge: 'WAIT', next: /^in 1 min \(Retry-After\)/ },
  '402 insufficient funds': { badge: 'ERR', next: /^back-off/ },
  '402 daily limit': { badge: 'ERR', next: /^back-off/ },
  '500 server error': { badge: 'ERR', next: /^back-off/ },
  '502 bad gateway': { badge: 'ERR', next: /^back-off/ },
  '503 with Retry-After': { badge: 'ERR', next: /^in 1 min 30 s \(Retry-After\)/ },
  hang: { badge: 'ERR', next: /^back-off/ },
  'dropped connection': { badge: 'OFF', next: /^back-off/ },
  'malformed JSON': { badge: 'ERR', next: /^back-off/ },
  'HTML body': { badge: 'ERR', next: /^back-off/ },
  'truncated body': { badge: 'ERR', next: /^back-off/ },
  '17 MB body': { badge: 'ERR', next: /^back-off/ },
  'wrong shape': { badge: 'ERR', next: /^back-off/ },
  offline: { badge: 'OFF', next: /^in 30 s \(a local check/ },
};

/** When the next refresh comes, in words that do not change from run to run. */
export function describeNext(
  delay: number | null,
  state: RefreshState | undefined,
  offline: boolean,
): string {
  if (delay === null) return 'none (until the key changes)';
  // Rounded to 30 s.
  const rounded = Math.round(delay / 30_000) * 30;
  const words =
    rounded < 60
      ? `${rounded} s`
      : `${Math.floor(rounded / 60)} min${rounded % 60 ? ` ${rounded % 60} s` : ''}`;
  if (state?.retryAt) return `in ${words} (Retry-After)`;
  if (offline) return `in ${words} (a local check, no call)`;
  // After a first failure: between 30 s and 1 min, with jitter.
  return delay >= 29_000 && delay <= 61_000 ? 'back-off (30 s–1 min)' : `in ${words}`;
}
