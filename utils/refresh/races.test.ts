import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  idOf,
  settle,
  startTestBackground,
  startWithKey,
  type TestBackground,
} from '../../tests/background-harness';
import { ACTIVE_CHECK, fakeModel, standardAccount, TEST_KEY } from '../../tests/fake-api';

// The refresh engine's promises under races and odd answers (issue: "refresh promises that hold
// under races"). Each test stages the race with the fake API's held (slow) answers.

const MIN = 60_000;
const HOUR = 60 * MIN;
const TEAM_KEY = 'team-key-0001';

/** Fires the account's alarm without waiting for its calls (some are held back). */
async function startAlarm(env: TestBackground, accountId?: string) {
  const id = accountId ?? (await env.accountId());
  void fakeBrowser.alarms.onAlarm.trigger({
    name: `refresh:${id}`,
    scheduledTime: env.now(),
    persistAcrossSessions: true,
  });
  // Let it reach the network.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function modelOf(env: TestBackground, name: string, accountId?: string) {
  return (await env.snapshot(accountId)).models.find((m) => m.name === name);
}

describe('a slow answer never overwrites a newer one', () => {
  it('keeps a finish that a full list saw, when the check started before it answers after', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const brand = idOf(env, 'Brand v2');
    // The check asks while Brand v2 still trains, and its answer is slow.
    const release = env.fake.hold(ACTIVE_CHECK);
    await startAlarm(env);
    // Meanwhile the model finishes, and the popup's full list (started later) sees it.
    env.fake.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    await env.ask('refresh', { force: true });
    expect((await modelOf(env, 'Brand v2'))?.status).toBe('COMPLETED');
    // The slow check answers last, with Brand v2 still training: it is dropped.
    release();
    await settle();
    expect((await modelOf(env, 'Brand v2'))?.status).toBe('COMPLETED');
    expect((await env.badge()).text).toBe('1');
    // The finish was announced once, and the next check does not announce it again.
    await env.fireAlarm();
    expect(Object.keys(env.notifications())).toEqual([`model:${brand}`]);
  });

  it('lets a check that started after a full list apply', async () => {
    const env = await startWithKey();
    await env.ask('refresh', { force: true });
    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED');
    await env.fireAlarm();
    expect((await modelOf(env, 'Brand v2'))?.status).toBe('COMPLETED');
  });
});

describe('one writer', () => {
  it('gives two accounts when two keys are saved at the same moment', async () => {
    const env = await startTestBackground({ otherAccounts: [standardAccount(TEAM_KEY)] });
    const [a, b] = await Promise.all([
      env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Mine' }),
      env.ask('saveKey', { key: TEAM_KEY, check: true, label: 'Team' }),
    ]);
    expect(a.saved && b.saved).toBe(true);
    const accounts = await env.accounts();
    expect(accounts.map((x) => x.label).sort()).toEqual(['Mine', 'Team']);
    expect(Object.values((await env.storage()).apiKeys as object).sort()).toEqual(
      [TEAM_KEY, TEST_KEY].sort(),
    );
  });

  it('refuses the same key saved twice at the same moment, once', async () => {
    const env = await startTestBackground();
    const results = await Promise.all([
      env.ask('saveKey', { key: TEST_KEY, check: true }),
      env.ask('saveKey', { key: TEST_KEY, check: true }),
    ]);
    expect(results.filter((r) => r.saved)).toHaveLength(1);
    expect(results.find((r) => !r.saved)).toMatchObject({ problem: /already saved/ });
    expect(await env.accounts()).toHaveLength(1);
  });

  it('never reverts a snapshot the engine wrote while a key was being saved', async () => {
    const env = await startTestBackground({ otherAccounts: [standardAccount(TEAM_KEY)] });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    const first = await env.accountId();
    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED');
    // A second key is being checked (its dataset list answers slowly)…
    const release = env.fakes[1]!.hold('/datasets');
    const saving = env.ask('saveKey', { key: TEAM_KEY, check: true });
    // …while the first account's check lands.
    await env.fireAlarm(first);
    expect((await modelOf(env, 'Brand v2', first))?.status).toBe('COMPLETED');
    release();
    expect(await saving).toMatchObject({ saved: true });
    await settle();
    expect((await modelOf(env, 'Brand v2', first))?.status).toBe('COMPLETED');
    expect(await env.accounts()).toHaveLength(2);
  });

  it('announces each finish once when two accounts finish in the same refresh', async () => {
    const env = await startTestBackground({ otherAccounts: [standardAccount(TEAM_KEY)] });
    await env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Mine' });
    await env.ask('saveKey', { key: TEAM_KEY, check: true, label: 'Team' });
    await settle();
    await env.enableNotifications();
    const [mine, team] = env.fakes;
    const mineId = mine!.account.models.find((m) => m.name === 'Brand v2')!.model_id;
    const teamId = team!.account.models.find((m) => m.name === 'Poster look')!.model_id;
    mine!.setStatus(mineId, 'COMPLETED');
    team!.setStatus(teamId, 'ERRORED');
    await env.ask('refresh', { force: true });
    await settle();
    const shown = env.notifications();
    expect(Object.keys(shown).sort()).toEqual([`model:${mineId}`, `model:${teamId}`].sort());
    expect(shown[`model:${mineId}`]!.title).toBe('Brand v2 finished training (Mine)');
    expect(shown[`model:${teamId}`]!.title).toBe('Poster look failed to train (Team)');
    expect((await env.storage()).pendingNotices).toEqual([]);
    // Nothing is announced again: not at the next refresh, not after a restart.
    await fakeBrowser.notifications.clear(`model:${mineId}`);
    await env.fireAlarm();
    expect(Object.keys(env.notifications())).toEqual([`model:${teamId}`]);
    // (A restart clears the screen, as the browser does.)
    await env.restart();
    expect(env.notifications()).toEqual({});
  });
});

