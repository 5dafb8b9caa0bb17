import { describe, expect, it } from 'vitest';
import { settle, startTestBackground } from '../../tests/background-harness';
import { ACTIVE_CHECK, fakeModel, TEST_KEY } from '../../tests/fake-api';
import type { FakeAccount, FakeModel } from '../../tests/fake-api';
import { statusWords } from '../views/models';

// Training runs can be FAILED (the 2026-10-07 API). A model whose latest run failed is a failed
// model wherever it shows, even while the lists still call it TRAINING: never counted, announced
// once, and its detail read again at every check.

const MIN = 60_000;

/** A model the lists call TRAINING whose run failed `failedAgo` ago (its run started an hour before). */
function failingRun(now: number, failedAgo: number): FakeModel {
  const model = fakeModel({ name: 'Brand v3', status: 'TRAINING', createdAgo: 2 * 60 * MIN }, now);
  const start = now - 2 * 60 * MIN;
  model.runs = [
    {
      id: 'run-1',
      phases: [
        { at: start, phase: 'PREPARING_DATA' },
        { at: start + 5 * MIN, phase: 'TRAINING' },
        { at: now - failedAgo, phase: 'FAILED' },
      ],
    },
  ];
  return model;
}

async function watching(account: FakeAccount) {
  const env = await startTestBackground({ account });
  await env.enableNotifications();
  await env.ask('saveKey', { key: TEST_KEY, check: true });
  await settle();
  return env;
}

describe('a failed training run', () => {
  it('makes a model the lists call TRAINING a failed one: not counted, announced once, read again', async () => {
    const now = Date.now();
    const training = fakeModel(
      { name: 'Still going', status: 'TRAINING', createdAgo: 10 * MIN },
      now,
    );
    const model = failingRun(now, 20 * MIN);
    // The run has not failed yet when the key is saved: both train.
    model.runs![0]!.phases[2]!.at = now + 30 * MIN;
    const env = await watching({ apiKey: TEST_KEY, models: [training, model], datasets: [] });
    expect((await env.badge()).text).toBe('2');

    // Half an hour later its run says FAILED while its status still says TRAINING.
    env.advance(31 * MIN);
    await env.fireAlarm();
    await settle();
    const stored = (await env.snapshot()).models.find((m) => m.id === model.model_id)!;
    expect(stored.status).toBe('ERRORED');
    // Its time is the run’s (the API gives seconds).
    expect(Math.abs(stored.updatedAt! - (now + 30 * MIN))).toBeLessThan(1000);
    expect(statusWords(stored)).toBe('Training failed');
    expect((await env.badge()).text).toBe('1');
    expect(env.notifications()[`model:${model.model_id}`]).toEqual(
      expect.objectContaining({
        title: 'Brand v3 failed to train',
        message: 'Its training run failed after 2 h 30 min. Open Model Watch for details.',
      }),
    );
    await env.clearNotification(`model:${model.model_id}`);

    // A check a minute later does not ask for it again: a failed model is read on the usual
    // pace, not at every check.
    env.fake.clearRequests();
    env.advance(MIN);
    await env.fireAlarm();
    await settle();
    expect(env.fake.paths()).not.toContain(`/models/${model.model_id}`);
    // The next checks read its detail again (the lists still say TRAINING) and say nothing new.
    for (let i = 0; i < 3; i++) {
      env.fake.clearRequests();
      env.advance(5 * MIN);
      await env.fireAlarm();
      await settle();
      expect(env.fake.paths()).toContain(ACTIVE_CHECK);
      expect(env.fake.paths()).toContain(`/models/${model.model_id}`);
    }
    expect((await env.badge()).text).toBe('1');
    expect(env.notifications()[`model:${model.model_id}`]).toBeUndefined();

    // Its detail failing does not make it training again.
    env.fake.failPath(`/models/${model.model_id}`, { type: 'status', status: 503 });
    env.advance(5 * MIN);
    await env.fireAlarm();
    await settle();
    expect((await env.snapshot()).models.find((m) => m.id === model.model_id)!.status).toBe(
      'ERRORED',
    );
    expect((await env.badge()).text).toBe('1');
    expect(env.notifications()[`model:${model.model_id}`]).toBeUndefined();
  });

  it('takes a failure a page read (the model’s page) at the next check, and announces it', async () => {
    const now = Date.now();
    const model = failingRun(now, 0);
    model.runs![0]!.phases[2]!.at = now + 2 * MIN;
    const env = await watching({ apiKey: TEST_KEY, models: [model], datasets: [] });
    expect((await env.badge()).text).toBe('1');
    // Six minutes on, the person opens its page: the detail read there says FAILED.
    env.advance(6 * MIN);
    const detail = await env.ask('getModel', {
      accountId: await env.accountId(),
      id: model.model_id,
    });
    expect(detail.runs?.at(-1)?.phase).toBe('FAILED');
    // The page shows it failed at once; the check to come announces it.
    expect(detail.status).toBe('ERRORED');
    // The next check reads it again at once (not five minutes later), and announces it once.
    env.fake.clearRequests();
    env.advance(MIN);
    await env.fireAlarm();
    await settle();
    expect(env.fake.paths()).toContain(`/models/${model.model_id}`);
    expect((await env.badge()).text).toBe('');
    expect(env.notifications()[`model:${model.model_id}`]?.title).toBe('Brand v3 failed to train');
  });

  it('says a model that erred failed in its run, with the run’s phases kept', async () => {
    const now = Date.now();
    const model = fakeModel(
      { name: 'Logo mark', status: 'ERRORED', trainedFor: 40 * MIN, createdAgo: 60 * MIN },
      now,
    );
    const env = await watching({ apiKey: TEST_KEY, models: [model], datasets: [] });
    const detail = await env.ask('getModel', {
      accountId: await env.accountId(),
      id: model.model_id,
    });
    expect(detail.runs?.at(-1)?.phase).toBe('FAILED');
    expect(statusWords(detail)).toBe('Training failed');
    expect((await env.badge()).text).toBe('');
  });
});
