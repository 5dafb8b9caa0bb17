import { describe, expect, it } from 'vitest';
import {
  createFakeApi,
  fakeDataset,
  fakeImageBytes,
  fakeModel,
  storedZip,
  TEST_KEY,
} from '../../tests/fake-api';
import {
  createFakeIdeogram,
  type FakeAccount,
  type FakeDataset,
  type FakeOptions,
  type FakeReply,
  fakeFetch,
} from './server';
import { createGenerator, createValidator, loadOpenApi } from '../../tests/openapi/generate';

const MINUTE = 60_000;

function get(fake: ReturnType<typeof createFakeApi>, path: string, key = TEST_KEY) {
  const outcome = fake.respond({
    method: 'GET',
    url: `https://api.ideogram.ai${path}`,
    headers: { 'Api-Key': key },
  });
  if (outcome.type !== 'reply') throw new Error('expected a reply');
  return { status: outcome.reply.status, body: JSON.parse(String(outcome.reply.body)) };
}

const names = (body: { models: { name: string }[] }) => body.models.map((m) => m.name).sort();

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

  it('leaves a failed training’s run in the phase it failed in', () => {
    const model = fakeModel({ name: 'Failed', status: 'ERRORED', trainedFor: 30 * MINUTE });
    const fake = createFakeApi({ apiKey: TEST_KEY, models: [model], datasets: [] });
    expect(phaseAt(fake, model.model_id)).toEqual(['TRAINING']);
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

describe('the fake follows Ideogram’s published schemas', () => {
  const api = loadOpenApi();
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

// The writes, through `fakeFetch` with real request bodies: FormData encoded by the platform, as
// the extension's uploads are, so the multipart reading is exercised for real.

const KEY = 'write-key';
const API = 'https://api.ideogram.ai';
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const SECOND = 1000;
const ID = /^[A-Za-z0-9_-]{22}$/;
const MB = 1024 * 1024;

function writable(
  datasets: FakeDataset[] = [],
  extra: Partial<FakeAccount> = {},
  options?: FakeOptions,
) {
  let clock = T0;
  const server = createFakeIdeogram(
    { apiKey: KEY, models: [], datasets, ...extra },
    () => clock,
    options,
  );
  const fetch = fakeFetch(server.handle);
  async function call(method: string, path: string, body?: BodyInit, headers = {}) {
    const response = await fetch(`${API}${path}`, {
      method,
      body,
      headers: { 'Api-Key': KEY, ...headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  return {
    account: server.account,
    advance(ms: number) {
      clock += ms;
    },
    call,
    get: (path: string) => call('GET', path),
    postJson: (path: string, body: unknown, headers = {}) =>
      call('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers }),
    upload(datasetId: string, files: File[]) {
      const form = new FormData();
      for (const file of files) form.append('files', file);
      return call('POST', `/datasets/${datasetId}/upload_assets`, form);
    },
  };
}

/** A file whose bytes start as an image of the kind its extension says (JPEG otherwise). */
function image(name: string, size?: number): File {
  const kind = /\.png$/i.test(name) ? 'png' : /\.webp$/i.test(name) ? 'webp' : 'jpeg';
  return new File([fakeImageBytes(kind, size)], name);
}

const textFile = (name: string, content: string | Uint8Array<ArrayBuffer>) =>
  new File([content], name);

/** The dataset's files as GET /datasets/{id} shows them. */
async function filesOf(api: ReturnType<typeof writable>, id: string) {
  return (await api.get(`/datasets/${id}`)).body.files as Record<string, unknown>[];
}

const failures = (body: { failed_assets: { file_name: string; failure_reason: string }[] }) =>
  body.failed_assets.map((f) => [f.file_name, f.failure_reason]);
const successes = (body: { successful_assets: { file_name: string }[] }) =>
  body.successful_assets.map((a) => a.file_name);

describe('creating datasets', () => {
  it('creates an empty dataset that later reads see', async () => {
    const api = writable([fakeDataset('Existing', 3, T0)]);
    const { status, body } = await api.postJson('/datasets', { name: 'Fresh set' });
    expect(status).toBe(200);
    expect(body).toEqual({
      dataset_id: expect.stringMatching(ID),
      name: 'Fresh set',
      user_id: 'user_fake',
      creation_time: '2026-01-05 12:00:00+00:00',
    });
    const listed = (await api.get('/datasets')).body.datasets;
    expect(listed.map((d: { name: string }) => d.name)).toEqual(['Existing', 'Fresh set']);
    expect((await api.get(`/datasets/${body.dataset_id}`)).body).toMatchObject({
      file_count: 0,
      files: [],
      custom_model_ids: [],
    });
  });

  it.each([
    ['a body that is not JSON', 'name: x', 'application/json', 'body: is not valid JSON'],
    [
      'JSON sent as text',
      '{"name":"x"}',
      'text/plain;charset=UTF-8',
      'body: must be JSON (Content-Type: application/json)',
    ],
    ['a JSON array', '["x"]', 'application/json', 'body: must be a JSON object'],
    ['no name', '{}', 'application/json', 'name: is required'],
    ['a null name', '{"name":null}', 'application/json', 'name: is required'],
    ['a number for a name', '{"name":5}', 'application/json', 'name: must be a string'],
    ['a blank name', '{"name":" \\t "}', 'application/json', 'name: must not be blank'],
  ])('refuses %s with 400', async (_, body, type, detail) => {
    const api = writable();
    const reply = await api.call('POST', '/datasets', body, { 'Content-Type': type });
    expect(reply).toEqual({ status: 400, body: { detail } });
    expect(api.account.datasets).toEqual([]);
  });

  it('answers 401 without the key, and creates nothing', async () => {
    const api = writable();
    const reply = await api.postJson('/datasets', { name: 'Mine' }, { 'Api-Key': 'wrong' });
    expect(reply.status).toBe(401);
    expect(api.account.datasets).toEqual([]);
  });
});

describe('uploading to a dataset', () => {
  it('adds JPEG, PNG and WebP images with their sizes', async () => {
    const dataset = fakeDataset('Set', 2, T0);
    const api = writable([dataset]);
    const { status, body } = await api.upload(dataset.dataset_id, [
      image('one.jpg', 1000),
      image('two.PNG', 2000),
      image('three.webp', 3000),
    ]);
    expect(status).toBe(200);
    expect(body).toEqual({
      total_count: 3,
      success_count: 3,
      failure_count: 0,
      successful_assets: ['one.jpg', 'two.PNG', 'three.webp'].map((file_name) => ({
        asset_identifier: { asset_type: 'UPLOAD', asset_id: expect.stringMatching(ID) },
        file_name,
      })),
      failed_assets: [],
    });
    expect((await filesOf(api, dataset.dataset_id)).slice(2)).toEqual([
      { file_name: 'one.jpg', file_size_bytes: 1000 },
      { file_name: 'two.PNG', file_size_bytes: 2000 },
      { file_name: 'three.webp', file_size_bytes: 3000 },
    ]);
    expect((await api.get(`/datasets/${dataset.dataset_id}`)).body.file_count).toBe(5);
  });

  it('checks what each image holds and how big it is', async () => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset]);
    const { body } = await api.upload(dataset.dataset_id, [
      textFile('fake.jpg', 'I am no JPEG'),
      textFile('anim.gif', 'GIF89a'),
      textFile('notes.pdf', '%PDF-1.7'),
      image('huge.png', 10 * MB + 1),
      image('just-fits.png', 10 * MB),
      new File([fakeImageBytes('png')], 'png-named.jpg'),
    ]);
    expect(failures(body)).toEqual([
      ['fake.jpg', 'INVALID_IMAGE'],
      ['anim.gif', 'INVALID_IMAGE'],
      ['notes.pdf', 'INVALID_IMAGE'],
      ['huge.png', 'FILE_TOO_LARGE'],
    ]);
    // The content decides what an image is; its extension only says it claims to be one.
    expect(successes(body)).toEqual(['just-fits.png', 'png-named.jpg']);
    expect(body).toMatchObject({ total_count: 6, success_count: 2, failure_count: 4 });
  });

  it('captions images by file-name stem; a caption without its image fails', async () => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset]);
    const { body } = await api.upload(dataset.dataset_id, [
      textFile('sunset.txt', '  A warm sunset over the sea\n'),
      image('sunset.jpg'),
      image('dawn.png'),
      textFile('dawn.txt', ''),
      textFile('orphan.txt', 'captions nothing'),
      image('noise.webp'),
      textFile('noise.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x41])),
    ]);
    expect(successes(body)).toEqual(['sunset.jpg', 'dawn.png', 'noise.webp']);
    expect(failures(body)).toEqual([
      ['orphan.txt', 'INVALID_CAPTION'],
      ['noise.txt', 'INVALID_CAPTION'],
    ]);
    // Captions that worked are part of their image, not assets of their own.
    expect(body).toMatchObject({ total_count: 5, success_count: 3, failure_count: 2 });
    expect(await filesOf(api, dataset.dataset_id)).toEqual([
      { file_name: 'sunset.jpg', file_size_bytes: 64, caption: 'A warm sunset over the sea' },
      { file_name: 'dawn.png', file_size_bytes: 64 },
      { file_name: 'noise.webp', file_size_bytes: 64 },
    ]);
  });

  it('fails the files a test names with the reason it gives, before any other check', async () => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset], {
      uploadFailures: {
        'unsafe.jpg': 'FAILED_SAFETY_CHECK',
        'garbage.png': 'INTERNAL_ERROR',
        'inner.jpg': 'FAILED_SAFETY_CHECK',
        'cap.txt': 'INVALID_CAPTION',
        'whole.zip': 'INVALID_ZIP',
      },
    });
    const zip = storedZip([{ name: 'pics/inner.jpg', data: 'x' }, { name: 'pics/fine.jpg' }]);
    const { body } = await api.upload(dataset.dataset_id, [
      image('unsafe.jpg'),
      textFile('garbage.png', 'not an image either'),
      new File([zip], 'pack.zip'),
      new File([zip], 'whole.zip'),
      image('cap.jpg'),
      textFile('cap.txt', 'a fine caption'),
      image('ok.jpg'),
    ]);
    expect(failures(body)).toEqual([
      ['unsafe.jpg', 'FAILED_SAFETY_CHECK'],
      ['garbage.png', 'INTERNAL_ERROR'],
      ['inner.jpg', 'FAILED_SAFETY_CHECK'],
      ['whole.zip', 'INVALID_ZIP'],
      ['cap.txt', 'INVALID_CAPTION'],
    ]);
    expect(successes(body)).toEqual(['fine.jpg', 'cap.jpg', 'ok.jpg']);
    expect((await filesOf(api, dataset.dataset_id)).map((f) => f.caption)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('stops at 100 images, counting those the dataset already has', async () => {
    const dataset = fakeDataset('Almost full', 97, T0);
    const api = writable([dataset]);
    const first = await api.upload(dataset.dataset_id, [
      textFile('broken.jpg', 'takes no place'),
      ...['a', 'b', 'c', 'd', 'e'].map((n) => image(`${n}.jpg`)),
    ]);
    expect(successes(first.body)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(failures(first.body)).toEqual([
      ['broken.jpg', 'INVALID_IMAGE'],
      ['d.jpg', 'TOO_MANY_IMAGES'],
      ['e.jpg', 'TOO_MANY_IMAGES'],
    ]);
    expect((await api.get(`/datasets/${dataset.dataset_id}`)).body.file_count).toBe(100);
    const again = await api.upload(dataset.dataset_id, [image('f.jpg')]);
    expect(failures(again.body)).toEqual([['f.jpg', 'TOO_MANY_IMAGES']]);
  });

  it('adds the images of a ZIP by name, with their captions, without decompressing it', async () => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset]);
    const zip = storedZip([
      { name: 'set/' },
      { name: 'set/a.jpg', data: 'inside a ZIP, the extension is taken at its word' },
      { name: 'set/b.PNG', data: 'x'.repeat(300) },
      { name: 'set/a.txt', data: 'caption of a' },
      { name: 'set/empty.txt', data: '' },
      { name: '__MACOSX/set/._a.jpg', data: 'resource fork' },
      { name: 'set/readme.md', data: '# notes' },
      { name: 'set/huge.webp', data: 'x', claimedSize: 11 * MB },
    ]);
    const { body } = await api.upload(dataset.dataset_id, [
      new File([zip], 'pack.zip', { type: 'application/zip' }),
      textFile('b.txt', 'caption of b, sent beside the ZIP'),
    ]);
    expect(successes(body)).toEqual(['a.jpg', 'b.PNG']);
    expect(failures(body)).toEqual([
      ['empty.txt', 'INVALID_CAPTION'],
      ['readme.md', 'INVALID_IMAGE'],
      ['huge.webp', 'FILE_TOO_LARGE'],
    ]);
    expect(await filesOf(api, dataset.dataset_id)).toEqual([
      // A caption inside a ZIP is not decompressed: a stand-in says where it was.
      { file_name: 'a.jpg', file_size_bytes: 48, caption: '(caption a.txt in pack.zip)' },
      { file_name: 'b.PNG', file_size_bytes: 300, caption: 'caption of b, sent beside the ZIP' },
    ]);
  });

  it('fails a ZIP it cannot read as INVALID_ZIP, and takes the rest of the upload', async () => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset]);
    const whole = storedZip([{ name: 'a.jpg', data: 'x' }]);
    const { body } = await api.upload(dataset.dataset_id, [
      textFile('broken.zip', 'not a zip at all'),
      new File([whole.subarray(0, whole.length - 5)], 'cut.ZIP'),
      image('fine.jpg'),
    ]);
    expect(failures(body)).toEqual([
      ['broken.zip', 'INVALID_ZIP'],
      ['cut.ZIP', 'INVALID_ZIP'],
    ]);
    expect(successes(body)).toEqual(['fine.jpg']);
  });

  it.each([
    [
      'a JSON body',
      () => ({ body: '{"files":[]}', headers: { 'Content-Type': 'application/json' } }),
      'files: must be sent as multipart/form-data',
    ],
    [
      'a form without files',
      () => {
        const form = new FormData();
        form.append('name', 'no files here');
        return { body: form, headers: {} };
      },
      'files: is required: one or more files',
    ],
    [
      'files sent as text fields',
      () => {
        const form = new FormData();
        form.append('files', image('real.jpg'));
        form.append('files', 'just text');
        return { body: form, headers: {} };
      },
      'files: must be files, not text fields',
    ],
    [
      'a malformed multipart body',
      () => ({
        body: 'garbage, no boundary in sight',
        headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
      }),
      'body: is not valid multipart/form-data (Malformed multipart body: the boundary never appears.)',
    ],
  ])('refuses %s with 400', async (_, request, detail) => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset]);
    const { body, headers } = request();
    const reply = await api.call(
      'POST',
      `/datasets/${dataset.dataset_id}/upload_assets`,
      body,
      headers,
    );
    expect(reply).toEqual({ status: 400, body: { detail } });
    expect(dataset.files).toEqual([]);
  });

  it('answers 404 for an unknown dataset, and 401 without the key', async () => {
    const api = writable([fakeDataset('Set', 0, T0)]);
    expect((await api.upload('unknown', [image('a.jpg')])).status).toBe(404);
    const form = new FormData();
    form.append('files', image('a.jpg'));
    const id = api.account.datasets[0]!.dataset_id;
    const reply = await api.call('POST', `/datasets/${id}/upload_assets`, form, { 'Api-Key': '' });
    expect(reply.status).toBe(401);
    expect(api.account.datasets[0]!.files).toEqual([]);
  });
});

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

describe('the writes follow Ideogram’s published schemas', () => {
  const api = loadOpenApi();
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
