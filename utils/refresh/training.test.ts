import { describe, expect, it } from 'vitest';
import {
  idOf,
  settle,
  startTestBackground,
  startWithKey,
  type TestBackground,
} from '../../tests/background-harness';
import { ACTIVE_CHECK, fakeModel, standardAccount, TEST_KEY } from '../../tests/fake-api';
import type { FakeAccount } from '../../tests/fake-api';
import { currentRun, pastTrainings } from '../models/training';
import { DETAIL_MAX_AGE, DETAILS_PER_REFRESH } from './fetch';
import { HISTORY_PER_REFRESH } from './details';

// Training seen from inside, by the background: the phases of the models in training (their
// details, at most ten per check, each every five minutes), the history that estimates come
// from, the notice of a training taking longer than usual, and what opening the popup fetches.

const MIN = 60_000;
const HOUR = 60 * MIN;

const detailPaths = (env: TestBackground) =>
  env.fake.paths().filter((p) => p.startsWith('/models/'));
const modelNamed = async (env: TestBackground, name: string) =>
  (await env.snapshot()).models.find((m) => m.name === name)!;

async function startWith(account: FakeAccount) {
  const env = await startTestBackground({ account });
  await env.ask('saveKey', { key: TEST_KEY, check: true });
  await settle();
  env.fake.clearRequests();
  return env;
}

/** An account with finished trainings of these lengths (hours) and one model training now. */
function withHistory(hours: number[]): FakeAccount {
  const models = hours.map((h, i) =>
    fakeModel({ name: `Past ${i}`, trainedFor: h * HOUR, createdAgo: (i + 1) * 24 * HOUR }),
  );
  models.push(
    fakeModel({
      name: 'Now',
      status: 'TRAINING',
      createdAgo: 30 * MIN,
      later: [{ at: 10 * HOUR, status: 'COMPLETED', uri: 'model/now/version/1' }],
    }),
  );
  return { apiKey: TEST_KEY, models, datasets: [] };
}

describe('the phases of the models in training', () => {
  it('are read when the key is saved, then at most every five minutes per model', async () => {
    const env = await startWithKey();
    expect(currentRun(await modelNamed(env, 'Brand v2'))?.phase).toBe('TRAINING');
    // A minute later the check asks only for the list…
    env.advance(MIN);
    await env.fireAlarm();
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK]);
    // …and five minutes after they were read, for each one's detail again.
    env.fake.clearRequests();
    env.advance(DETAIL_MAX_AGE);
    await env.fireAlarm();
    expect(env.fake.paths()[0]).toBe(ACTIVE_CHECK);
    expect(detailPaths(env).sort()).toEqual(
      ['Brand v2', 'Poster look', 'Fresh start'].map((n) => `/models/${idOf(env, n)}`).sort(),
    );
  });

  it('asks for ten details per check at most; the others come with the next checks', async () => {
    const account = standardAccount();
    for (let i = 0; i < 14; i++) {
      account.models.push(fakeModel({ name: `Batch ${i}`, status: 'TRAINING', createdAgo: HOUR }));
    }
    const env = await startTestBackground({ account });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    // 17 in training (14 + 3): ten read when the key was saved…
    const read = async () =>
      (await env.snapshot()).models.filter((m) => m.owned && m.runsAt !== undefined);
    const inTraining = (await env.snapshot()).models.filter(
      (m) => m.status === 'TRAINING' || m.status === 'CREATING',
    );
    expect(inTraining).toHaveLength(17);
    expect((await read()).filter((m) => inTraining.some((t) => t.id === m.id))).toHaveLength(
      DETAILS_PER_REFRESH,
    );
    // …the other seven with the next check, and never more than ten in one check.
    env.fake.clearRequests();
    env.advance(MIN);
    await env.fireAlarm();
    expect(detailPaths(env)).toHaveLength(7);
    env.fake.clearRequests();
    env.advance(DETAIL_MAX_AGE);
    await env.fireAlarm();
    expect(detailPaths(env)).toHaveLength(DETAILS_PER_REFRESH);
  });

  it('follow the run as it moves, and a phase Ideogram adds later is kept as it comes', async () => {
    const env = await startWithKey();
    const id = idOf(env, 'Brand v2');
    env.fake.failPath(`/models/${id}`, { type: 'runs', change: 'unknown-phase' });
    env.advance(DETAIL_MAX_AGE);
    await env.fireAlarm();
    const model = await modelNamed(env, 'Brand v2');
    expect(currentRun(model)?.phase).toBe('WARMING_UP');
    // Never counted as done: still training for the badge.
    expect((await env.badge()).text).toBe('2');
  });

  it('fall back to the list’s status when a detail fails, and the list stays', async () => {
    const env = await startWithKey();
    const id = idOf(env, 'Brand v2');
    const before = await env.snapshot();
    for (const fault of [
      { type: 'status', status: 500 },
      { type: 'status', status: 403 },
      { type: 'status', status: 404 },
    ] as const) {
      env.fake.failPath(`/models/${id}`, fault);
      env.advance(DETAIL_MAX_AGE);
      await env.fireAlarm();
      const after = await env.snapshot();
      expect(after.models.map((m) => m.id)).toEqual(before.models.map((m) => m.id));
      expect(after.error).toBeNull();
      const model = await modelNamed(env, 'Brand v2');
      expect(model.status).toBe('TRAINING');
      expect(currentRun(model)).toBeNull();
      expect((await env.badge()).text).toBe('2');
    }
    // Back: the next check reads it again.
    env.fake.clearFault();
    env.advance(MIN);
    await env.fireAlarm();
    expect(currentRun(await modelNamed(env, 'Brand v2'))?.phase).toBe('TRAINING');
  });
});

