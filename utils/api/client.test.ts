import { describe, expect, it } from 'vitest';
import { allFaults, createFakeApi, type Fault, TEST_KEY } from '../../tests/fake-api';
import { failureOf } from '../../tests/api-failure';
import { createIdeogramApi } from './client';
import { ApiError, type ApiErrorKind } from './errors';

function setup(options: { apiKey?: string; online?: boolean; timeoutMs?: number } = {}) {
  const fake = createFakeApi();
  const api = createIdeogramApi({
    apiKey: options.apiKey ?? TEST_KEY,
    fetch: fake.fetch,
    timeoutMs: options.timeoutMs ?? 2_000,
    isOnline: () => options.online ?? true,
  });
  return { fake, api };
}

describe('createIdeogramApi: requests', () => {
  it('sends the key as the Api-Key header only, to the API’s origin', async () => {
    const { fake, api } = setup();
    await api.listModels();
    const [request] = fake.requests;
    expect(request?.url).toBe('https://api.ideogram.ai/models');
    expect(request?.method).toBe('GET');
    expect(request?.headers['api-key']).toBe(TEST_KEY);
    expect(request?.url).not.toContain(TEST_KEY);
  });

  it('puts scope once and each status as its own parameter', async () => {
    const { fake, api } = setup();
    await api.listModels({ scope: 'owned', status: ['CREATING', 'TRAINING'] });
    expect(fake.paths()).toEqual(['/models?scope=owned&status=CREATING&status=TRAINING']);
  });

  it('encodes ids in paths, so an id cannot reach another endpoint', async () => {
    const { fake, api } = setup();
    await failureOf(api.getModel('../datasets'));
    expect(fake.paths()).toEqual(['/models/..%2Fdatasets']);
  });

  it('returns the validated lists and details', async () => {
    const { fake, api } = setup();
    const models = await api.listModels();
    expect(models.dropped).toBe(0);
    expect(models.items.map((m) => m.name)).toContain('Brand v2');
    const training = await api.listModels({ scope: 'owned', status: ['TRAINING'] });
    expect(training.items.map((m) => m.name).sort()).toEqual(['Brand v2', 'Poster look']);
    const one = await api.getModel(models.items[0]!.id);
    expect(one).toEqual(models.items[0]);
    const datasets = await api.listDatasets();
    expect(datasets.items.map((d) => d.name)).toEqual(['Brand photos', 'Poster styles']);
    const detail = await api.getDataset(datasets.items[0]!.id);
    expect(detail.fileCount).toBe(24);
    expect(detail.files).toHaveLength(24);
    const trainedFromIt = fake.account.models
      .filter((m) => m.dataset_id === datasets.items[0]!.id)
      .map((m) => m.model_id);
    expect(detail.modelIds).toEqual(trainedFromIt);
  });
});

