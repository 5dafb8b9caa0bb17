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
import type { Snapshot } from '../storage/items';
import { ensureScheduled } from './alarm';

const MIN = 60_000;

async function snapshot(env: TestBackground): Promise<Snapshot> {
  return env.snapshot();
}

describe('the periodic check', () => {
  it('asks only for the active owned models when nothing changed', async () => {
    const env = await startWithKey();
    await env.fireAlarm();
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK]);
    expect((await env.badge()).text).toBe('2');
  });

  it('fetches the detail of a model that left training, and lowers the badge', async () => {
    const env = await startWithKey();
    const id = idOf(env, 'Brand v2');
    env.fake.setStatus(id, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    await env.fireAlarm();
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK, `/models/${id}`]);
    expect((await env.badge()).text).toBe('1');
    const model = (await snapshot(env)).models.find((m) => m.id === id);
    expect(model).toMatchObject({ status: 'COMPLETED', uri: 'model/brand-v2/version/1' });
  });

  it('fetches the full lists when a model it never saw starts training', async () => {
    const env = await startWithKey();
    env.fake.addModel(fakeModel({ name: 'Surprise', status: 'TRAINING', createdAgo: MIN }));
    await env.fireAlarm();
    // …with the new model's detail, for its phase (the others' phases are a minute old).
    const surprise = `/models/${idOf(env, 'Surprise')}`;
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK, '/models', '/datasets', surprise]);
    expect((await env.badge()).text).toBe('3');
  });

  it('drops a deleted model without announcing it as finished', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const id = idOf(env, 'Poster look');
    env.fake.deleteModel(id);
    await env.fireAlarm();
    expect((await snapshot(env)).models.some((m) => m.id === id)).toBe(false);
    expect((await env.badge()).text).toBe('1');
    expect(env.notifications()).toEqual({});
  });

  it('fetches the full lists again when they are over six hours old', async () => {
    const env = await startWithKey();
    env.advance(6 * 60 * MIN + 1);
    await env.fireAlarm();
    // The phases of the models in training and the datasets' image counts are as old: they are
    // read again too.
    const [d1, d2] = env.fake.account.datasets.map((d) => `/datasets/${d.dataset_id}`);
    const phases = ['Brand v2', 'Poster look', 'Fresh start'].map((n) => `/models/${idOf(env, n)}`);
    expect(env.fake.paths()).toEqual(['/models', '/datasets', ...phases, d1, d2]);
  });

  it('never counts a model of an unknown status as training', async () => {
    const env = await startTestBackground();
    env.fake.addModel(fakeModel({ name: 'Queued', status: 'QUEUED' }));
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    expect((await snapshot(env)).models.find((m) => m.name === 'Queued')?.status).toBe('QUEUED');
    expect((await env.badge()).text).toBe('2');
  });
});

describe('the pace', () => {
  it('checks every minute while a model trains, every 15 minutes after', async () => {
    const env = await startWithKey();
    expect(await env.alarmDelay()).toBe(1 * MIN);
    for (const name of ['Brand v2', 'Poster look', 'Fresh start']) {
      env.fake.setStatus(idOf(env, name), 'COMPLETED');
    }
    await env.fireAlarm();
    expect((await env.badge()).text).toBe('');
    expect(await env.alarmDelay()).toBe(15 * MIN);
  });

  it('follows the intervals set on the options page, within bounds', async () => {
    const env = await startWithKey();
    expect(await env.ask('saveSettings', { activeMinutes: 4 })).toMatchObject({ activeMinutes: 4 });
    expect(await env.alarmDelay()).toBe(4 * MIN);
    expect(await env.ask('saveSettings', { activeMinutes: 0 })).toMatchObject({ activeMinutes: 1 });
    expect(await env.ask('saveSettings', { idleMinutes: 10_000 })).toMatchObject({
      idleMinutes: 120,
    });
  });
});

describe('single flight', () => {
  it('shares one call per endpoint between the popup, the options page and the alarm', async () => {
    const env = await startWithKey();
    env.advance(MIN);
    await Promise.all([
      env.ask('refresh', { force: true }),
      env.ask('refresh', { force: true }),
      env.ask('refresh', { force: true }),
    ]);
    expect(env.fake.paths().sort()).toEqual(['/datasets', '/models']);
  });

  it('gives a page the stored lists when they are seconds old', async () => {
    const env = await startWithKey();
    expect(await env.ask('refresh', {})).toEqual({ error: null, waitUntil: null });
    expect(env.fake.paths()).toEqual([]);
  });
});

