import { describe, expect, it } from 'vitest';
import { createFakeApi, fakeDataset, fakeModel, TEST_KEY } from '.';
import { get, image, MINUTE, T0, textFile, writable } from './calls';
import { createGenerator, createValidator, loadOpenApi } from '../openapi/generate';

// The fake API answers in the shapes Ideogram's published OpenAPI documents give.

// The fake answers as the newer document says (FAILED runs, captions); the parsers read both.
const NEWEST = '2026-10-07';

describe('the fake follows Ideogram’s published schemas', () => {
  const api = loadOpenApi(NEWEST);
  const problems = createValidator(api);
  const { responseOf } = createGenerator(api);
  const fake = createFakeApi();
  const model = fake.account.models[0]!.model_id;
  const dataset = fake.account.datasets[0]!.dataset_id;

  const training = fake.account.models.find((m) => m.name === 'Brand v2')!.model_id;

  it.each([
    ['/models', '/models'],
    ['/models', '/models?scope=owned&status=TRAINING&status=CREATING'],
    ['/models/{model_id}', `/models/${model}`],
    ['/models/{model_id}', `/models/${training}`],
    ['/datasets', '/datasets'],
    ['/datasets/{dataset_id}', `/datasets/${dataset}`],
  ])('answers %s (as %s) in the published shape', (route, path) => {
    const { status, body } = get(fake, path);
    expect(status).toBe(200);
    expect(problems(responseOf(route), body)).toEqual([]);
  });

  it('gives a failed training a FAILED run, which only the newer document knows', () => {
    const failed = createFakeApi({
      apiKey: TEST_KEY,
      datasets: [],
      models: [fakeModel({ name: 'Failed', status: 'ERRORED', trainedFor: 30 * MINUTE })],
    });
    const { body } = get(failed, `/models/${failed.account.models[0]!.model_id}`);
    expect(body.model.training_runs.map((r: { status: string }) => r.status)).toEqual(['FAILED']);
    expect(problems(responseOf('/models/{model_id}'), body)).toEqual([]);
    const older = createValidator(loadOpenApi('2026-04-27'));
    expect(
      older(createGenerator(loadOpenApi('2026-04-27')).responseOf('/models/{model_id}'), body),
    ).toContain('$.model.training_runs[0].status is not in the enum');
  });

  it('the validator itself notices a body out of shape', () => {
    const bad = {
      models: [{ model_id: 5, name: 'x', status: 'NOPE', creation_time: 'yesterday' }],
    };
    expect(problems(responseOf('/models'), bad)).toEqual(
      expect.arrayContaining([
        '$.models[0].model_id is not a string',
        '$.models[0].status is not in the enum',
        '$.models[0].creation_time is not a date-time',
        '$.models[0].is_owned is missing',
      ]),
    );
  });
});

describe('the writes follow Ideogram’s published schemas', () => {
  const api = loadOpenApi(NEWEST);
  const problems = createValidator(api);
  const { responseOf } = createGenerator(api);
  const example = (schema: string) =>
    (api.components.schemas[schema] as { example: Record<string, unknown> }).example;

  it('takes the published request examples and answers in the published shapes', async () => {
    // The examples name dataset `abc123`.
    const dataset = { ...fakeDataset('Example', 20, T0), dataset_id: 'abc123' };
    const fake = writable([dataset]);
    const created = await fake.postJson('/datasets', example('CreateDatasetRequest'));
    expect(problems(responseOf('/datasets', 'post'), created.body)).toEqual([]);

    const uploaded = await fake.upload('abc123', [image('a.jpg'), textFile('b.gif', 'GIF89a')]);
    expect(
      problems(responseOf('/datasets/{dataset_id}/upload_assets', 'post'), uploaded.body),
    ).toEqual([]);

    for (const [route, schema, path] of [
      ['/v1/ideogram-v3/train-model', 'TrainModelV3Request', '/v1/ideogram-v3/train-model'],
      [
        '/v1/ideogram-v3/train-model-advanced',
        'TrainModelV3AdvancedRequest',
        '/v1/ideogram-v3/train-model-advanced',
      ],
      [
        '/datasets/{dataset_id}/train_model',
        'TrainDatasetModelRequest',
        '/datasets/abc123/train_model',
      ],
    ] as const) {
      const trained = await fake.postJson(path, example(schema));
      expect(trained.status).toBe(200);
      expect(problems(responseOf(route, 'post'), trained.body)).toEqual([]);
    }
    const detail = await fake.get('/datasets/abc123');
    expect(problems(responseOf('/datasets/{dataset_id}'), detail.body)).toEqual([]);
    fake.advance(MINUTE);
    const models = await fake.get('/models');
    expect(models.body.models).toHaveLength(3);
    expect(problems(responseOf('/models'), models.body)).toEqual([]);
  });
});
