import { writeFileSync } from 'node:fs';
import { allFaults, type Fault } from '../fake-api';
import { expect, test, visible } from './fixtures';

// Every fault the fake API can inject, and being offline, against the production build: the badge's
// mark and tooltip, what the popup says, whether the last good data stays, and when the next
// refresh is due. The results are written to bench/fault-matrix.md.

interface Row {
  fault: string;
  badge: string;
  tooltip: string;
  popup: string;
  dataKept: boolean;
  next: string;
}

/** What each fault must produce: the badge's mark and when the next refresh comes. */
const EXPECTED: Record<string, { badge: string; next: RegExp }> = {
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
function describeNext(
  delay: number | null,
  state: { failures: number; retryAt: number | null } | undefined,
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

test('every fault: the right mark, the last good data kept, the next refresh scheduled', async ({
  extension,
  fake,
}) => {
  test.setTimeout(240_000);
  const accountId = await extension.useKey();
  await expect.poll(async () => (await extension.snapshot()).listedAt).toBeTruthy();
  // Offline first: Playwright takes a service worker offline only while that worker runs, and a
  // long run may see the browser restart it.
  const cases: { name: string; fault: Fault | 'offline' }[] = [
    { name: 'offline', fault: 'offline' },
    ...allFaults(),
  ];
  const rows: Row[] = [];

  for (const { name, fault } of cases) {
    // Back to a healthy state: no fault, no back-off, fresh lists.
    fake.clearFault();
    await extension.setOffline(false);
    await extension.setStorage({ refreshStates: {} });
    // A request the previous fault left hanging may still be shared until its timeout: ask again.
    await expect
      .poll(
        async () => {
          await extension.send('refresh', { force: true });
          return (await extension.snapshot()).error;
        },
        { message: name, timeout: 45_000 },
      )
      .toBeNull();
    await expect.poll(async () => (await extension.badge()).text).toBe('2');

    if (fault === 'offline') await extension.setOffline(true);
    else fake.setFault(fault);
    await extension.fireAlarms();
    await expect
      .poll(async () => (await extension.snapshot()).error, { message: name, timeout: 40_000 })
      .not.toBeNull();
    // The alarm is set once the failure is stored; give it a moment.
    await expect.poll(async () => (await extension.badge()).text, { message: name }).not.toBe('2');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const snapshot = await extension.snapshot();
    const badge = await extension.badge();
    const alarm = await extension.alarm(accountId);
    const states = (await extension.storage()).refreshStates as Record<
      string,
      { failures: number; retryAt: number | null }
    >;
    const popup = await extension.open('popup.html');
    const alert = popup.role('alert').first();
    await visible(alert);
    const row: Row = {
      fault: name,
      badge: badge.text,
      tooltip: badge.title.split('\n')[0]!.replace('Model Watch for Ideogram: ', ''),
      popup: ((await alert.innerText()) ?? '').split('\n')[0]!.trim(),
      dataKept: snapshot.models.length === fake.account.models.length,
      // Measured from when the failure was stored, not from this reading (a loaded machine may
      // take seconds to get here after a 17 MB answer).
      next: describeNext(
        alarm ? alarm.scheduledTime - (snapshot.error?.at ?? Date.now()) : null,
        states[accountId],
        snapshot.error?.kind === 'offline',
      ),
    };
    await popup.close();
    // The popup asks for lists when it opens: let that land before the next fault.
    await fake.quiet();
    rows.push(row);

    expect(row.badge, name).toBe(EXPECTED[name]!.badge);
    expect(row.dataKept, name).toBe(true);
    expect(row.next, name).toMatch(EXPECTED[name]!.next);
    expect(badge.title, name).toContain(snapshot.error!.message);
    expect(row.popup, name).toContain(snapshot.error!.message.split('.')[0]!);
  }
  await extension.setOffline(false);

  const table = [
    `# Fault matrix, ${extension.browser === 'chromium' ? 'Chromium' : 'Firefox ESR'}`,
    '',
    'Written by `tests/e2e/fault-matrix.spec.ts` (part of `npm test`, in each browser): each fault injected',
    'by the fake API into the periodic check of the production build, with 10 models listed before it.',
    '',
    '| fault | badge | tooltip | popup says | last good data | next refresh |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.fault} | \`${r.badge}\` | ${r.tooltip} | ${r.popup.replace(/\|/g, '\\|')} | ${r.dataKept ? 'kept' : 'LOST'} | ${r.next} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(
    extension.browser === 'chromium' ? 'bench/fault-matrix.md' : 'bench/fault-matrix.firefox.md',
    table,
  );
});
