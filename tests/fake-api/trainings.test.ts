import { describe, expect, it } from 'vitest';
import { createFakeApi, fakeDataset, TEST_KEY } from '.';
import { API, ID, image, MINUTE, SECOND, T0, textFile, writable } from './calls';

// The fake API's trainings, and its log of what writes sent.

describe('training a model', () => {
  const ADVANCED = '/v1/ideogram-v3/train-model-advanced';
  const NAME_RULE = 'model_name: must be 5 to 30 characters: letters, digits, spaces and hyphens';

  it.each([
    ['a short name', { model_name: 'abcd' }, NAME_RULE],
    ['a long name', { model_name: 'x'.repeat(31) }, NAME_RULE],
    ['an underscore', { model_name: 'my_model' }, NAME_RULE],
    ['no name', { model_name: undefined }, 'model_name: is required'],
    ['a number for a name', { model_name: 12345 }, 'model_name: must be a string'],
    ['no dataset', { dataset_id: undefined }, 'dataset_id: is required'],
    [
      '50 steps',
      { training_steps: 50 },
      'training_steps: must be between 100 and 10000, a multiple of 100',
    ],
    [
      '150 steps',
      { training_steps: 150 },
      'training_steps: must be between 100 and 10000, a multiple of 100',
    ],
    [
      '10100 steps',
      { training_steps: 10_100 },
      'training_steps: must be between 100 and 10000, a multiple of 100',
    ],
    [
      'steps as text',
      { training_steps: '1000' },
      'training_steps: must be between 100 and 10000, a multiple of 100',
    ],
    ['rank 32', { lora_rank: 32 }, 'lora_rank: must be 64 or 128'],
    ['rank as text', { lora_rank: '64' }, 'lora_rank: must be 64 or 128'],
    ['an EMA of 0', { ema: 0 }, 'ema: must be between 0 and 1'],
    ['an EMA of 1', { ema: 1 }, 'ema: must be between 0 and 1'],
    ['a learning rate of 0', { learning_rate: 0 }, 'learning_rate: must be greater than 0'],
    [
      'a negative learning rate',
      { learning_rate: -0.001 },
      'learning_rate: must be greater than 0',
    ],
  ])('refuses %s with 400', async (_, change, detail) => {
    const dataset = fakeDataset('Set', 20, T0);
    const api = writable([dataset]);
    const request = { dataset_id: dataset.dataset_id, model_name: 'Brand v3', ...change };
    expect(await api.postJson(ADVANCED, request)).toEqual({ status: 400, body: { detail } });
    expect(api.account.models).toEqual([]);
  });

  /** Each training endpoint: where to send a request for a dataset, and what else it needs. */
  type TrainRoute = (id: string) => [path: string, body: object];
  it.each<[string, TrainRoute]>([
    ['/datasets/{id}/train_model', (id) => [`/datasets/${id}/train_model`, {}]],
    ['/v1/ideogram-v3/train-model', (id) => ['/v1/ideogram-v3/train-model', { dataset_id: id }]],
    [ADVANCED, (id) => [ADVANCED, { dataset_id: id }]],
  ])('%s needs 15 to 100 images and a known dataset', async (_, route) => {
    const small = fakeDataset('Small', 9, T0);
    const large = fakeDataset('Large', 101, T0);
    const api = writable([small, large]);
    const train = (id: string) => {
      const [path, body] = route(id);
      return api.postJson(path, { ...body, model_name: 'Brand v3' });
    };
    expect(await train(small.dataset_id)).toEqual({
      status: 400,
      body: { detail: 'dataset: needs at least 15 images (has 9)' },
    });
    expect(await train(large.dataset_id)).toEqual({
      status: 400,
      body: { detail: 'dataset: at most 100 images' },
    });
    expect(await train('unknown')).toEqual({ status: 404, body: { detail: 'Dataset not found' } });
    expect(api.account.models).toEqual([]);
  });

  it('refuses a request without the key (401)', async () => {
    const dataset = fakeDataset('Set', 20, T0);
    const api = writable([dataset]);
    const body = { dataset_id: dataset.dataset_id, model_name: 'Brand v3' };
    expect((await api.postJson(ADVANCED, body, { 'Api-Key': 'nope' })).status).toBe(401);
    expect(api.account.models).toEqual([]);
  });

  it('starts a model that is CREATING, then TRAINING, then COMPLETED as the clock moves', async () => {
    const dataset = fakeDataset('Set', 20, T0);
    const api = writable(
      [dataset],
      {},
      { trainingTimes: { creating: 20 * SECOND, training: 3 * MINUTE } },
    );
    const { status, body } = await api.postJson(ADVANCED, {
      dataset_id: dataset.dataset_id,
      model_name: 'Brand v3 - final',
      training_steps: 2000,
      lora_rank: 64,
      ema: 0.99,
      learning_rate: null,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      model_id: expect.stringMatching(ID),
      dataset_id: dataset.dataset_id,
      model_name: 'Brand v3 - final',
      training_status: 'CREATING',
    });
    const id = body.model_id as string;
    const listed = async () =>
      (await api.get('/models?scope=owned')).body.models.find(
        (m: { model_id: string }) => m.model_id === id,
      );
    expect(await listed()).toMatchObject({
      name: 'Brand v3 - final',
      status: 'CREATING',
      is_owned: true,
      dataset_id: dataset.dataset_id,
      custom_model_uri: null,
      is_available_for_generation: false,
      creation_time: '2026-01-05 12:00:00+00:00',
    });
    expect((await api.get(`/datasets/${dataset.dataset_id}`)).body.custom_model_ids).toEqual([id]);

    api.advance(20 * SECOND);
    expect((await listed()).status).toBe('TRAINING');
    const detail = (await api.get(`/models/${id}`)).body.model;
    expect(detail.training_runs).toEqual([
      expect.objectContaining({
        status: 'PREPARING_DATA',
        training_steps: 2000,
        lora_rank: 64,
        ema: 0.99,
        learning_rate: 0.0001,
        num_chips: 8,
      }),
    ]);

    api.advance(3 * MINUTE);
    expect(await listed()).toMatchObject({
      status: 'COMPLETED',
      custom_model_uri: 'model/brand-v3-final/version/1',
      is_available_for_generation: true,
    });
    const done = (await api.get(`/models/${id}`)).body.model.training_runs;
    expect(done.map((r: { status: string }) => r.status)).toEqual(['COMPLETED']);
  });

  it('takes a minute to start and 90 minutes to train unless told otherwise', async () => {
    const dataset = fakeDataset('Set', 15, T0);
    const api = writable([dataset]);
    const { body } = await api.postJson('/v1/ideogram-v3/train-model', {
      dataset_id: dataset.dataset_id,
      model_name: 'Defaults',
    });
    const status = async () => (await api.get(`/models/${body.model_id}`)).body.model.status;
    const seen = [];
    for (const step of [59 * SECOND, 2 * SECOND, 90 * MINUTE - 2 * SECOND, 2 * SECOND]) {
      api.advance(step);
      seen.push(await status());
    }
    expect(seen).toEqual(['CREATING', 'TRAINING', 'TRAINING', 'COMPLETED']);
    const [run] = (await api.get(`/models/${body.model_id}`)).body.model.training_runs;
    expect(run).toMatchObject({
      training_steps: 1000,
      lora_rank: 128,
      ema: 0.999,
      learning_rate: 0.0001,
      num_chips: 8,
    });
  });

  it('takes no settings on the dataset’s own endpoint: extra fields are ignored', async () => {
    const dataset = fakeDataset('Set', 15, T0);
    const api = writable([dataset]);
    const { status, body } = await api.postJson(`/datasets/${dataset.dataset_id}/train_model`, {
      model_name: 'Dataset route',
      training_steps: 5,
    });
    expect(status).toBe(200);
    api.advance(2 * MINUTE);
    const [run] = (await api.get(`/models/${body.model_id}`)).body.model.training_runs;
    expect(run.training_steps).toBe(1000);
  });
});