describe('the history estimates come from', () => {
  it('is read once, a few finished models at a time, while it is too short', async () => {
    const account = withHistory([2, 2, 2, 2, 2, 2, 2, 2]);
    const env = await startTestBackground({ account });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    const past = pastTrainings((await env.snapshot()).models);
    expect(past).toHaveLength(HISTORY_PER_REFRESH);
    expect(past.every((p) => p.duration === 2 * HOUR)).toBe(true);
    // Enough to go on: the next lists read no more of it.
    env.fake.clearRequests();
    await env.ask('refresh', { force: true });
    await settle();
    expect(detailPaths(env)).toEqual([]);
  });

  it('gains each training the extension sees finish, even when its runs cannot be read', async () => {
    const env = await startWith(withHistory([]));
    const now = await modelNamed(env, 'Now');
    // Its detail is refused from now on: only what the extension saw can date the training.
    env.fake.failPath(`/models/${now.id}`, { type: 'status', status: 403 });
    env.fake.setStatus(now.id, 'COMPLETED', { uri: 'model/now/version/1' });
    env.advance(MIN);
    await env.fireAlarm();
    await settle();
    const done = await modelNamed(env, 'Now');
    expect(done.status).toBe('COMPLETED');
    expect(done.runs?.some((r) => r.phase === 'COMPLETED')).not.toBe(true);
    const past = pastTrainings((await env.snapshot()).models).find((p) => p.modelId === now.id);
    expect(past?.duration).toBe(done.observed!.finishedAt - done.observed!.startedAt);
    expect(past!.duration).toBeGreaterThan(0);
  });
});

describe('a detail a page reads', () => {
  it('keeps the runs, and leaves the finish to the check, which announces it once', async () => {
    const env = await startWith(withHistory([]));
    await env.enableNotifications();
    const now = await modelNamed(env, 'Now');
    env.fake.setStatus(now.id, 'COMPLETED', { uri: 'model/now/version/1' });
    // The popup opens the model's page: the check read its detail seconds ago, so nothing is
    // asked; minutes later it is read again, and now says COMPLETED.
    const accountId = ((await env.storage()).accounts as { id: string }[])[0]!.id;
    env.fake.clearRequests();
    await env.ask('getModel', { accountId, id: now.id });
    expect(detailPaths(env)).toEqual([]);
    env.advance(DETAIL_MAX_AGE);
    await env.ask('getModel', { accountId, id: now.id });
    expect(detailPaths(env)).toEqual([`/models/${now.id}`]);
    const read = await modelNamed(env, 'Now');
    expect(read.status).toBe('TRAINING');
    expect(read.runs?.at(-1)?.phase).toBe('COMPLETED');
    // The next check sees the finish, notes when it was seen, and says so.
    env.advance(MIN);
    await env.fireAlarm();
    const done = await modelNamed(env, 'Now');
    expect(done.status).toBe('COMPLETED');
    expect(done.observed).toBeDefined();
    expect(Object.values(env.notifications()).map((n) => n.title)).toEqual([
      expect.stringContaining('Now'),
    ]);
  });
});