describe('after errors', () => {
  it('honours Retry-After in seconds and as a date, and does not call before', async () => {
    const env = await startWithKey();
    env.fake.failNext({ type: 'status', status: 429, retryAfter: '300' });
    await env.fireAlarm();
    expect(await env.alarmDelay()).toBe(300_000);
    // A page asking in the meantime gets the stored data, not a call.
    await env.ask('refresh', { force: true });
    expect(env.fake.requests).toHaveLength(1);

    env.advance(300_000);
    env.fake.failNext({
      type: 'status',
      status: 503,
      // Dates are read against the real clock.
      retryAfter: new Date(Date.now() + 600_000).toUTCString(),
    });
    await env.fireAlarm();
    const delay = (await env.alarmDelay())!;
    expect(delay).toBeGreaterThan(598_000);
    expect(delay).toBeLessThanOrEqual(600_000);
  });

  it('backs off exponentially up to 30 minutes, and resets after a success', async () => {
    const env = await startWithKey();
    env.fake.setFault({ type: 'status', status: 500 });
    const ceilings = [1, 2, 4, 8, 16, 30, 30].map((m) => m * MIN);
    for (const ceiling of ceilings) {
      await env.fireAlarm();
      const delay = (await env.alarmDelay())!;
      expect(delay).toBeGreaterThanOrEqual(Math.max(30_000, ceiling / 2));
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
    env.fake.clearFault();
    await env.fireAlarm();
    expect(await env.alarmDelay()).toBe(1 * MIN);
    expect((await env.storage()).refreshStates).toEqual({
      [await env.accountId()]: { failures: 0, retryAt: null },
    });
    expect((await env.badge()).text).toBe('2');
  });

  it('stops calling after a 401 until the key changes', async () => {
    const env = await startWithKey();
    env.fake.revokeKey();
    await env.fireAlarm();
    expect((await env.badge()).text).toBe('KEY');
    env.fake.clearRequests();
    await env.fireAlarm();
    expect(env.fake.requests).toHaveLength(0);

    await env.ask('saveKey', {
      key: env.fake.account.apiKey,
      check: true,
      accountId: await env.accountId(),
    });
    await settle();
    expect((await env.badge()).text).toBe('2');
    expect(await env.alarmDelay()).toBe(1 * MIN);
  });

  it('makes no call while offline, and checks as soon as the browser is back online', async () => {
    const env = await startWithKey();
    await env.setOnline(false);
    await env.fireAlarm();
    expect(env.fake.requests).toHaveLength(0);
    expect((await env.badge()).text).toBe('OFF');
    // The alarm comes back as soon as the browser allows (30 s), in case the worker stops.
    expect(await env.alarmDelay()).toBe(30_000);
    expect((await snapshot(env)).models).toHaveLength(10);

    await env.setOnline(true);
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK]);
    expect((await env.badge()).text).toBe('2');
  });

  it('notices the connection is back within seconds, though a service worker hears no event', async () => {
    const env = await startWithKey();
    await env.setOnline(false);
    await env.fireAlarm();
    expect((await env.badge()).text).toBe('OFF');
    // While offline, the worker looks every few seconds.
    expect(env.watchers).toBe(1);
    await env.tick();
    expect(env.fake.requests).toHaveLength(0);

    await env.setOnline(true, { announce: false });
    await env.tick();
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK]);
    expect((await env.badge()).text).toBe('2');
    // Back online: it stops looking.
    expect(env.watchers).toBe(0);
  });
});

describe('worker and browser restarts', () => {
  it('re-applies the badge and re-creates the alarm from storage', async () => {
    const env = await startWithKey();
    await env.restart();
    expect((await env.badge()).text).toBe('2');
    expect(await env.alarmDelay()).toBe(1 * MIN);
    expect(env.fake.requests).toHaveLength(0);
  });

  it('leaves a pending alarm alone at a wake-up', async () => {
    const env = await startWithKey();
    const alarm = await env.alarm();
    env.advance(20_000);
    // The worker wakes for some other event: the alarm must not be pushed back.
    await ensureScheduled(env.now());
    expect((await env.alarm())?.scheduledTime).toBe(alarm?.scheduledTime);
  });
});

