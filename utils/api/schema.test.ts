import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_LENGTH,
  parseDatasetDetail,
  parseDatasetList,
  parseModelDetail,
  parseModelList,
} from './schema';

const apiModel = (overrides: Record<string, unknown> = {}) => ({
  model_id: '7uS_VESkRI6O3-sVgHQp_A',
  name: 'Brand v2',
  status: 'TRAINING',
  creation_time: '2000-01-23 04:56:07+00:00',
  is_available_for_generation: false,
  is_owned: true,
  custom_model_uri: null,
  dataset_id: 'ds_1',
  last_update_time: '2000-01-23 04:56:07+00:00',
  ...overrides,
});

const without = (field: string) => {
  const model: Record<string, unknown> = apiModel();
  delete model[field];
  return model;
};

describe('parseModelList', () => {
  it('maps the documented fields to the extension’s model', () => {
    const result = parseModelList({
      models: [apiModel({ status: 'COMPLETED', custom_model_uri: 'model/brand/version/2' })],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        dropped: 0,
        items: [
          {
            id: '7uS_VESkRI6O3-sVgHQp_A',
            name: 'Brand v2',
            status: 'COMPLETED',
            createdAt: Date.UTC(2000, 0, 23, 4, 56, 7),
            updatedAt: Date.UTC(2000, 0, 23, 4, 56, 7),
            available: false,
            owned: true,
            uri: 'model/brand/version/2',
            datasetId: 'ds_1',
          },
        ],
      },
    });
  });

  // Tolerant where the API may grow.
  it.each([
    ['an unknown status, kept as it is', apiModel({ status: 'QUEUED' }), { status: 'QUEUED' }],
    ['extra fields', apiModel({ training_runs: [{ id: 1 }], color: 'red' }), {}],
    ['an ISO timestamp', apiModel({ creation_time: '2000-01-23T04:56:07Z' }), {}],
    ['no last_update_time', without('last_update_time'), { updatedAt: null }],
    ['a null last_update_time', apiModel({ last_update_time: null }), { updatedAt: null }],
    ['no custom_model_uri', without('custom_model_uri'), { uri: null }],
    ['an empty custom_model_uri', apiModel({ custom_model_uri: '' }), { uri: null }],
    ['no dataset_id', without('dataset_id'), { datasetId: null }],
    [
      'a very long name, cut',
      apiModel({ name: 'n'.repeat(10_000) }),
      { name: `${'n'.repeat(MAX_TEXT_LENGTH - 1)}…` },
    ],
    [
      'a hostile name, kept as text',
      apiModel({ name: '<img src=x onerror=alert(1)>' }),
      { name: '<img src=x onerror=alert(1)>' },
    ],
  ])('accepts %s', (_, raw, expected) => {
    const result = parseModelList({ models: [raw] });
    expect(result.ok && result.value.dropped).toBe(0);
    expect(result.ok && result.value.items[0]).toMatchObject(expected);
  });

  // Strict where the data would be wrong: the item is dropped and counted, the rest survive.
  it.each([
    ['no model_id', without('model_id')],
    ['an empty model_id', apiModel({ model_id: '' })],
    ['a numeric model_id', apiModel({ model_id: 42 })],
    ['no name', without('name')],
    ['no status', without('status')],
    ['a status that is not a string', apiModel({ status: 3 })],
    ['a boolean as a string', apiModel({ is_owned: 'true' })],
    ['no is_available_for_generation', without('is_available_for_generation')],
    ['a date that is not one', apiModel({ creation_time: 'yesterday' })],
    ['a numeric date', apiModel({ creation_time: 946_702_567 })],
    ['a non-string URI', apiModel({ custom_model_uri: 5 })],
    ['null', null],
    ['a string', 'model'],
    ['an array', [apiModel()]],
  ])('drops an item with %s, and keeps the others', (_, bad) => {
    const good = apiModel({ model_id: 'good' });
    const result = parseModelList({ models: [good, bad, apiModel({ model_id: 'good2' })] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.dropped).toBe(1);
    expect(result.value.items.map((m) => m.id)).toEqual(['good', 'good2']);
  });

  it('keeps the first of two models with the same id, and counts the second as dropped', () => {
    const result = parseModelList({
      models: [apiModel({ name: 'first' }), apiModel({ name: 'second' })],
    });
    expect(result.ok && result.value).toMatchObject({ dropped: 1, items: [{ name: 'first' }] });
  });

  it.each([
    ['null', null],
    ['a list', [apiModel()]],
    ['a string', 'ok'],
    ['an object without models', { data: [] }],
    ['models that is not a list', { models: { a: apiModel() } }],
  ])('refuses a body that is %s', (_, body) => {
    expect(parseModelList(body).ok).toBe(false);
  });

  it('accepts an empty list', () => {
    expect(parseModelList({ models: [] })).toEqual({ ok: true, value: { items: [], dropped: 0 } });
  });
});