describe('a training taking longer than usual', () => {
  function slowAccount(): FakeAccount {
    const models = [1, 1, 1].map((h, i) =>
      fakeModel({ name: `Past ${i}`, trainedFor: h * HOUR, createdAgo: (i + 2) * 24 * HOUR }),
    );
    models.push(fakeModel({ name: 'Slow', status: 'TRAINING', createdAgo: 90 * MIN }));
    return { apiKey: TEST_KEY, models, datasets: [] };
  }

  it('is announced once per training, when notifications are on', async () => {
    const env = await startWith(slowAccount());
    await env.enableNotifications();
    // Run 90 minutes, usually an hour: over, not yet twice.
    env.advance(MIN);
    await env.fireAlarm();
    expect(Object.values(env.notifications())).toEqual([]);
    // Two hours and a half in: more than twice the usual hour.
    env.advance(HOUR);
    env.fake.advance(HOUR);
    await env.fireAlarm();
    const shown = Object.values(env.notifications()).map(({ title, message }) => ({
      title,
      message,
    }));
    expect(shown).toEqual([
      {
        title: 'Slow is taking longer than usual',
        message: expect.stringMatching(
          /^Training for 2 h (2|3)\d min; it usually takes about 1 h\. Ideogram's status: status\.ideogram\.ai$/,
        ),
      },
    ]);
    // Once: the next checks say nothing more.
    for (const id of Object.keys(env.notifications())) await env.clearNotification(id);
    env.advance(DETAIL_MAX_AGE);
    env.fake.advance(DETAIL_MAX_AGE);
    await env.fireAlarm();
    expect(Object.values(env.notifications())).toEqual([]);
  });

  it('is not announced with notifications off (nor later, when they are turned on)', async () => {
    const env = await startWith(slowAccount());
    env.advance(2 * HOUR);
    env.fake.advance(2 * HOUR);
    await env.fireAlarm();
    // Seen, and kept as told (so turning notifications on later does not replay it).
    expect((await env.storage()).announced).toEqual(
      expect.arrayContaining([expect.stringMatching(/:STUCK$/)]),
    );
    await env.enableNotifications();
    env.advance(DETAIL_MAX_AGE);
    await env.fireAlarm();
    expect(Object.values(env.notifications())).toEqual([]);
  });
});

describe('opening the popup', () => {
  const open = (env: TestBackground, datasets = false) =>
    env.ask('refresh', { opening: { datasets } });

  it('fetches only what is stale: own models after 20 minutes, the rest hourly', async () => {
    const env = await startWithKey();
    // Seconds after the lists: nothing.
    await open(env);
    expect(env.fake.paths()).toEqual([]);
    // Two minutes: the cheap check only.
    env.advance(2 * MIN);
    await open(env);
    expect(env.fake.paths()).toEqual([ACTIVE_CHECK]);
    // Twenty-one minutes: the user's own models again, alone.
    env.fake.clearRequests();
    env.advance(19 * MIN);
    await open(env);
    expect(env.fake.paths().filter((p) => !p.startsWith('/models/'))).toEqual([
      '/models?scope=owned',
    ]);
    // Over an hour: the shared models and the datasets too (all models in one call).
    env.fake.clearRequests();
    env.advance(HOUR);
    await open(env);
    await settle();
    expect(env.fake.paths().filter((p) => !/^\/(models|datasets)\/./.test(p))).toEqual([
      '/models',
      '/datasets',
    ]);
  });

  it('fetches the datasets when their tab is shown, unless a minute old; ↻ fetches all', async () => {
    const env = await startWithKey();
    env.advance(2 * MIN);
    await open(env, true);
    expect(env.fake.paths()).toEqual(['/datasets']);
    env.fake.clearRequests();
    await env.ask('refresh', { force: true });
    expect(env.fake.paths().sort()).toEqual(['/datasets', '/models']);
  });

  it('keeps the shared models when it lists only the user’s own', async () => {
    const env = await startWithKey();
    env.advance(21 * MIN);
    await open(env);
    const names = (await env.snapshot()).models.map((m) => m.name);
    expect(names).toContain('Team mascot');
    expect(names).toHaveLength(10);
  });
});