describe('createIdeogramApi: every way a call fails', () => {
  const cases: [string, Fault, ApiErrorKind, Partial<ApiError>?][] = [
    ['403', { type: 'status', status: 403 }, 'forbidden', { status: 403 }],
    ['404', { type: 'status', status: 404 }, 'not_found', { status: 404 }],
    [
      '429 with seconds',
      { type: 'status', status: 429, retryAfter: '120' },
      'rate_limited',
      { retryAfterSeconds: 120 },
    ],
    ['429 without Retry-After', { type: 'status', status: 429 }, 'rate_limited'],
    ['500', { type: 'status', status: 500 }, 'server', { status: 500 }],
    ['502', { type: 'status', status: 502 }, 'server', { status: 502 }],
    [
      '503 with seconds',
      { type: 'status', status: 503, retryAfter: '30' },
      'server',
      { retryAfterSeconds: 30 },
    ],
    ['418', { type: 'status', status: 418 }, 'http', { status: 418 }],
    ['a redirect', { type: 'status', status: 302 }, 'invalid_response'],
    ['a dropped connection', { type: 'drop' }, 'network'],
    ['malformed JSON', { type: 'malformed-json' }, 'invalid_response'],
    ['an HTML page', { type: 'html' }, 'invalid_response'],
    ['an HTML error page', { type: 'html', status: 502 }, 'server'],
    ['a truncated body', { type: 'truncated' }, 'invalid_response'],
    ['a 17 MB body', { type: 'huge' }, 'invalid_response'],
    ['the wrong shape', { type: 'wrong-shape' }, 'invalid_response'],
  ];

  it.each(cases)('%s is %s', async (_, fault, kind, extra = {}) => {
    const { fake, api } = setup();
    fake.failNext(fault);
    const error = await failureOf(api.listModels());
    expect(error.kind).toBe(kind);
    expect(error).toMatchObject(extra);
    expect(error.message).not.toContain(TEST_KEY);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('says a too-large answer by its declared size, or by the limit it passed', async () => {
    const huge = 17 * 1024 * 1024;
    const answer = (declared: boolean) => {
      const api = createIdeogramApi({
        apiKey: TEST_KEY,
        fetch: async () => {
          // Streamed in uneven pieces, as a network delivers them.
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (let sent = 0; sent < huge; sent += 700_001) {
                controller.enqueue(new Uint8Array(Math.min(700_001, huge - sent)).fill(32));
              }
              controller.close();
            },
          });
          const headers = new Headers({ 'Content-Type': 'application/json' });
          if (declared) headers.set('Content-Length', String(huge));
          return new Response(body, { status: 200, headers });
        },
        timeoutMs: 5_000,
        isOnline: () => true,
      });
      return failureOf(api.listModels());
    };
    const withLength = await answer(true);
    expect(withLength.kind).toBe('invalid_response');
    expect(withLength.message).toContain('(17 MB, more than the model list should ever be)');
    // Without a length, reading stops past the limit: the limit is said, not what had arrived.
    const streamed = await answer(false);
    expect(streamed.kind).toBe('invalid_response');
    expect(streamed.message).toContain('(over 16 MB, more than the model list should ever be)');
  });

  it('reads Retry-After as an HTTP date', async () => {
    const { fake, api } = setup();
    fake.failNext({
      type: 'status',
      status: 429,
      retryAfter: new Date(Date.now() + 180_000).toUTCString(),
    });
    const error = await failureOf(api.listModels());
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(178);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(180);
    expect(error.message).toMatch(/try again in 3 min/);
  });

  it('maps a wrong key to unauthorized, without repeating the key', async () => {
    const { api } = setup({ apiKey: 'wrong-key-zzz' });
    const error = await failureOf(api.listModels());
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(error.message).toMatch(/rejected the API key/);
    expect(error.message).not.toContain('wrong-key-zzz');
  });

  it('maps an unknown model id to not_found', async () => {
    const { api } = setup();
    expect((await failureOf(api.getModel('nope'))).kind).toBe('not_found');
    expect((await failureOf(api.getDataset('nope'))).kind).toBe('not_found');
  });

  it('gives up on a hanging request after the timeout', async () => {
    const { fake, api } = setup({ timeoutMs: 50 });
    fake.failNext({ type: 'hang' });
    const error = await failureOf(api.listModels());
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within/);
  });

  it('reports offline without touching the network', async () => {
    const { fake, api } = setup({ online: false });
    const error = await failureOf(api.listModels());
    expect(error.kind).toBe('offline');
    expect(fake.requests).toHaveLength(0);
  });

  it('tells a dropped connection while offline apart from a network failure', async () => {
    let online = true;
    const fake = createFakeApi();
    const api = createIdeogramApi({ apiKey: TEST_KEY, fetch: fake.fetch, isOnline: () => online });
    fake.failNext({ type: 'drop' });
    const pending = api.listModels();
    online = false;
    expect((await failureOf(pending)).kind).toBe('offline');
  });

  it('covers every fault the fake can inject', async () => {
    for (const { name, fault } of allFaults()) {
      const { fake, api } = setup({ timeoutMs: 50 });
      fake.failNext(fault);
      const error = await failureOf(api.listModels());
      expect(error.message, name).not.toContain(TEST_KEY);
      expect(error.kind, name).not.toBe(undefined);
    }
  });
});
