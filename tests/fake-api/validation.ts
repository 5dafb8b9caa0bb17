import { MODEL_NAME, validSetting } from '../../utils/api/limits';
import type { FakeTrainingSettings } from './model';
import { type FakeReply, type FakeRequest, requestHeader } from './request';

// How the fake API checks what a request sent, as Ideogram's server does: JSON bodies, required
// fields, the training settings' documented limits (utils/api/limits.ts), in 400s and 422s.

export const json = (status: number, body: unknown): FakeReply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const validationError = (field: string, message: string) =>
  json(422, { detail: [{ loc: ['query', field], msg: message, type: 'enum' }] });

/** Thrown by a check deep in a write to answer with `reply` at once. */
export class Refusal extends Error {
  readonly reply: FakeReply;
  constructor(reply: FakeReply) {
    super(String(reply.body));
    this.reply = reply;
  }
}

/**
 * A 400 as this fake words it: `{ detail: "<field>: <why>" }`. Ideogram documents its 400s
 * without a body, so this is the fake's own shape; `field` is the request's field at fault.
 */
export const badRequest = (field: string, why: string) =>
  new Refusal(json(400, { detail: `${field}: ${why}` }));

/** The JSON object a write sent. Refused unless it is one, sent as JSON. */
export function jsonBody(request: FakeRequest): Record<string, unknown> {
  const type = requestHeader(request, 'content-type') ?? '';
  // A client that forgets the header sends text/plain, which the real server does not read.
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw badRequest('body', 'must be JSON (Content-Type: application/json)');
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(request.body ?? new Uint8Array()));
  } catch {
    throw badRequest('body', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('body', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw badRequest(field, 'is required');
  if (typeof value !== 'string') throw badRequest(field, 'must be a string');
  return value;
}

/** 5 to 30 characters: letters, digits, spaces and hyphens (ASCII: the docs say alphanumeric). */
export function modelNameOf(body: Record<string, unknown>): string {
  const name = requiredString(body, 'model_name');
  if (
    name.length < MODEL_NAME.min ||
    name.length > MODEL_NAME.max ||
    !MODEL_NAME.allowed.test(name)
  ) {
    throw badRequest(
      'model_name',
      `must be ${MODEL_NAME.min} to ${MODEL_NAME.max} characters: letters, digits, spaces and hyphens`,
    );
  }
  return name;
}

/** A setting of the advanced endpoint: absent or null is its default; anything else is checked. */
function optionalNumber(
  body: Record<string, unknown>,
  field: keyof FakeTrainingSettings | 'batch_size',
  valid: (value: number) => boolean,
  why: string,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    throw badRequest(field, why);
  }
  return value;
}

/**
 * The settings an advanced endpoint was given, each checked as its schema says; Ideogram 4.0's
 * also takes a batch size (and `base_variant`, `wandb_project`, strings it keeps to itself).
 */
export function settingsOf(
  body: Record<string, unknown>,
  base: 'v3' | 'v4' = 'v3',
): Partial<FakeTrainingSettings> & { batch_size?: number } {
  if (base === 'v4') {
    for (const field of ['base_variant', 'wandb_project']) {
      if (body[field] !== undefined && typeof body[field] !== 'string') {
        throw badRequest(field, 'must be a string');
      }
    }
  }
  const given = {
    batch_size:
      base === 'v4'
        ? optionalNumber(body, 'batch_size', validSetting.batchSize, 'must be 1, 2, 4, 8, 16 or 32')
        : undefined,
    training_steps: optionalNumber(
      body,
      'training_steps',
      validSetting.trainingSteps,
      'must be between 100 and 10000, a multiple of 100',
    ),
    lora_rank: optionalNumber(body, 'lora_rank', validSetting.loraRank, 'must be 64 or 128'),
    ema: optionalNumber(body, 'ema', validSetting.ema, 'must be between 0 and 1'),
    learning_rate: optionalNumber(
      body,
      'learning_rate',
      validSetting.learningRate,
      'must be greater than 0',
    ),
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}