describe('one model seen by two keys of the same user', () => {
  it('is counted once on the badge, and its finish announced once', async () => {
    // A key rotation: two keys, one user, the same models.
    const account = standardAccount();
    const env = await startTestBackground({
      account,
      otherAccounts: [{ ...account, apiKey: TEAM_KEY }],
    });
    await env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Old key' });
    await env.ask('saveKey', { key: TEAM_KEY, check: true, label: 'New key' });
    await settle();
    expect((await env.badge()).text).toBe('2');
    await env.enableNotifications();
    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED');
    await env.fireAlarm();
    expect(Object.keys(env.notifications())).toEqual([`model:${idOf(env, 'Brand v2')}`]);
    expect((await env.badge()).text).toBe('1');
  });
});

describe('Retry-After is bounded, and a person is never ignored', () => {
  it.each([
    ['a billion seconds', '1000000000', HOUR],
    ['a date years ahead', new Date(Date.now() + 5 * 365 * 24 * HOUR).toUTCString(), HOUR],
  ])('waits at most an hour for %s', async (_, retryAfter, longest) => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'status', status: 429, retryAfter });
    await env.fireAlarm();
    expect(await env.alarmDelay()).toBeLessThanOrEqual(longest);
    expect(await env.alarmDelay()).toBeGreaterThan(longest - MIN);
  });

  it.each([
    ['0', '0'],
    ['a date in the past', new Date(Date.now() - HOUR).toUTCString()],
  ])('treats a Retry-After of %s as "soon", with back-off', async (_, retryAfter) => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'status', status: 429, retryAfter });
    await env.fireAlarm();
    const delay = (await env.alarmDelay())!;
    expect(delay).toBeGreaterThanOrEqual(30_000);
    expect(delay).toBeLessThanOrEqual(MIN);
    expect((await env.storage()).refreshStates).toMatchObject({
      [await env.accountId()]: { retryAt: null },
    });
  });

  it('measures a dated Retry-After against the answer’s Date header', async () => {
    const env = await startWithKey();
    const serverNow = Date.now() + 5 * HOUR;
    env.fake.failNext({
      type: 'status',
      status: 429,
      retryAfter: new Date(serverNow + 60_000).toUTCString(),
      date: new Date(serverNow).toUTCString(),
    });
    await env.fireAlarm();
    expect(await env.alarmDelay()).toBe(60_000);
  });

  it('tells a person who presses refresh during the wait how long is left, and sends nothing', async () => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'status', status: 429, retryAfter: '120' });
    await env.fireAlarm();
    env.fake.clearRequests();
    const answer = await env.ask('refresh', { force: true });
    expect(answer.waitUntil).toBe(env.now() + 120_000);
    expect(env.fake.requests).toHaveLength(0);
  });
});

describe('an alarm always exists', () => {
  it('sets the next alarm before a check starts, so a worker stopped mid-check wakes again', async () => {
    const env = await startWithKey();
    // The browser fired the alarm: it is gone until the extension sets the next one.
    await fakeBrowser.alarms.clearAll();
    const release = env.fake.hold(ACTIVE_CHECK);
    await startAlarm(env);
    expect(env.fake.held).toBe(1);
    // The check waits on its (slow) answer, and the next alarm is already there.
    expect(await env.alarmDelay()).toBe(1 * MIN);
    release();
    await settle();
  });
});

describe('the clock going backwards', () => {
  it('never makes the lists look fresh for as long as it jumped', async () => {
    const env = await startWithKey();
    // The clock jumps back five hours: the lists now look as if written in the future.
    env.advance(-5 * HOUR);
    await env.ask('refresh', {});
    expect(env.fake.paths().slice(0, 2).sort()).toEqual(['/datasets', '/models']);
  });
});

