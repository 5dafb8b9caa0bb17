import { errorForStatus } from '../api/errors';
import {
  generateProblem,
  type GenerateRequest,
  type Generation,
  type PriceQuote,
  type RenderingSpeed,
} from '../api/generation';
import type { TrainingBase } from '../api/types';
import { randomId } from './timeline';

// Trying a model in sample mode: quotes, asynchronous generations and their polling, simulated
// in memory on the sample clock. Nothing is sent and nothing is billed; the images have no link
// (the page draws sample images itself).

/** Simulated prices per image, in micros (Ideogram quotes the real ones). */
const PRICE: Record<RenderingSpeed, number> = { turbo: 30_000, default: 60_000, quality: 90_000 };
/** How long a simulated generation stays pending. */
export const SAMPLE_GENERATION_MS = 15_000;

export function createSampleGenerations(now: () => number) {
  const started = new Map<
    string,
    { at: number; base: TrainingBase; request: GenerateRequest; seed: number }
  >();
  const priced = (request: GenerateRequest) => PRICE[request.speed ?? 'default'] * request.images;
  const checked = (request: GenerateRequest, subject: string) => {
    const problem = generateProblem(request);
    if (problem) throw errorForStatus(400, subject, undefined, { detail: problem }, 'write');
  };
  return {
    async quote(_base: TrainingBase, request: GenerateRequest): Promise<PriceQuote> {
      checked(request, 'the price quote');
      return {
        usdMicros: priced(request),
        upperBoundUsdMicros: null,
        qualifier: 'exact',
        quantity: request.images,
      };
    },
    async generate(base: TrainingBase, request: GenerateRequest) {
      checked(request, 'the generation');
      const id = randomId();
      const seed = request.seed ?? Math.floor(Math.random() * 2_147_483_647);
      started.set(id, { at: now(), base, request, seed });
      return { id, seed };
    },
    async generation(id: string): Promise<Generation> {
      const found = started.get(id);
      if (!found) throw errorForStatus(404, 'the generation');
      const done = now() - found.at >= SAMPLE_GENERATION_MS;
      return {
        id,
        status: done ? 'completed' : 'pending',
        createdAt: found.at,
        images: done
          ? Array.from({ length: found.request.images }, (_, i) => ({
              url: null,
              safe: true,
              prompt: found.request.prompt,
              resolution: found.request.resolution ?? '1024x1024',
              seed: found.seed + i,
            }))
          : [],
        failureReason: null,
        costUsdMicros: done ? priced(found.request) : null,
      };
    },
  };
}
