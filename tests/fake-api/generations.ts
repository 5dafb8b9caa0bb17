import {
  ASPECT_RATIOS,
  GENERATE_LIMITS,
  RENDERING_SPEEDS,
  RESOLUTIONS,
} from '../../utils/api/generation';
import { formatApiTime } from '../../utils/api/time';
import { randomId } from '../../utils/sample/timeline';
import { modelStateAt, type FakeAccount } from './model';
import type { FakeReply } from './request';
import { badRequest, json } from './validation';

// Generating with a custom model, as Ideogram's 2026-10-07 spec documents it: the v2 endpoints of
// each base (a 3.0 request's fields are not 4.0's), `?dry_run=true` answering a PriceQuote and
// generating nothing, asynchronous starts polled at `GET /v2/generations/{id}` (pending, then
// completed with image links that expire), an unsafe image without its link, the cost once done.

const MINUTE = 60_000;
/** How long a fake generation stays pending. */
export const GENERATION_MS = 20_000;
/** How long an image link works once the generation completed. */
export const IMAGE_LINK_MS = 60 * MINUTE;
/** Fake prices per image, in micros, by speed; "the model's choice" is an estimate up to quality. */
export const FAKE_PRICE = { turbo: 30_000, default: 60_000, quality: 90_000 } as const;

interface FakeGeneration {
  id: string;
  at: number;
  prompt: string;
  images: number;
  seed: number;
  resolution: string;
  cost: number;
}

export function createFakeGenerations(account: FakeAccount, now: () => number) {
  const generations = new Map<string, FakeGeneration>();

  /** The request checked as the endpoint of `base` checks it; its price and what it makes. */
  function read(base: 'v3' | 'v4', body: Record<string, unknown>) {
    const prompt = body.prompt;
    if (typeof prompt !== 'string' || prompt.length < 1 || prompt.length > GENERATE_LIMITS.prompt) {
      throw badRequest('prompt', 'must be 1 to 10000 characters');
    }
    const images = body.num_images ?? 1;
    if (!Number.isInteger(images) || Number(images) < 1 || Number(images) > 8) {
      throw badRequest('num_images', 'must be 1 to 8');
    }
    const speed = body.rendering_speed;
    if (speed !== undefined && !RENDERING_SPEEDS.includes(speed as never)) {
      throw badRequest('rendering_speed', 'must be turbo, default or quality');
    }
    const seed = body.seed;
    if (
      seed !== undefined &&
      (!Number.isInteger(seed) || Number(seed) < 0 || Number(seed) > GENERATE_LIMITS.seed)
    ) {
      throw badRequest('seed', 'must be 0 to 2147483647');
    }
    if (base === 'v4') {
      for (const field of ['aspect_ratio', 'negative_prompt']) {
        if (body[field] !== undefined) throw badRequest(field, 'is not an option of this endpoint');
      }
      if (body.resolution !== undefined && !RESOLUTIONS.includes(body.resolution as never)) {
        throw badRequest('resolution', 'is not a supported resolution');
      }
    } else {
      if (body.resolution !== undefined) throw badRequest('resolution', 'use aspect_ratio');
      if (body.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(body.aspect_ratio as never)) {
        throw badRequest('aspect_ratio', 'is not a supported aspect ratio');
      }
    }
    const uri = body.custom_model_uri;
    const model = account.models.find(
      (m) => !m.deleted && modelStateAt(m, now()).uri === uri && modelStateAt(m, now()).available,
    );
    if (typeof uri !== 'string' || !model) {
      return {
        refusal: json(403, { detail: 'The custom model does not exist or is not accessible' }),
      };
    }
    if (model.base && model.base !== base) {
      return {
        refusal: json(400, { detail: 'unsupported model option: this model is of another base' }),
      };
    }
    const count = Number(images);
    const each = FAKE_PRICE[(speed as keyof typeof FAKE_PRICE | undefined) ?? 'default'];
    return {
      count,
      prompt,
      seed: seed === undefined ? Math.floor(now() / 1000) % GENERATE_LIMITS.seed : Number(seed),
      resolution: base === 'v4' ? String(body.resolution ?? '1024x1024') : '1024x1024',
      price: each * count,
      estimate: speed === undefined,
    };
  }

  function imagesOf(g: FakeGeneration) {
    const expired = now() > g.at + GENERATION_MS + IMAGE_LINK_MS;
    return Array.from({ length: g.images }, (_, i) => {
      // A prompt asking for it gets its first image held by the safety check.
      const safe = !(i === 0 && /\bunsafe\b/i.test(g.prompt));
      return {
        object_type: 'image.generation',
        is_image_safe: safe,
        prompt: g.prompt,
        resolution: g.resolution,
        seed: g.seed + i,
        ...(safe && {
          url: `https://ideogram.ai/api/images/ephemeral/${g.id}-${i}.png?exp=${expired ? 'gone' : g.at + GENERATION_MS + IMAGE_LINK_MS}`,
        }),
      };
    });
  }

  return {
    generations,
    /** `POST /v2/image/generate/ideogram-{3,4}-custom-model[?dry_run=true]`. */
    generate(base: 'v3' | 'v4', body: Record<string, unknown>, dryRun: boolean): FakeReply {
      const read_ = read(base, body);
      if ('refusal' in read_) return read_.refusal!;
      if (dryRun) {
        return json(200, {
          object: 'price_quote',
          billing_identifier: `generate-${base}-custom-model`,
          quantity: read_.count,
          usd_micros: read_.price,
          credit_millis: read_.price / 10,
          qualifier: read_.estimate ? 'estimate' : 'exact',
          ...(read_.estimate && { upper_bound_usd_micros: FAKE_PRICE.quality * read_.count }),
        });
      }
      const g: FakeGeneration = {
        id: randomId(),
        at: now(),
        prompt: read_.prompt,
        images: read_.count,
        seed: read_.seed,
        resolution: read_.resolution,
        cost: read_.price,
      };
      generations.set(g.id, g);
      if (body.async === true) return json(200, { generation_id: g.id, seed: g.seed });
      g.at -= GENERATION_MS;
      return json(200, { generation_id: g.id, seed: g.seed, data: imagesOf(g) });
    },
    /** `GET /v2/generations/{id}`. */
    poll(id: string): FakeReply {
      const g = generations.get(id);
      if (!g) return json(404, { detail: 'Generation not found' });
      const done = now() >= g.at + GENERATION_MS;
      return json(200, {
        generation_id: g.id,
        status: done ? 'completed' : 'pending',
        created: formatApiTime(g.at),
        ...(done && { response_type: 'url', data: imagesOf(g), usage_cost_usd_micros: g.cost }),
      });
    },
  };
}