describe('the test fake’s log of writes', () => {
  it('records each write’s method, the files it sent, or its JSON', async () => {
    const dataset = fakeDataset('Set', 0);
    const fake = createFakeApi({ apiKey: TEST_KEY, models: [], datasets: [dataset] });
    const form = new FormData();
    form.append('files', image('über photo.jpg'));
    form.append('files', textFile('über photo.txt', 'caption'));
    await fake.fetch(`${API}/datasets/${dataset.dataset_id}/upload_assets`, {
      method: 'POST',
      headers: { 'Api-Key': TEST_KEY },
      body: form,
    });
    await fake.fetch(`${API}/datasets`, {
      method: 'POST',
      headers: { 'Api-Key': TEST_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Logged' }),
    });
    await fake.fetch(`${API}/datasets`, { headers: { 'Api-Key': TEST_KEY } });
    expect(fake.requests.map((r) => [r.method, r.path, r.outcome, r.files, r.json])).toEqual([
      [
        'POST',
        `/datasets/${dataset.dataset_id}/upload_assets`,
        200,
        ['über photo.jpg', 'über photo.txt'],
        undefined,
      ],
      ['POST', '/datasets', 200, undefined, { name: 'Logged' }],
      ['GET', '/datasets', 200, undefined, undefined],
    ]);
    expect(dataset.files).toEqual([
      { file_name: 'über photo.jpg', file_size_bytes: 64, caption: 'caption' },
    ]);
  });
});