describe('the right cause, in words', () => {
  it('says the browser is holding back requests after server errors, not that you are offline', async () => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'status', status: 500 });
    await env.fireAlarm();
    env.fake.failNext({ type: 'drop' });
    await env.fireAlarm();
    const error = (await env.snapshot()).error!;
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(/holding back requests/);
    expect(error.message).not.toMatch(/VPN|offline/);
  });

  it('a dropped connection out of the blue is still a connection problem', async () => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'drop' });
    await env.fireAlarm();
    expect((await env.snapshot()).error?.kind).toBe('network');
  });

  it('says the browser’s storage refused the lists, not that the answer made no sense', async () => {
    const env = await startWithKey();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    set.mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await env.ask('refresh', { force: true });
    set.mockRestore();
    const error = (await env.snapshot()).error!;
    expect(error.kind).toBe('storage');
    expect(error.message).toMatch(/refused to save them/);
    expect(error.message).not.toMatch(/make sense/);
    expect((await env.snapshot()).models).toHaveLength(10);
  });

  it('names a refused dataset as a dataset', async () => {
    const env = await startWithKey();
    const dataset = env.fake.account.datasets[0]!.dataset_id;
    env.fake.failPath(`/datasets/${dataset}`, { type: 'status', status: 403 });
    const accountId = await env.accountId();
    await expect(env.ask('getDataset', { accountId, id: dataset })).rejects.toThrow(
      /refused this key access to this dataset \(HTTP 403\)/,
    );
  });

  it('says when an account has no key saved (its key was lost), instead of staying silent', async () => {
    const env = await startTestBackground({
      stored: { schema: 2, accounts: [{ id: 'acct-x', label: 'Lost', since: 1 }], apiKeys: {} },
    });
    await settle();
    expect((await env.snapshot('acct-x')).error?.message).toMatch(/No API key is saved/);
    expect((await env.badge()).text).toBe('KEY');
  });
});

describe('Ideogram’s documented error semantics', () => {
  it('a 403 on the dataset list keeps the key, updates the models, and says so on the datasets', async () => {
    const env = await startWithKey();
    env.fake.failPath('/datasets', { type: 'status', status: 403 });
    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED');
    await env.ask('refresh', { force: true });
    const snapshot = await env.snapshot();
    expect(snapshot.error).toBeNull();
    expect(snapshot.datasets).toHaveLength(2);
    expect(snapshot.datasetsError?.message).toMatch(/access to the dataset list \(HTTP 403\)/);
    expect((await modelOf(env, 'Brand v2'))?.status).toBe('COMPLETED');
    expect((await env.badge()).text).toBe('1');
    // Other calls go on: the timer keeps its pace.
    expect(await env.alarmDelay()).toBe(1 * MIN);
  });

  it('a 403 on a model’s detail makes the check fetch the full lists instead', async () => {
    const env = await startWithKey();
    const brand = idOf(env, 'Brand v2');
    env.fake.setStatus(brand, 'COMPLETED');
    env.fake.failPath(`/models/${brand}`, { type: 'status', status: 403 });
    await env.fireAlarm();
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK, `/models/${brand}`, '/models', '/datasets']);
    expect((await modelOf(env, 'Brand v2'))?.status).toBe('COMPLETED');
    expect((await env.snapshot()).error).toBeNull();
  });

  it('a 402 says why payment is needed, and a 429 why it limits, from their bodies', async () => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'status', status: 402, body: { reject_reason: 'daily_limit' } });
    await env.fireAlarm();
    expect((await env.snapshot()).error?.message).toMatch(/daily limit/);
    env.advance(HOUR);
    env.fake.failNext({
      type: 'status',
      status: 429,
      body: { error: 'x', reject_reason: 'inflight_limit', max_inflight_requests: 3 },
    });
    await env.fireAlarm();
    expect((await env.snapshot()).error?.message).toMatch(
      /at most 3 requests may be in progress at once: wait for one to finish/,
    );
    env.advance(HOUR);
    env.fake.failNext({ type: 'status', status: 429, text: '<html>slow down</html>' });
    await env.fireAlarm();
    expect((await env.snapshot()).error?.message).toBe(
      'Ideogram is limiting requests for now. Model Watch will try again shortly.',
    );
  });
});

describe('big accounts', () => {
  it('loads 25,000 models', async () => {
    const account = standardAccount();
    const now = Date.now();
    for (let i = 0; i < 25_000; i++) {
      account.models.push(
        fakeModel(
          { id: `big_${i.toString(36).padStart(8, '0')}`, name: `Shared ${i}`, owned: false },
          now,
        ),
      );
    }
    const env = await startTestBackground({ account });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    expect((await env.snapshot()).models).toHaveLength(25_010);
    expect((await env.snapshot()).error).toBeNull();
  }, 60_000);
});
