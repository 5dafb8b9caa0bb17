import { describe, expect, it } from 'vitest';
import {
  createFakeApi,
  fakeDataset,
  fakeImageBytes,
  fakeModel,
  standardAccount,
  TEST_KEY,
} from '../../tests/fake-api';
import { failureOf } from '../../tests/api-failure';
import { createIdeogramApi } from './client';
import { maskedKey } from './redact';

// A gateway or proxy that echoes the request puts the key into an answer's words: every text an
// answer brings reaches the extension with the client's key, and every other saved key, hidden.

const OTHER_KEY = 'other-saved-key-ZYXWVUTS9876';

function setup() {
  const account = standardAccount();
  const fake = createFakeApi(account);
  const api = createIdeogramApi({
    apiKey: TEST_KEY,
    hide: [OTHER_KEY, TEST_KEY],
    fetch: fake.fetch,
    timeoutMs: 2_000,
    isOnline: () => true,
  });
  return { account, fake, api };
}

const withoutKeys = (value: unknown) => {
  const text = JSON.stringify(value);
  expect(text).not.toContain(TEST_KEY);
  expect(text).not.toContain(OTHER_KEY);
  return text;
};

describe('the client hides keys in what answers say', () => {
  it('in model names, dataset names, file names and captions', async () => {
    const { account, api } = setup();
    account.models.push(fakeModel({ name: `Echo ${TEST_KEY}` }));
    account.models.push(fakeModel({ name: `Shared ${OTHER_KEY}`, owned: false }));
    const dataset = fakeDataset(`Set ${OTHER_KEY}`, 1);
    dataset.files[0] = { file_name: `${TEST_KEY}.png`, file_size_bytes: 10, caption: TEST_KEY };
    account.datasets.push(dataset);

    const models = await api.listModels();
    const text = withoutKeys(models);
    expect(text).toContain(`Echo ${maskedKey(TEST_KEY)}`);
    expect(text).toContain(`Shared ${maskedKey(OTHER_KEY)}`);
    const echo = models.items.find((m) => m.name.startsWith('Echo'))!;
    expect(withoutKeys(await api.getModel(echo.id))).toContain(maskedKey(TEST_KEY));
    expect(withoutKeys(await api.listDatasets())).toContain(`Set ${maskedKey(OTHER_KEY)}`);
    const detail = await api.getDataset(dataset.dataset_id);
    withoutKeys(detail);
    expect(detail.files[0]).toMatchObject({
      name: `${maskedKey(TEST_KEY)}.png`,
      caption: maskedKey(TEST_KEY),
    });
  });

  it('in a refusal’s words, on reads and on writes', async () => {
    const { fake, api } = setup();
    fake.failNext({ type: 'status', status: 400, body: { detail: `bad key ${TEST_KEY}` } });
    const read = await failureOf(api.listModels());
    expect(read.message).toContain(`bad key ${maskedKey(TEST_KEY)}`);
    withoutKeys(read.toJSON());
    fake.failNext({ type: 'status', status: 400, body: { message: `not yours: ${OTHER_KEY}` } });
    const write = await failureOf(api.createDataset('New'));
    expect(write.message).toContain(`not yours: ${maskedKey(OTHER_KEY)}`);
    withoutKeys(write.toJSON());
  });

  it('in a long refusal whose cut would fall inside the key', async () => {
    const { fake, api } = setup();
    const detail = `${'x'.repeat(190)}${TEST_KEY}`;
    fake.failNext({ type: 'status', status: 400, body: { detail } });
    const error = await failureOf(api.listModels());
    // Hidden before the words are cut to length: no first half of the key survives the cut.
    expect(error.message).toContain(`${'x'.repeat(190)}${maskedKey(TEST_KEY)}`);
    expect(error.message).not.toContain(TEST_KEY.slice(0, 6));
  });

  it('in an upload’s per-file report', async () => {
    const { account, api } = setup();
    const [dataset] = account.datasets;
    // A file the echoing server names after the key (the name is its own words, as it says it).
    account.uploadFailures = { [`${TEST_KEY}.png`]: 'INVALID_IMAGE' };
    const upload = await api.uploadAssets(dataset!.dataset_id, [
      { name: 'a.png', blob: new Blob([fakeImageBytes('png')]) },
      { name: `${TEST_KEY}.png`, blob: new Blob([fakeImageBytes('png')]) },
    ]);
    expect(upload.failures).toEqual([
      { fileName: `${maskedKey(TEST_KEY)}.png`, reason: 'INVALID_IMAGE' },
    ]);
    expect(upload.succeededNames).toEqual(['a.png']);
  });

  it('when the answer writes the key with JSON escapes', async () => {
    const escaped = [...TEST_KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const model = {
      model_id: 'm1',
      name: 'ESCAPED',
      status: 'COMPLETED',
      creation_time: '2026-12-01T10:00:00Z',
      is_available_for_generation: true,
      is_owned: true,
    };
    const body = JSON.stringify({ models: [model] }).replace('ESCAPED', escaped.join(''));
    const api = createIdeogramApi({
      apiKey: TEST_KEY,
      fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
    });
    const models = await api.listModels();
    expect(models.items.map((m) => m.name)).toEqual([maskedKey(TEST_KEY)]);
  });
});