describe('parseModelDetail', () => {
  it('reads `{ model }`, ignoring the undocumented training_runs', () => {
    const result = parseModelDetail({ model: apiModel(), training_runs: [] });
    expect(result.ok && result.value.id).toBe('7uS_VESkRI6O3-sVgHQp_A');
  });

  it.each([[{}], [{ model: null }], [{ model: without('model_id') }], [apiModel()]])(
    'refuses %j',
    (body) => {
      expect(parseModelDetail(body).ok).toBe(false);
    },
  );
});

const apiDataset = (overrides: Record<string, unknown> = {}) => ({
  dataset_id: 'ds_1',
  name: 'Brand photos',
  user_id: 'u_1',
  creation_time: '2000-01-23 04:56:07+00:00',
  cover_asset_identifier: { asset_type: 'RESPONSE', asset_id: '7uS_VESkRI6O3-sVgHQp_A' },
  ...overrides,
});

describe('parseDatasetList', () => {
  it('keeps the good datasets and drops the bad ones', () => {
    const result = parseDatasetList({
      datasets: [apiDataset(), apiDataset({ dataset_id: 'ds_2', creation_time: 12 }), 'x'],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        dropped: 2,
        items: [{ id: 'ds_1', name: 'Brand photos', createdAt: Date.UTC(2000, 0, 23, 4, 56, 7) }],
      },
    });
  });

  it('refuses a body without a datasets list', () => {
    expect(parseDatasetList({ models: [] }).ok).toBe(false);
  });
});

describe('parseDatasetDetail', () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    dataset: apiDataset(),
    file_count: 2,
    files: [
      { file_name: 'a.jpg', file_size_bytes: 1000 },
      { file_name: null, file_size_bytes: null },
    ],
    custom_model_ids: ['m1', 'm2'],
    ...overrides,
  });

  it('reads the dataset, its files and the models trained from it', () => {
    expect(parseDatasetDetail(body())).toEqual({
      ok: true,
      value: {
        dataset: { id: 'ds_1', name: 'Brand photos', createdAt: Date.UTC(2000, 0, 23, 4, 56, 7) },
        fileCount: 2,
        files: [
          { name: 'a.jpg', sizeBytes: 1000 },
          { name: null, sizeBytes: null },
        ],
        modelIds: ['m1', 'm2'],
      },
    });
  });

  it('drops bad files and ids, and counts files when file_count is missing', () => {
    const result = parseDatasetDetail(
      body({
        file_count: undefined,
        files: [{ file_name: 'a.jpg', file_size_bytes: -1 }, { file_name: 'b.jpg' }, 7],
        custom_model_ids: ['m1', 3, '', 'm1'],
      }),
    );
    expect(result.ok && result.value).toMatchObject({
      fileCount: 1,
      files: [{ name: 'b.jpg', sizeBytes: null }],
      modelIds: ['m1'],
    });
  });

  it.each([
    ['no dataset', { file_count: 1 }],
    ['a broken dataset', { dataset: { name: 'x' } }],
    ['a negative file count', { dataset: apiDataset(), file_count: -3 }],
    ['files that are not a list', { dataset: apiDataset(), files: 'a.jpg' }],
  ])('refuses %s', (_, detail) => {
    expect(parseDatasetDetail(detail).ok).toBe(false);
  });
});
