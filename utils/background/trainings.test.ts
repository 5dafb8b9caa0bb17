import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settle, startTestBackground, startWithKey } from '../../tests/background-harness';
import { standardAccount } from '../../tests/fake-api';
import { trainingsItem, TRAININGS_KEPT } from '../storage/trainings';
import { generateSnippet, GENERATE_URL, GENERATE_V4_URL } from '../words/snippets';

// Training on Ideogram 4.0 or 3.0, and what the extension must remember itself: no field of the
// API says which base a model has.

async function ready() {
  const env = await startWithKey();
  const accountId = await env.accountId();
  const brand = env.fake.account.datasets.find((d) => d.name === 'Brand photos')!;
  const trains = () =>
    env.fake.requests.filter((r) => r.method === 'POST' && r.path.includes('/train-model'));
  return { env, accountId, brand, trains };
}

describe('a training on a base', () => {
  it('goes to 4.0’s endpoint with exactly the settings given, and is remembered with its base', async () => {
    const { env, accountId, brand, trains } = await ready();
    const started = await env.ask('startTraining', {
      accountId,
      datasetId: brand.dataset_id,
      name: 'Brand v4',
      base: 'v4',
      settings: { trainingSteps: 2000, batchSize: 16 },
    });
    expect(started.outcome).toBe('started');
    expect(trains().map((r) => [r.path, r.json])).toEqual([
      [
        '/v1/ideogram-v4/train-model-advanced',
        {
          dataset_id: brand.dataset_id,
          model_name: 'Brand v4',
          training_steps: 2000,
          batch_size: 16,
        },
      ],
    ]);
    const modelId = started.outcome === 'started' ? started.training.modelId : '';
    expect(env.fake.account.models.find((m) => m.model_id === modelId)?.base).toBe('v4');
    const stored = await env.storage();
    expect((stored.trainings as Record<string, unknown>)[modelId]).toEqual({
      accountId,
      datasetId: brand.dataset_id,
      base: 'v4',
      settings: { trainingSteps: 2000, batchSize: 16 },
      at: env.now(),
    });
    expect(stored.trainingBases).toEqual({ [`${accountId}:${brand.dataset_id}`]: 'v4' });
  });

  it('without settings goes to the plain endpoint; 3.0 never gets a batch size', async () => {
    const { env, accountId, brand, trains } = await ready();
    await env.ask('startTraining', {
      accountId,
      datasetId: brand.dataset_id,
      name: 'Brand four',
      base: 'v4',
    });
    await env.ask('startTraining', {
      accountId,
      datasetId: brand.dataset_id,
      name: 'Brand three',
      base: 'v3',
      settings: { batchSize: 8 },
    });
    expect(trains().map((r) => [r.path, r.json])).toEqual([
      ['/v1/ideogram-v4/train-model', { dataset_id: brand.dataset_id, model_name: 'Brand four' }],
      ['/v1/ideogram-v3/train-model', { dataset_id: brand.dataset_id, model_name: 'Brand three' }],
    ]);
    // The dataset's choice is the base used last.
    expect((await env.storage()).trainingBases).toEqual({
      [`${accountId}:${brand.dataset_id}`]: 'v3',
    });
  });

  it('a base chosen on the form is remembered per dataset', async () => {
    const { env, accountId, brand } = await ready();
    await env.ask('chooseTrainingBase', { accountId, datasetId: brand.dataset_id, base: 'v3' });
    await env.ask('chooseTrainingBase', { accountId, datasetId: 'other', base: 'v4' });
    expect((await env.storage()).trainingBases).toEqual({
      [`${accountId}:${brand.dataset_id}`]: 'v3',
      [`${accountId}:other`]: 'v4',
    });
  });

  it('goes with its account, and only with it', async () => {
    const other = { ...standardAccount('second-key-0123456789abcdef'), datasets: [] };
    const env = await startTestBackground({ otherAccounts: [other] });
    await env.ask('saveKey', { key: 'test-key-0123456789abcdef', check: true });
    await env.ask('saveKey', { key: 'second-key-0123456789abcdef', check: true });
    await settle();
    const [first, second] = (await env.accounts()).map((a) => a.id);
    const brand = env.fake.account.datasets.find((d) => d.name === 'Brand photos')!;
    await env.ask('startTraining', {
      accountId: first!,
      datasetId: brand.dataset_id,
      name: 'Brand v4',
      base: 'v4',
    });
    await env.ask('chooseTrainingBase', { accountId: second!, datasetId: 'd2', base: 'v3' });
    await env.ask('removeAccount', { id: first! });
    const stored = await env.storage();
    expect(stored.trainings).toEqual({});
    expect(stored.trainingBases).toEqual({ [`${second}:d2`]: 'v3' });
  });

  it('keeps the newest trainings when there are too many, and repairs a damaged record', async () => {
    const { env, accountId, brand } = await ready();
    const many = Object.fromEntries(
      Array.from({ length: TRAININGS_KEPT }, (_, i) => [
        `m${i}`,
        { accountId, datasetId: 'd', base: 'v3', settings: {}, at: i },
      ]),
    );
    await fakeBrowser.storage.local.set({ trainings: { ...many, broken: { base: 'v9' } } });
    // A damaged record is left out when read, and the repair writes the rest back.
    expect(trainingsItem.parse((await env.storage()).trainings).problem).toBe(
      '1 of its 2001 trainings was unreadable and left out',
    );
    await env.ask('repairStorage');
    expect(Object.keys((await env.storage()).trainings as object)).toHaveLength(TRAININGS_KEPT);
    // One more: the oldest goes.
    await env.ask('startTraining', {
      accountId,
      datasetId: brand.dataset_id,
      name: 'Brand v4',
      base: 'v4',
    });
    const kept = (await env.storage()).trainings as Record<string, unknown>;
    expect(Object.keys(kept)).toHaveLength(TRAININGS_KEPT);
    expect(kept.m0).toBeUndefined();
    expect(kept.m1).toBeDefined();
  });
});

describe('the copied generate request follows the base', () => {
  it('is 4.0’s JSON request for a 4.0 model, 3.0’s multipart one otherwise', () => {
    const curl = generateSnippet('curl', 'model/brand-v4/version/1', 'v4');
    expect(curl).toContain(GENERATE_V4_URL);
    expect(curl).toContain('-H "Content-Type: application/json"');
    expect(curl).toContain(
      `-d '{"prompt":"A product photo on a marble table, soft daylight","custom_model_uri":"model/brand-v4/version/1"}'`,
    );
    expect(curl).not.toContain('aspect_ratio');
    const python = generateSnippet('python', "model/it's/version/1", 'v4');
    expect(python).toContain('json={"prompt": ');
    expect(python).toContain('"custom_model_uri": "model/it\'s/version/1"');
    const js = generateSnippet('javascript', 'model/x/version/1', 'v4');
    expect(js).toContain("'Content-Type': 'application/json'");
    for (const base of ['v3', null] as const) {
      const three = generateSnippet('curl', 'model/x/version/1', base);
      expect(three).toContain(GENERATE_URL);
      expect(three).toContain('--form-string custom_model_uri=');
    }
  });
});
