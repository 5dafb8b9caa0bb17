import { describe, expect, it } from 'vitest';
import { createFakeApi, fakeModel, standardAccount, TEST_KEY } from '../../tests/fake-api';
import { GENERATION_MS } from '../../tests/fake-api/generations';
import { createGenerator, loadOpenApi } from '../../tests/openapi/generate';
import { createIdeogramApi } from './client';
import { ApiError } from './errors';
import { generateBody, generateProblem, type GenerateRequest, parseGeneration } from './generation';

// Generating with a custom model (the groundwork of "Try a model"): the request each base's
// endpoint takes, priced first with `dry_run`, started asynchronously, and polled, against the
// fake API that follows the 2026-10-07 schema.

const T0 = Date.UTC(2026, 11, 4, 12);
const V4_URI = 'model/brand-v4/version/1';
const V3_URI = 'model/brand-v3/version/1';

function setUp() {
  let offset = 0;
  const account = standardAccount();
  const four = fakeModel({ name: 'Brand v4', uri: V4_URI }, T0);
  four.base = 'v4';
  const three = fakeModel({ name: 'Brand v3', uri: V3_URI }, T0);
  three.base = 'v3';
  account.models.push(four, three);
  const fake = createFakeApi(account, () => T0 + offset);
  const api = createIdeogramApi({ apiKey: TEST_KEY, fetch: fake.fetch, isOnline: () => true });
  return { fake, api, advance: (ms: number) => (offset += ms) };
}

const request = (changes: Partial<GenerateRequest> = {}): GenerateRequest => ({
  uri: V4_URI,
  prompt: 'A lighthouse at dawn',
  images: 2,
  ...changes,
});

describe('the request each base takes', () => {
  it('sends 4.0 a resolution and never 3.0’s fields; 3.0 an aspect ratio and a negative prompt', () => {
    const asked = request({
      speed: 'quality',
      seed: 42,
      resolution: '1280x720',
      aspectRatio: '16x9',
      negativePrompt: 'blur',
    });
    expect(generateBody('v4', asked)).toEqual({
      prompt: 'A lighthouse at dawn',
      custom_model_uri: V4_URI,
      num_images: 2,
      async: true,
      rendering_speed: 'quality',
      seed: 42,
      resolution: '1280x720',
    });
    expect(generateBody('v3', asked)).toEqual({
      prompt: 'A lighthouse at dawn',
      custom_model_uri: V4_URI,
      num_images: 2,
      async: true,
      rendering_speed: 'quality',
      seed: 42,
      aspect_ratio: '16x9',
      negative_prompt: 'blur',
    });
  });

  it.each([
    [{ prompt: '   ' }, 'Write a prompt.'],
    [{ prompt: 'x'.repeat(10_001) }, 'A prompt has at most 10,000 characters (this has 10,001).'],
    [{ images: 0 }, 'From 1 to 8 images.'],
    [{ images: 9 }, 'From 1 to 8 images.'],
    [{ images: 2.5 }, 'From 1 to 8 images.'],
    [{ seed: -1 }, 'A seed is a whole number from 0 to 2,147,483,647.'],
    [{ seed: 2_147_483_648 }, 'A seed is a whole number from 0 to 2,147,483,647.'],
  ])('refuses %j before any request', (changes, words) => {
    expect(generateProblem(request(changes))).toBe(words);
  });
});

describe('a price, then a generation', () => {
  it('quotes exactly the request it would send, generating nothing', async () => {
    const { fake, api } = setUp();
    const asked = request({ speed: 'default', resolution: '1024x1024' });
    expect(await api.quote('v4', asked)).toEqual({
      usdMicros: 120_000,
      upperBoundUsdMicros: null,
      qualifier: 'exact',
      quantity: 2,
    });
    const [sent] = fake.requests;
    expect(sent!.path).toBe('/v2/image/generate/ideogram-4-custom-model?dry_run=true');
    expect(sent!.json).toEqual(generateBody('v4', asked));
    // An estimate (the model chooses its speed) says how far it may go.
    expect(await api.quote('v4', request())).toMatchObject({
      qualifier: 'estimate',
      upperBoundUsdMicros: 180_000,
    });
  });

  it('starts asynchronously, is pending, then has its images and its cost', async () => {
    const { api, advance } = setUp();
    const started = await api.generate(
      'v4',
      request({ seed: 7, prompt: 'unsafe test, then fine' }),
    );
    expect(started).toEqual({ id: expect.any(String), seed: 7 });
    expect((await api.generation(started.id)).status).toBe('pending');
    advance(GENERATION_MS);
    const done = await api.generation(started.id);
    expect(done).toMatchObject({
      status: 'completed',
      costUsdMicros: 120_000,
      failureReason: null,
    });
    // The one the safety check held has no link; the other has an https one.
    expect(done.images.map((i) => [i.safe, i.url !== null, i.seed])).toEqual([
      [false, false, 7],
      [true, true, 8],
    ]);
    expect(done.images[1]!.url).toMatch(/^https:\/\/ideogram\.ai\/api\/images\/ephemeral\//);
  });

  it('says a model of another base or one the key cannot use is refused, in words', async () => {
    const { api } = setUp();
    await expect(api.generate('v4', request({ uri: V3_URI }))).rejects.toThrow(
      /Ideogram refused the generation: unsupported model option/,
    );
    const forbidden = await api
      .quote('v4', request({ uri: 'model/nope/version/1' }))
      .catch((e) => e);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect((forbidden as ApiError).kind).toBe('forbidden');
  });

  it('says how many may run at once when Ideogram limits them', async () => {
    const { fake, api } = setUp();
    fake.failNext({
      type: 'status',
      status: 429,
      retryAfter: '30',
      body: { error: 'busy', reject_reason: 'inflight_limit', max_inflight_requests: 2 },
    });
    const limited = (await api.generate('v4', request()).catch((e) => e)) as ApiError;
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterSeconds).toBe(30);
    expect(limited.message).toMatch(/at most 2 requests may be in progress at once/);
  });
});

describe('reading a generation', () => {
  const generator = createGenerator(loadOpenApi('2026-10-07'));

  it.each(generator.cases('/v2/generations/{generation_id}'))('reads %s', (_, body) => {
    const parsed = parseGeneration(body);
    expect(parsed.ok).toBe(true);
  });

  it('keeps only https image links, and a failure reason that is a reason', () => {
    const parsed = parseGeneration({
      generation_id: 'g1',
      status: 'failed',
      created: '2026-12-04T12:00:00Z',
      failure_reason: '<script>x</script>',
      data: [
        {
          is_image_safe: true,
          url: 'javascript:alert(1)',
          prompt: 'p',
          resolution: '1x1',
          seed: 1,
        },
        { object_type: 'video', url: 'https://x' },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        id: 'g1',
        status: 'failed',
        createdAt: Date.UTC(2026, 11, 4, 12),
        images: [{ url: null, safe: true, prompt: 'p', resolution: '1x1', seed: 1 }],
        failureReason: null,
        costUsdMicros: null,
      },
    });
  });
});
