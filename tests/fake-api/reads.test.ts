import { describe, expect, it } from 'vitest';
import { createFakeApi, fakeModel, TEST_KEY } from '.';
import type { FakeReply } from '.';
import { get, MINUTE, names } from './calls';
import { createFakeIdeogram } from './server';

// The fake API's reads: models on their clock, datasets, runs, the request log.

describe('the fake Ideogram API', () => {
  it('answers 401 without the right key, in any header case', () => {
    const fake = createFakeApi();
    expect(get(fake, '/models', 'nope').status).toBe(401);
    expect(get(fake, '/models', '').status).toBe(401);
    const ok = fake.respond({
      method: 'GET',
      url: 'https://api.ideogram.ai/models',
      headers: { 'api-key': TEST_KEY },
    });
    expect(ok.type === 'reply' && ok.reply.status).toBe(200);
  });

  it('lists owned and shared models without a scope, one kind with it', () => {
    const fake = createFakeApi();
    const all = get(fake, '/models').body;
    const owned = get(fake, '/models?scope=owned').body;
    const shared = get(fake, '/models?scope=shared').body;
    expect(names(shared)).toEqual(['Team mascot']);
    expect(owned.models.every((m: { is_owned: boolean }) => m.is_owned)).toBe(true);
    expect(names(all)).toEqual([...names(owned), ...names(shared)].sort());
  });

  it('filters owned models by status, and never shared ones', () => {
    const fake = createFakeApi();
    expect(names(get(fake, '/models?scope=owned&status=TRAINING&status=CREATING').body)).toEqual([
      'Brand v2',
      'Fresh start',
      'Poster look',
    ]);
    // Without a scope, the filter narrows owned models and the shared ones all come along.
    expect(names(get(fake, '/models?status=ERRORED').body)).toEqual(['Broken run', 'Team mascot']);
  });

  it('refuses an unknown scope or status as the real API validates them (422)', () => {
    const fake = createFakeApi();
    expect(get(fake, '/models?scope=everything').status).toBe(422);
    expect(get(fake, '/models?status=DONE').status).toBe(422);
  });

  it('writes times in the docs’ format, with last_update_time frozen while training', () => {
    const fake = createFakeApi();
    const training = get(fake, '/models?scope=owned&status=TRAINING').body.models[0];
    expect(training.creation_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$/);
    expect(training.last_update_time).toBe(training.creation_time);
  });

  it('moves models along their timeline as its clock advances', () => {
    const fake = createFakeApi({ apiKey: TEST_KEY, models: [], datasets: [] });
    const model = fakeModel({
      name: 'Clockwork',
      status: 'TRAINING',
      later: [{ at: 10 * MINUTE, status: 'COMPLETED', uri: 'model/clockwork/version/1' }],
    });
    fake.addModel(model);
    const before = get(fake, `/models/${model.model_id}`).body.model;
    expect(before).toMatchObject({ status: 'TRAINING', custom_model_uri: null });
    expect(before.is_available_for_generation).toBe(false);
    fake.advance(11 * MINUTE);
    const after = get(fake, `/models/${model.model_id}`).body.model;
    expect(after).toMatchObject({
      status: 'COMPLETED',
      custom_model_uri: 'model/clockwork/version/1',
      is_available_for_generation: true,
    });
    expect(after.last_update_time).not.toBe(after.creation_time);
  });

  it('answers 404 for unknown or deleted models and datasets, and unknown paths', () => {
    const fake = createFakeApi();
    const id = fake.account.models[0]!.model_id;
    expect(get(fake, `/models/${id}`).status).toBe(200);
    fake.deleteModel(id);
    expect(get(fake, `/models/${id}`).status).toBe(404);
    expect(
      get(fake, '/models').body.models.some((m: { model_id: string }) => m.model_id === id),
    ).toBe(false);
    expect(get(fake, '/datasets/unknown').status).toBe(404);
    expect(get(fake, '/v1/models').status).toBe(404);
    expect(get(fake, '/models/a/b').status).toBe(404);
    expect(get(fake, '/models/%E0%A4%A').status).toBe(404);
  });

  it('gives dataset detail with files and every model trained from it', () => {
    const fake = createFakeApi();
    const dataset = fake.account.datasets[0]!;
    const { status, body } = get(fake, `/datasets/${dataset.dataset_id}`);
    expect(status).toBe(200);
    expect(body.file_count).toBe(dataset.files.length);
    expect(body.files[0]).toEqual({ file_name: 'image-001.jpg', file_size_bytes: 200_000 });
    expect(body.custom_model_ids).toEqual(
      fake.account.models.filter((m) => m.dataset_id === dataset.dataset_id).map((m) => m.model_id),
    );
  });

  it.each([
    ['DELETE', '/datasets', 'GET, POST'],
    ['PUT', '/models', 'GET'],
    ['POST', '/models/abc', 'GET'],
    ['POST', '/datasets/abc', 'GET'],
    ['GET', '/datasets/abc/upload_assets', 'POST'],
    ['GET', '/datasets/abc/train_model', 'POST'],
    ['GET', '/v1/ideogram-v3/train-model', 'POST'],
    ['HEAD', '/v1/ideogram-v3/train-model-advanced', 'POST'],
  ])('refuses %s %s with 405, saying what is allowed', (method, path, allow) => {
    const server = createFakeIdeogram({ apiKey: 'k', models: [], datasets: [] });
    const reply: FakeReply = server.handle({
      method,
      url: `https://api.ideogram.ai${path}`,
      headers: { 'Api-Key': 'k' },
    });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe(allow);
  });

  it('logs each request with its outcome and size, for the benchmarks', () => {
    const fake = createFakeApi();
    get(fake, '/datasets');
    fake.failNext({ type: 'status', status: 503, retryAfter: '5' });
    fake.respond({ method: 'GET', url: 'https://api.ideogram.ai/models', headers: {} });
    expect(fake.requests.map((r) => [r.path, r.outcome])).toEqual([
      ['/datasets', 200],
      ['/models', 503],
    ]);
    expect(fake.requests[0]!.bytes).toBeGreaterThan(100);
  });
});

