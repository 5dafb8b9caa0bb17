import fc from 'fast-check';
import { parseApiTime } from '../../utils/api/time';

// Generators of what the API might send, from well-formed to hostile, and an independent oracle
// of which model items are valid. Shared by the parser and refresh fuzz tests.

/** Runs per property: 1,000 by default; CI may lower it (never below 200) with FUZZ_RUNS. */
export const FUZZ_RUNS = Math.max(200, Number(process.env.FUZZ_RUNS) || 1000);

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '${constructor.constructor("alert(1)")()}',
  '__proto__',
  'constructor',
  '\u202Egnp.exe',
  '\u0000\u0001\u0002',
  '%s%s%s',
  '&amp; & &&',
  '👩‍👩‍👧‍👦'.repeat(50),
  'a'.repeat(20_000),
];

const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
);

const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  text,
);

const time = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 19).replace('T', ' ') + '+00:00'),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2200-01-01') })
      .map((d) => d.toISOString()),
  },
  { weight: 1, arbitrary: fc.constantFrom('yesterday', '2000-02-30 00:00:00Z', '', '2000-01-23') },
  { weight: 1, arbitrary: junk },
);

const status = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('CREATING', 'DRAFT', 'TRAINING', 'COMPLETED', 'ERRORED', 'ARCHIVED'),
  },
  { weight: 1, arbitrary: fc.constantFrom('QUEUED', 'training', 'PAUSED', '') },
  { weight: 1, arbitrary: junk },
);

const id = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/) },
  { weight: 1, arbitrary: fc.constantFrom('', 'dup-id', 'x'.repeat(400)) },
  { weight: 1, arbitrary: junk },
);

const bool = fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk });
const nullableText = fc.oneof(fc.constant(null), text, junk);

/** One item of a `models` list: mostly well-formed, with fields missing, extra or mistyped. */
export const modelItem = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        model_id: id,
        name: text,
        status,
        creation_time: time,
        last_update_time: fc.oneof(fc.constant(null), time),
        is_available_for_generation: bool,
        is_owned: bool,
        custom_model_uri: nullableText,
        dataset_id: fc.oneof(fc.constant(null), id),
        training_runs: fc.array(junk, { maxLength: 2 }),
      },
      {
        // Most items have every documented field; some lack one or more.
        requiredKeys: [
          'model_id',
          'name',
          'status',
          'creation_time',
          'is_available_for_generation',
          'is_owned',
        ],
      },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { model_id: id, name: text, status, creation_time: time, is_owned: bool, extra: junk },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);

/** A body of `GET /models`, as text: the documented shape, other JSON, or not JSON at all. */
export const modelsBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(modelItem, { maxLength: 25 }).map((models) => JSON.stringify({ models })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(modelItem, { maxLength: 5 })
      .map((models) => JSON.stringify({ models, next: 'x', total: models.length })),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<!DOCTYPE html><html><body>502</body></html>',
      '{"models": [',
      '',
      'null',
      '{"models": {}}',
    ),
  },
);

const isText = (value: unknown, max: number, allowEmpty = false): value is string =>
  typeof value === 'string' && (allowEmpty || value.length > 0) && value.length <= max;
const isTime = (value: unknown) => typeof value === 'string' && parseApiTime(value) !== null;

/**
 * The oracle: is this item a valid model by the documented fields? Written independently of the
 * schema under test (only timestamps reuse the parser, which has its own table of cases).
 */
export function isValidModel(item: unknown): item is Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const m = item as Record<string, unknown>;
  const optional = (value: unknown, check: (v: unknown) => boolean) =>
    value === undefined || value === null || check(value);
  return (
    isText(m.model_id, 300) &&
    typeof m.name === 'string' &&
    // The published examples show a null status: kept, as an unknown one.
    (m.status === null || isText(m.status, 64)) &&
    isTime(m.creation_time) &&
    optional(m.last_update_time, isTime) &&
    typeof m.is_available_for_generation === 'boolean' &&
    typeof m.is_owned === 'boolean' &&
    optional(m.custom_model_uri, (v) => isText(v, 1000, true)) &&
    optional(m.dataset_id, (v) => isText(v, 300))
  );
}

/** The valid items of a list, each id once (the first wins), as the extension should keep them. */
export function expectedModels(items: unknown[]) {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (!isValidModel(item) || seen.has(item.model_id as string)) return false;
    seen.add(item.model_id as string);
    return true;
  }) as Record<string, unknown>[];
}
