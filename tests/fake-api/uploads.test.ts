import { describe, expect, it } from 'vitest';
import { fakeDataset, fakeImageBytes, storedZip } from '.';
import { failures, filesOf, ID, image, MB, successes, T0, textFile, writable } from './calls';

// The fake API's writes of datasets: creating them and uploading to them.

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
    // Each sidecar that worked is an entry of its own, beside its image (the 2026-10-07 API).
    expect(successes(body)).toEqual([
      'sunset.jpg',
      'sunset.txt',
      'dawn.png',
      'dawn.txt',
      'noise.webp',
    ]);
    expect(failures(body)).toEqual([
      ['orphan.txt', 'INVALID_CAPTION'],
      ['noise.txt', 'INVALID_CAPTION'],
    ]);
    expect(body).toMatchObject({ total_count: 7, success_count: 5, failure_count: 2 });
    expect(await filesOf(api, dataset.dataset_id)).toEqual([
      { file_name: 'sunset.jpg', file_size_bytes: 64, caption: 'A warm sunset over the sea' },
      { file_name: 'dawn.png', file_size_bytes: 64 },
      { file_name: 'noise.webp', file_size_bytes: 64 },
    ]);
  });

  it('takes a structured caption as a .json sidecar, and fails one that is not JSON', async () => {
    const dataset = fakeDataset('Set', 0, T0);
    const api = writable([dataset]);
    const caption = JSON.stringify({ high_level_description: 'A lighthouse at dawn' });
    const { body } = await api.upload(dataset.dataset_id, [
      image('light.jpg'),
      textFile('light.json', caption),
      image('broken.jpg'),
      textFile('broken.json', '{"high_level_description": '),
    ]);
    expect(successes(body)).toEqual(['light.jpg', 'light.json', 'broken.jpg']);
    expect(failures(body)).toEqual([['broken.json', 'INVALID_CAPTION_JSON']]);
    expect(await filesOf(api, dataset.dataset_id)).toEqual([
      { file_name: 'light.jpg', file_size_bytes: 64, caption },
      { file_name: 'broken.jpg', file_size_bytes: 64 },
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
    expect(successes(body)).toEqual(['a.jpg', 'a.txt', 'b.PNG', 'b.txt']);
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
      'body: is not valid multipart/form-data',
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
