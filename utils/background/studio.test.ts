import { describe, expect, it } from 'vitest';
import { settle, startWithKey } from '../../tests/background-harness';

// Starting a training through the background, as the studio page asks for it: the real client
// against the fake API, the real storage.

const TRAIN = '/v1/ideogram-v3/train-model';

async function trainingEnv() {
  const env = await startWithKey();
  const accountId = ((await env.storage()).accounts as { id: string }[])[0]!.id;
  const brand = env.fake.account.datasets.find((d) => d.name === 'Brand photos')!;
  const start = (name: string) =>
    env.ask('startTraining', { accountId, datasetId: brand.dataset_id, name, base: 'v3' });
  const storedModel = async (name: string) =>
    (await env.snapshot(accountId)).models.find((m) => m.name === name);
  return { env, start, storedModel, brand };
}

describe('starting a training', () => {
  it('the new model is stored at once as Creating, from one request', async () => {
    const { env, start, storedModel } = await trainingEnv();
    const started = await start('Brand v9');
    expect(started).toMatchObject({ outcome: 'started', training: { modelName: 'Brand v9' } });
    expect((await storedModel('Brand v9'))?.status).toBe('CREATING');
    expect(env.fake.paths().filter((p) => p.startsWith(TRAIN))).toEqual([TRAIN]);
  });

  it('a 402 says so, says nothing changed, and no model is stored', async () => {
    const { env, start, storedModel } = await trainingEnv();
    env.fake.failPath(TRAIN, {
      type: 'status',
      status: 402,
      body: { reject_reason: 'insufficient_funds' },
    });
    await expect(start('Brand v9')).rejects.toThrow(
      'Ideogram says the account has run out of funds (HTTP 402). Add credit on Ideogram’s billing page. Nothing was changed; what you prepared is kept.',
    );
    expect(await storedModel('Brand v9')).toBeUndefined();
    expect(env.fake.account.models.some((m) => m.name === 'Brand v9')).toBe(false);
  });

  it('a 503 after Ideogram started it says it may have gone through, and the lists are read again', async () => {
    const { env, start, storedModel } = await trainingEnv();
    env.fake.failPath(TRAIN, { type: 'status', status: 503, reached: true });
    await expect(start('Brand v9')).rejects.toThrow(
      'Ideogram’s API is temporarily unavailable. It may have gone through all the same: check before trying again.',
    );
    env.fake.failPath(TRAIN, null);
    await settle();
    // The lists fetched again show the model that did start.
    expect(env.fake.paths()).toContain('/models');
    expect((await storedModel('Brand v9'))?.status).toBeDefined();
  });

  it('too few images, or a bad name, are refused before anything is sent', async () => {
    const { env, start } = await trainingEnv();
    await expect(start('no')).rejects.toThrow('A name needs at least 5 characters (this has 2).');
    const accountId = ((await env.storage()).accounts as { id: string }[])[0]!.id;
    const posters = env.fake.account.datasets.find((d) => d.name === 'Poster styles')!;
    await expect(
      env.ask('startTraining', {
        accountId,
        datasetId: posters.dataset_id,
        name: 'Poster v2',
        base: 'v3',
      }),
    ).rejects.toThrow('A training needs at least 15 images: this dataset has 12, 3 more needed.');
    expect(env.fake.paths().filter((p) => p.startsWith(TRAIN))).toEqual([]);
  });

  it('a second start of the same dataset while one is on its way is refused: one training', async () => {
    const { env, start } = await trainingEnv();
    const release = env.fake.hold(TRAIN);
    const first = start('Brand v9');
    await settle();
    await expect(start('Brand v9')).rejects.toThrow('already being started');
    release();
    await first;
    expect(env.fake.paths().filter((p) => p.startsWith(TRAIN))).toHaveLength(1);
    expect(env.fake.account.models.filter((m) => m.name === 'Brand v9')).toHaveLength(1);
  });

  it('after a start that may have gone through and did, a second click sends nothing and finds the model', async () => {
    const { env, start, brand } = await trainingEnv();
    env.fake.failPath(TRAIN, { type: 'status', status: 503, reached: true });
    await expect(start('Brand v9')).rejects.toThrow('It may have gone through');
    env.fake.failPath(TRAIN, null);
    await settle();
    env.fake.clearRequests();
    const again = await start('Brand v9');
    expect(again).toEqual({
      outcome: 'found',
      modelId: env.fake.account.models.find((m) => m.name === 'Brand v9')!.model_id,
      modelName: 'Brand v9',
    });
    expect(env.fake.paths().filter((p) => p.startsWith(TRAIN))).toEqual([]);
    expect(env.fake.account.models.filter((m) => m.name === 'Brand v9')).toHaveLength(1);
    // One read of the owned list said so, and its answer is what the snapshot lists.
    expect(env.fake.paths().filter((p) => p.startsWith('/models?') || p === '/models')).toEqual([
      '/models?scope=owned',
    ]);
    expect((await env.snapshot()).models.some((m) => m.name === 'Brand v9')).toBe(true);
    // Its base is remembered as for a start that answered.
    const found = env.fake.account.models.find((m) => m.name === 'Brand v9')!.model_id;
    expect((await env.storage()).trainings).toMatchObject({ [found]: { base: 'v3' } });
    // Settled: the next start is an ordinary one.
    const accountId = await env.accountId();
    expect(await env.ask('checkTrainingStart', { accountId, datasetId: brand.dataset_id })).toEqual(
      { outcome: 'none' },
    );
  });

  it('after one that may have gone through and no model appeared, starting again needs `again`', async () => {
    const { env, start, brand } = await trainingEnv();
    const accountId = await env.accountId();
    // The connection drops before Ideogram does anything: nothing started, but the client cannot know.
    env.fake.failPath(TRAIN, { type: 'status', status: 502 });
    await expect(start('Brand v9')).rejects.toThrow('It may have gone through');
    env.fake.failPath(TRAIN, null);
    await settle();
    env.fake.clearRequests();
    const held = await start('Brand v9');
    expect(held).toEqual({ outcome: 'unsure', name: 'Brand v9', at: expect.any(Number) });
    expect(await env.ask('checkTrainingStart', { accountId, datasetId: brand.dataset_id })).toEqual(
      held,
    );
    expect(env.fake.paths().filter((p) => p.startsWith(TRAIN))).toEqual([]);
    // Confirmed as a second, billed, training: sent once, and the doubt is settled.
    const started = await env.ask('startTraining', {
      accountId,
      datasetId: brand.dataset_id,
      name: 'Brand v9',
      base: 'v3',
      again: true,
    });
    expect(started.outcome).toBe('started');
    expect(env.fake.paths().filter((p) => p.startsWith(TRAIN))).toEqual([TRAIN]);
    expect(await env.ask('checkTrainingStart', { accountId, datasetId: brand.dataset_id })).toEqual(
      { outcome: 'none' },
    );
  });

  it('a refusal that changed nothing (a 402) holds nothing', async () => {
    const { env, start, brand } = await trainingEnv();
    env.fake.failPath(TRAIN, { type: 'status', status: 402 });
    await expect(start('Brand v9')).rejects.toThrow('402');
    env.fake.failPath(TRAIN, null);
    const accountId = await env.accountId();
    expect(await env.ask('checkTrainingStart', { accountId, datasetId: brand.dataset_id })).toEqual(
      { outcome: 'none' },
    );
    expect((await start('Brand v9')).outcome).toBe('started');
  });
});
