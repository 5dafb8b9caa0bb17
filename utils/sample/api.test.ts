import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import sampleJson from '../../public/sample-account.json';
import { ApiError } from '../api/errors';
import { sampleWritesItem } from '../storage/session';
import { createSampleApi } from './api';
import { parseSampleData } from './data';

// The sample account answers the client's interface in memory: its packaged models on their
// clock, and the studio's writes checked by the studio's rules and kept for the session.

const MINUTE = 60_000;
const data = parseSampleData(sampleJson);
const load = async () => data;
const since = Date.UTC(2026, 11, 1, 9, 0);

/** A client of the sample account at minute `minutes` of sample mode; `clock` moves it. */
function sample(start = 0) {
  const clock = { at: since + start * MINUTE };
  const api = createSampleApi(since, () => clock.at, load);
  return { api, clock };
}

const jpeg = (bytes = 2000) => {
  const data = new Uint8Array(bytes);
  data.set([0xff, 0xd8, 0xff, 0xe0]);
  return new Blob([data], { type: 'image/jpeg' });
};
const text = (t: string) => new Blob([t], { type: 'text/plain' });

beforeEach(() => fakeBrowser.reset());

describe('reading the sample account', () => {
  it('lists owned and shared models, and filters owned ones by status', async () => {
    const { api } = sample();
    const all = await api.listModels();
    expect(all.dropped).toBe(0);
    expect(all.items.some((m) => !m.owned)).toBe(true);
    const training = await api.listModels({ scope: 'owned', status: ['TRAINING'] });
    expect(training.items.length).toBeGreaterThan(0);
    expect(training.items.every((m) => m.owned && m.status === 'TRAINING')).toBe(true);
    expect((await api.listModels({ scope: 'shared' })).items.every((m) => !m.owned)).toBe(true);
  });

  it('moves models along their clock: a training finishes with its URI', async () => {
    const { api, clock } = sample();
    const id = data.models.find((m) => m.name === 'Product shots v2')!.id;
    expect(await api.getModel(id)).toMatchObject({ status: 'TRAINING', uri: null });
    clock.at += 3 * MINUTE;
    expect(await api.getModel(id)).toMatchObject({
      status: 'COMPLETED',
      uri: 'model/product-shots/version/2',
      available: true,
    });
  });

  it('gives an owned model’s detail its run, in its phase', async () => {
    const { api } = sample();
    const id = data.models.find((m) => m.name === 'Skyline study')!.id;
    const model = await api.getModel(id);
    expect(model.runs).toHaveLength(1);
    expect(model.runs![0]).toMatchObject({ phase: 'TRAINING', steps: 1000, loraRank: 128 });
    // A list never carries runs, as on the real API.
    const listed = (await api.listModels()).items.find((m) => m.id === id)!;
    expect(listed.runs).toBeUndefined();
  });

  it('answers an unknown model or dataset as Ideogram does (404)', async () => {
    const { api } = sample();
    await expect(api.getModel('nope')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(api.getDataset('nope')).rejects.toBeInstanceOf(ApiError);
  });

  it('gives a dataset’s files and the models trained from it', async () => {
    const { api } = sample();
    const product = data.datasets[0]!;
    const detail = await api.getDataset(product.id);
    expect(detail.fileCount).toBe(product.files[1]);
    expect(detail.files[0]).toMatchObject({
      name: 'product-01.jpg',
      sizeBytes: expect.any(Number),
    });
    expect(detail.modelIds.length).toBeGreaterThan(0);
  });
});

describe('writing to the sample account', () => {
  it('makes a dataset and fills it: images with their captions, refusals by the studio’s rules', async () => {
    const { api } = sample();
    const dataset = await api.createDataset('Moodboard');
    expect((await api.listDatasets()).items.map((d) => d.name)).toContain('Moodboard');

    const result = await api.uploadAssets(dataset.id, [
      { name: 'sunset.jpg', blob: jpeg() },
      { name: 'sunset.txt', blob: text(' A red sky \n') },
      { name: 'notes.txt', blob: text('caption of nothing') },
      { name: 'fake.png', blob: text('not a png') },
      { name: 'huge.jpg', blob: jpeg(11 * 1024 * 1024) },
      { name: 'photos.zip', blob: new Blob(['zip']), entries: ['trip/a.jpg', 'trip/b.webp'] },
    ]);
    expect(result.succeededNames).toEqual(['sunset.jpg', 'a.jpg', 'b.webp']);
    expect(result.failures).toEqual([
      { fileName: 'notes.txt', reason: 'INVALID_CAPTION' },
      { fileName: 'fake.png', reason: 'INVALID_IMAGE' },
      { fileName: 'huge.jpg', reason: 'FILE_TOO_LARGE' },
    ]);
    expect(result).toMatchObject({ total: 6, succeeded: 3, failed: 3 });
    const detail = await api.getDataset(dataset.id);
    expect(detail.files.find((f) => f.name === 'sunset.jpg')?.caption).toBe('A red sky');
  });

  it('stops at 100 images, counting those already in the dataset', async () => {
    const { api } = sample();
    const dataset = await api.createDataset('Full one');
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `img-${from + i}.jpg`, blob: jpeg(100) }));
    await api.uploadAssets(dataset.id, batch(0, 98));
    const result = await api.uploadAssets(dataset.id, batch(98, 4));
    expect(result.succeeded).toBe(2);
    expect(result.failures.map((f) => f.reason)).toEqual(['TOO_MANY_IMAGES', 'TOO_MANY_IMAGES']);
  });

  it('trains a model that is created, trains and completes within minutes', async () => {
    const { api, clock } = sample();
    const product = data.datasets[0]!;
    const started = await api.trainModel(product.id, 'Product shots v3', { trainingSteps: 500 });
    expect(started).toMatchObject({ datasetId: product.id, status: 'CREATING' });
    expect((await api.getModel(started.modelId)).status).toBe('CREATING');
    clock.at += MINUTE;
    const training = await api.getModel(started.modelId);
    expect(training.status).toBe('TRAINING');
    expect(training.runs![0]!.steps).toBe(500);
    clock.at += 3 * MINUTE;
    expect(await api.getModel(started.modelId)).toMatchObject({
      status: 'COMPLETED',
      uri: 'model/product-shots-v3/version/1',
    });
  });

  it.each([
    ['a name Ideogram refuses', 'Bad!', {}, /model_name/],
    ['a setting out of range', 'Fine name', { loraRank: 96 }, /loraRank/],
  ])('refuses %s, in Ideogram’s 400 words', async (_, name, settings, why) => {
    const { api } = sample();
    const error = await api.trainModel(data.datasets[0]!.id, name, settings).catch((e) => e);
    expect(error).toMatchObject({ kind: 'http', status: 400, message: expect.stringMatching(why) });
  });

  it('refuses to train a dataset with too few images', async () => {
    const { api } = sample();
    const skies = data.datasets.find((d) => d.files[1] < 15)!;
    await expect(api.trainModel(skies.id, 'Sky model')).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/at least 15 images/),
    });
  });

  it('keeps what was written for the session: a restarted worker sees it', async () => {
    const first = sample();
    const dataset = await first.api.createDataset('Kept');
    await first.api.uploadAssets(dataset.id, [{ name: 'one.jpg', blob: jpeg() }]);
    // A new worker: another loader, so nothing is shared in memory.
    const again = createSampleApi(
      since,
      () => since,
      async () => data,
    );
    const detail = await again.getDataset(dataset.id);
    expect(detail.files.map((f) => f.name)).toEqual(['one.jpg']);
  });

  it('starts again from the packaged data when what it kept is damaged', async () => {
    await fakeBrowser.storage.session.set({ [sampleWritesItem.key]: { since, datasets: 'oops' } });
    const { api } = sample();
    expect((await api.listDatasets()).items).toHaveLength(data.datasets.length);
  });

  it('shares one account between its clients, so that two writes at once are both kept', async () => {
    const a = sample();
    const b = sample();
    await Promise.all([a.api.createDataset('One'), b.api.createDataset('Two')]);
    const names = (await a.api.listDatasets()).items.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['One', 'Two']));
    expect((await sampleWritesItem.getValue())?.datasets.map((d) => d.name).sort()).toEqual([
      'One',
      'Two',
    ]);
  });
});