describe('training runs', () => {
  const phaseAt = (fake: ReturnType<typeof createFakeApi>, id: string) =>
    get(fake, `/models/${id}`).body.model.training_runs.map((r: { status: string }) => r.status);

  it('moves a training model’s run through its phases as time passes, to COMPLETED', () => {
    const model = fakeModel({
      name: 'Moving',
      status: 'TRAINING',
      createdAgo: 0,
      later: [{ at: 100 * MINUTE, status: 'COMPLETED', uri: 'model/moving/version/1' }],
    });
    const fake = createFakeApi({ apiKey: TEST_KEY, models: [model], datasets: [] });
    const seen = [0, 6, 11, 96, 101].map((minutes) => {
      if (minutes > 0) fake.advance(minutes * MINUTE - (fake.now() - model.timeline[0]!.at));
      return phaseAt(fake, model.model_id)[0];
    });
    expect(seen).toEqual(['PREPARING_DATA', 'QUEUED', 'TRAINING', 'FINALIZING', 'COMPLETED']);
    const run = get(fake, `/models/${model.model_id}`).body.model.training_runs[0];
    expect(run).toMatchObject({ training_steps: 1000, lora_rank: 128 });
    // The run's own times: created when training began, updated at its latest phase.
    expect(Date.parse(run.creation_time)).toBe(Math.floor(model.timeline[0]!.at / 1000) * 1000);
    expect(Date.parse(run.last_update_time)).toBeGreaterThan(Date.parse(run.creation_time));
  });

  it('ends a failed training’s run FAILED, as the 2026-10-07 API does', () => {
    const model = fakeModel({ name: 'Failed', status: 'ERRORED', trainedFor: 30 * MINUTE });
    const fake = createFakeApi({ apiKey: TEST_KEY, models: [model], datasets: [] });
    expect(phaseAt(fake, model.model_id)).toEqual(['FAILED']);
  });

  it('gives an owned model’s history only: a shared one has none, nor a model not yet trained', () => {
    const fake = createFakeApi();
    const byName = (name: string) => fake.account.models.find((m) => m.name === name)!.model_id;
    expect(phaseAt(fake, byName('Brand v2'))).toEqual(['TRAINING']);
    expect(phaseAt(fake, byName('Team mascot'))).toEqual([]);
    expect(phaseAt(fake, byName('Fresh start'))).toEqual([]);
    // Lists never carry runs.
    expect(get(fake, '/models').body.models.some((m: object) => 'training_runs' in m)).toBe(false);
  });

  it.each([
    ['unknown-phase', { status: 'WARMING_UP' }],
    ['null-numbers', { training_steps: null, lora_rank: null, ema: null, learning_rate: null }],
    ['no-times', { last_update_time: null }],
  ] as const)('stages odd runs in a detail (%s)', (change, expected) => {
    const fake = createFakeApi();
    const id = fake.account.models.find((m) => m.name === 'Brand v2')!.model_id;
    fake.failPath(`/models/${id}`, { type: 'runs', change });
    const run = get(fake, `/models/${id}`).body.model.training_runs[0];
    expect(run).toMatchObject(expected);
  });
});