describe('notifications', () => {
  it('are off by default', async () => {
    const env = await startWithKey();
    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    await env.fireAlarm();
    expect(env.notifications()).toEqual({});
  });

  it('announce a finish (with its URI) and a failure, once each', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const brand = idOf(env, 'Brand v2');
    const poster = idOf(env, 'Poster look');
    env.fake.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    env.fake.setStatus(poster, 'ERRORED');
    await env.fireAlarm();
    expect(env.notifications()).toEqual({
      [`model:${brand}`]: expect.objectContaining({
        title: 'Brand v2 finished training',
        message: 'Its URI is ready to copy: model/brand-v2/version/1',
      }),
      [`model:${poster}`]: expect.objectContaining({ title: 'Poster look failed to train' }),
    });
    await fakeBrowser.notifications.clear(`model:${brand}`);
    await fakeBrowser.notifications.clear(`model:${poster}`);
    await env.fireAlarm();
    await env.ask('refresh', { force: true });
    await settle();
    expect(env.notifications()).toEqual({});
  });

  it('announce a transition once even when the worker stops before showing it', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const brand = idOf(env, 'Brand v2');
    env.fake.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    // The check stores the finish as pending; the worker is gone before the notification shows.
    const create = vi
      .spyOn(fakeBrowser.notifications, 'create')
      .mockRejectedValue(new Error('worker stopped'));
    await env.fireAlarm();
    expect(create).toHaveBeenCalledTimes(1);
    expect((await env.storage()).pendingNotices).toEqual([]);
    create.mockRestore();
    await env.restart();
    await env.fireAlarm();
    // Taken off the list before it was shown: at most once, never twice.
    expect(env.notifications()).toEqual({});
  });

  it('deliver what a stopped worker left pending, once, after a restart', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const brand = idOf(env, 'Brand v2');
    await fakeBrowser.storage.local.set({
      pendingNotices: [
        { modelId: brand, name: 'Brand v2', status: 'COMPLETED', uri: 'model/b/version/1', at: 1 },
      ],
    });
    // The storage listener delivers it; a restart finds nothing more to show.
    await settle();
    expect(Object.keys(env.notifications())).toEqual([`model:${brand}`]);
    await fakeBrowser.notifications.clear(`model:${brand}`);
    await env.restart();
    expect(env.notifications()).toEqual({});
  });

  it('detects a finish that happened while the browser was closed, once', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const brand = idOf(env, 'Brand v2');
    await env.restart();
    env.fake.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    await env.fireAlarm();
    expect(Object.keys(env.notifications())).toEqual([`model:${brand}`]);
    await fakeBrowser.notifications.clear(`model:${brand}`);
    await env.restart();
    await env.fireAlarm();
    expect(env.notifications()).toEqual({});
  });

  it('open the popup on the model when clicked', async () => {
    const env = await startWithKey();
    await env.enableNotifications();
    const brand = idOf(env, 'Brand v2');
    await fakeBrowser.notifications.onClicked.trigger(`model:${brand}`);
    await settle();
    expect((await env.storage()).focusModel).toBe(brand);
    expect(env.calls.openPopup).toBe(1);
  });
});

describe('several accounts', () => {
  async function twoAccounts() {
    const env = await startTestBackground({ otherAccounts: [standardAccount('team-key-0001')] });
    const personal = await env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Personal' });
    const team = await env.ask('saveKey', { key: 'team-key-0001', check: true, label: 'Team' });
    if (!personal.saved || !team.saved) throw new Error('not saved');
    await settle();
    for (const fake of env.fakes) fake.clearRequests();
    return { env, personal: personal.accountId, team: team.accountId };
  }

  it('sums the accounts on the badge', async () => {
    const { env } = await twoAccounts();
    expect((await env.badge()).text).toBe('4');
  });

  it('keeps each account’s back-off to itself', async () => {
    const { env, personal, team } = await twoAccounts();
    env.fakes[1]!.setFault({ type: 'status', status: 500 });
    for (let i = 0; i < 3; i++) {
      env.advance(60_000);
      await env.fireAlarm();
    }
    const states = (await env.storage()).refreshStates as Record<string, { failures: number }>;
    expect(states[personal]!.failures).toBe(0);
    expect(states[team]!.failures).toBe(3);
    expect(await env.alarmDelay(personal)).toBeLessThanOrEqual(MIN + 15_000);
    expect(await env.alarmDelay(team)).toBeGreaterThanOrEqual(2 * MIN);
    expect((await env.snapshot(personal)).error).toBeNull();
  });

  it('lets one account’s rejected key stop only that account', async () => {
    const { env, personal, team } = await twoAccounts();
    env.fakes[1]!.revokeKey();
    await env.fireAlarm();
    expect((await env.snapshot(team)).error?.kind).toBe('unauthorized');
    expect(await env.alarm(team)).toBeUndefined();
    expect(await env.alarm(personal)).toBeDefined();

    env.fake.setStatus(idOf(env, 'Brand v2'), 'COMPLETED', { uri: 'model/brand-v2/version/1' });
    env.fakes[1]!.clearRequests();
    env.fake.clearRequests();
    env.advance(MIN);
    await env.fireAlarm();
    expect(env.fake.requests.length).toBeGreaterThan(0);
    expect(env.fakes[1]!.requests).toHaveLength(0);
    const badge = await env.badge();
    expect(badge.text).toBe('3!');
    expect(badge.title).toMatch(/Team: Ideogram rejected the API key/);
  });

  it('spreads the accounts’ calls out instead of firing them at once', async () => {
    const { env } = await twoAccounts();
    const [a, b] = (await env.alarms()).map(([, delay]) => delay);
    expect(Math.abs(a! - b!)).toBeGreaterThanOrEqual(15_000);
  });

  it('names the account in notifications', async () => {
    const { env } = await twoAccounts();
    await env.enableNotifications();
    const brand = env.fakes[1]!.account.models.find((m) => m.name === 'Brand v2')!.model_id;
    env.fakes[1]!.setStatus(brand, 'COMPLETED', { uri: 'model/brand-v2/version/9' });
    env.advance(MIN);
    await env.fireAlarm();
    expect(Object.values(env.notifications()).map((n) => n.title)).toEqual([
      'Brand v2 finished training (Team)',
    ]);
  });
});
