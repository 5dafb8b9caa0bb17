// Long: one endpoint family in one place: the request each base takes, its checks, and its three answers.
import * as v from 'valibot';
import { parseApiTime } from './time';
import type { TrainingBase } from './types';

// Generating with a custom model (Ideogram's v2 endpoints of 2026-10-07): the request as sent (the
// same for a price quote, `?dry_run=true`, and for the billed call), the quote, the answer of an
// asynchronous start, and a generation polled at `GET /v2/generations/{id}`. Pure: the client
// sends, these say what is sent and what came back.

/** A prompt is 1 to 10,000 characters; 1 to 8 images; a seed from 0 to 2,147,483,647. */
export const GENERATE_LIMITS = {
  prompt: 10_000,
  images: { min: 1, max: 8 },
  seed: 2_147_483_647,
} as const;

export const RENDERING_SPEEDS = ['turbo', 'default', 'quality'] as const;

/** The aspect ratios Ideogram 3.0's custom-model endpoint takes (`IdeogramV3AspectRatio`). */
export const ASPECT_RATIOS = [
  '1x1',
  '16x9',
  '9x16',
  '4x3',
  '3x4',
  '3x2',
  '2x3',
  '4x5',
  '5x4',
  '16x10',
  '10x16',
  '2x1',
  '1x2',
  '3x1',
  '1x3',
  'auto',
] as const;

/** The resolutions Ideogram 4.0's takes (`ResolutionV4`): 1K sizes first, then 2K. */
export const RESOLUTIONS = [
  '1024x1024',
  '1280x720',
  '720x1280',
  '1152x864',
  '864x1152',
  '1120x896',
  '896x1120',
  '1248x832',
  '832x1248',
  '1280x800',
  '800x1280',
  '1440x720',
  '720x1440',
  '1536x512',
  '512x1536',
  '3072x1024',
  '1024x3072',
  '2048x2048',
  '2560x1440',
  '1440x2560',
  '2304x1728',
  '1728x2304',
  '2240x1792',
  '1792x2240',
  '2496x1664',
  '1664x2496',
  '2560x1600',
  '1600x2560',
  '2880x1440',
  '1440x2880',
  '3072x1280',
  '1280x3072',
  '3168x1296',
  '1296x3168',
  '2944x1152',
  '1152x2944',
  '3328x1248',
  '1248x3328',
] as const;
export type RenderingSpeed = (typeof RENDERING_SPEEDS)[number];

/** What a person asks of a try; what each base's endpoint takes is `generateBody`'s to say. */
export interface GenerateRequest {
  uri: string;
  prompt: string;
  images: number;
  /** Omitted: a speed the model supports. */
  speed?: RenderingSpeed;
  /** 3.0 only: `1x1`, `16x9`… (omitted: 1x1). */
  aspectRatio?: string;
  /** 4.0 only: `1024x1024`… (omitted: picked from the prompt). */
  resolution?: string;
  seed?: number;
  /** 3.0 only. */
  negativePrompt?: string;
}

/** The endpoint of each base. */
export const generatePath = (base: TrainingBase) =>
  `/v2/image/generate/ideogram-${base === 'v4' ? '4' : '3'}-custom-model`;

/**
 * The JSON body for a base, with exactly the fields that base takes (a 3.0 aspect ratio or
 * negative prompt never goes to 4.0, a 4.0 resolution never to 3.0). Always asynchronous: the id
 * comes back at once, and the images are polled for.
 */
export function generateBody(base: TrainingBase, request: GenerateRequest) {
  const body: Record<string, unknown> = {
    prompt: request.prompt,
    custom_model_uri: request.uri,
    num_images: request.images,
    async: true,
  };
  if (request.speed) body.rendering_speed = request.speed;
  if (request.seed !== undefined) body.seed = request.seed;
  if (base === 'v3') {
    if (request.aspectRatio) body.aspect_ratio = request.aspectRatio;
    if (request.negativePrompt) body.negative_prompt = request.negativePrompt;
  } else if (request.resolution) body.resolution = request.resolution;
  return body;
}

/** What a request is wrong about, before anything is sent; null when it can be sent. */
export function generateProblem(request: GenerateRequest): string | null {
  const length = request.prompt.trim().length;
  if (length === 0) return 'Write a prompt.';
  if (request.prompt.length > GENERATE_LIMITS.prompt) {
    return `A prompt has at most ${GENERATE_LIMITS.prompt.toLocaleString('en')} characters (this has ${request.prompt.length.toLocaleString('en')}).`;
  }
  const { min, max } = GENERATE_LIMITS.images;
  if (!Number.isInteger(request.images) || request.images < min || request.images > max) {
    return `From ${min} to ${max} images.`;
  }
  if (
    request.seed !== undefined &&
    (!Number.isInteger(request.seed) || request.seed < 0 || request.seed > GENERATE_LIMITS.seed)
  ) {
    return `A seed is a whole number from 0 to ${GENERATE_LIMITS.seed.toLocaleString('en')}.`;
  }
  return null;
}

/** Ideogram's price for a request, as it quoted it (micros: millionths of a dollar). */
export interface PriceQuote {
  usdMicros: number;
  /** An estimate may cost up to this (null: not given, or exact). */
  upperBoundUsdMicros: number | null;
  qualifier: 'exact' | 'estimate';
  quantity: number;
}

const Micros = v.pipe(v.number(), v.integer(), v.minValue(0));

const QuoteSchema = v.pipe(
  v.object({
    object: v.literal('price_quote'),
    usd_micros: Micros,
    qualifier: v.picklist(['exact', 'estimate']),
    quantity: v.optional(v.pipe(v.number(), v.minValue(0)), 1),
    upper_bound_usd_micros: v.optional(v.nullable(Micros), null),
  }),
  v.transform((q): PriceQuote => ({
    usdMicros: q.usd_micros,
    upperBoundUsdMicros: q.qualifier === 'estimate' ? q.upper_bound_usd_micros : null,
    qualifier: q.qualifier,
    quantity: q.quantity,
  })),
);

const StartSchema = v.object({
  generation_id: v.pipe(v.string(), v.regex(/^[\w-]{1,200}$/)),
  seed: v.pipe(v.number(), v.integer()),
});

/** One image of a generation: no link when it failed Ideogram's safety check. */
export interface GeneratedImage {
  url: string | null;
  safe: boolean;
  prompt: string;
  resolution: string;
  seed: number;
}

export interface Generation {
  id: string;
  status: 'pending' | 'completed' | 'failed' | 'unknown';
  createdAt: number | null;
  images: GeneratedImage[];
  failureReason: string | null;
  /** What it cost, when Ideogram says (completed, priced by usage). */
  costUsdMicros: number | null;
}

/** Only an https link is kept: anything else is no image to fetch. */
const imageUrl = (url: unknown) =>
  typeof url === 'string' && /^https:\/\/[^\s]+$/.test(url) ? url : null;

const ImageSchema = v.pipe(
  v.object({
    url: v.optional(v.unknown()),
    is_image_safe: v.boolean(),
    prompt: v.optional(v.string(), ''),
    resolution: v.optional(v.string(), ''),
    seed: v.optional(v.pipe(v.number(), v.integer()), 0),
  }),
  v.transform((i): GeneratedImage => ({
    url: i.is_image_safe ? imageUrl(i.url) : null,
    safe: i.is_image_safe,
    prompt: i.prompt.slice(0, GENERATE_LIMITS.prompt),
    resolution: i.resolution.slice(0, 20),
    seed: i.seed,
  })),
);

const GenerationSchema = v.pipe(
  v.object({
    generation_id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    status: v.string(),
    created: v.optional(v.string()),
    data: v.optional(v.array(v.unknown()), []),
    failure_reason: v.optional(v.nullable(v.string()), null),
    usage_cost_usd_micros: v.optional(v.nullable(Micros), null),
  }),
  v.transform((g): Generation => ({
    id: g.generation_id,
    status: (['pending', 'completed', 'failed'] as const).find((s) => s === g.status) ?? 'unknown',
    createdAt: g.created === undefined ? null : parseApiTime(g.created),
    // Videos, layers and other kinds the endpoint may list are not images of a try.
    images: g.data.flatMap((item) => {
      const image = v.safeParse(ImageSchema, item);
      return image.success ? [image.output] : [];
    }),
    failureReason:
      g.failure_reason && /^[\w .-]{1,100}$/.test(g.failure_reason) ? g.failure_reason : null,
    costUsdMicros: g.usage_cost_usd_micros,
  })),
);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const parser =
  <T>(schema: v.GenericSchema<unknown, T>, problem: string) =>
  (body: unknown): Parsed<T> => {
    const result = v.safeParse(schema, body);
    return result.success ? { ok: true, value: result.output } : { ok: false, problem };
  };

/** `?dry_run=true` → a `PriceQuote`. */
export const parseQuote = parser(QuoteSchema, 'the price quote is incomplete or mistyped');
/** An asynchronous start → `{ generation_id, seed }`. */
export const parseStart = parser(
  v.pipe(
    StartSchema,
    v.transform((s) => ({ id: s.generation_id, seed: s.seed })),
  ),
  'the generation it started has no id',
);
/** `GET /v2/generations/{id}`. */
export const parseGeneration = parser(GenerationSchema, 'the generation is incomplete or mistyped');
