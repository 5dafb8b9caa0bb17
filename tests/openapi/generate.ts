import { readFileSync } from 'node:fs';

// Instances of the response schemas Ideogram publishes (its OpenAPI documents, excerpts kept in
// ./specs), built from the schemas themselves: their examples, the smallest and the fullest
// objects they allow, every nullable field null, every enum value, every date-time form, and
// unknown extra fields. The parsers must accept each one.

/** The published documents, by the date Ideogram published them (see ./specs/README.md). */
export const SPECS = {
  '2026-04-27': 'ideogram-openapi-2026-04-27-custom-models.json',
  '2026-10-07': 'ideogram-openapi-2026-10-07-custom-models.json',
} as const;
export type SpecDate = keyof typeof SPECS;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  default?: unknown;
};

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: { schemas: Record<string, Schema> };
}
type Response = { content?: { 'application/json'?: { schema: Schema } } };

/** One of the published documents, read from the repository (the older one by default). */
export function loadOpenApi(date: SpecDate = '2026-04-27'): OpenApi {
  const file = new URL(`./specs/${SPECS[date]}`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApi;
}

/** The date-time forms the API is seen (and allowed) to write, all meaning 2000-01-23 04:56:07 UTC. */
export const DATE_FORMS: [string, number][] = [
  ['2000-01-23T04:56:07+00:00', Date.UTC(2000, 0, 23, 4, 56, 7)],
  ['2000-01-23 04:56:07+00:00', Date.UTC(2000, 0, 23, 4, 56, 7)],
  ['2000-01-23T04:56:07Z', Date.UTC(2000, 0, 23, 4, 56, 7)],
  ['2000-01-23T04:56:07.5+00:00', Date.UTC(2000, 0, 23, 4, 56, 7, 500)],
  ['2000-01-23T04:56:07.123Z', Date.UTC(2000, 0, 23, 4, 56, 7, 123)],
  ['2000-01-23 04:56:07.123456+00:00', Date.UTC(2000, 0, 23, 4, 56, 7, 123)],
  ['2000-01-23T04:56:07.123456789Z', Date.UTC(2000, 0, 23, 4, 56, 7, 123)],
  ['2000-01-23T04:56:07.123456789012+00:00', Date.UTC(2000, 0, 23, 4, 56, 7, 123)],
  ['2000-01-23T10:26:07+05:30', Date.UTC(2000, 0, 23, 4, 56, 7)],
  ['2000-01-22T23:56:07-05:00', Date.UTC(2000, 0, 23, 4, 56, 7)],
];

export type Variant = 'minimal' | 'full' | 'nulls' | 'extra';

export function createGenerator(api: OpenApi) {
  const resolve = (schema: Schema): Schema =>
    schema.$ref ? resolve(api.components.schemas[schema.$ref.split('/').pop()!]!) : schema;

  /** One instance of `schema`, the way `variant` says; `date` is used for every date-time. */
  function instance(raw: Schema, variant: Variant, date: string, enumAt = 0): unknown {
    const schema = resolve(raw);
    if (variant === 'nulls' && (schema.nullable || raw.nullable)) return null;
    if (schema.enum) return schema.enum[enumAt % schema.enum.length];
    switch (schema.type) {
      case 'string':
        return schema.format === 'date-time' ? date : 'id_7uS_VESkRI6O3-sVgHQp';
      case 'integer':
        return 3;
      case 'number':
        return 0.25;
      case 'boolean':
        return true;
      case 'array':
        return [instance(schema.items!, variant, date, enumAt)];
      default: {
        const object: Record<string, unknown> = {};
        const required = new Set(schema.required ?? []);
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (variant === 'minimal' && !required.has(name)) continue;
          object[name] = instance(property, variant, date, enumAt);
        }
        if (variant === 'extra') object.added_by_a_later_api = { anything: [1, 'two', null] };
        return object;
      }
    }
  }

  /** The 200 answer's schema of an endpoint. */
  const responseOf = (route: string, method = 'get'): Schema =>
    api.paths[route]![method]!.responses['200']!.content!['application/json']!.schema;

  /** How many values the enums inside a schema have at most (to walk each one). */
  function widestEnum(raw: Schema, seen = new Set<Schema>()): number {
    const schema = resolve(raw);
    if (seen.has(schema)) return 1;
    seen.add(schema);
    if (schema.enum) return schema.enum.length;
    if (schema.items) return widestEnum(schema.items, seen);
    return Math.max(
      1,
      ...Object.values(schema.properties ?? {}).map((p) => widestEnum(p, new Set(seen))),
    );
  }

  /** Every case for an endpoint: [what it is, the body, the time its dates mean]. */
  function cases(route: string, method = 'get'): [string, unknown, number | null][] {
    const schema = responseOf(route, method);
    const out: [string, unknown, number | null][] = [];
    const example = resolve(schema).example;
    if (example !== undefined) out.push(['the published example', example, null]);
    for (const variant of ['minimal', 'full', 'nulls', 'extra'] as Variant[]) {
      for (const [date, ms] of DATE_FORMS) {
        out.push([`${variant}, dates as ${date}`, instance(schema, variant, date), ms]);
      }
    }
    const enums = widestEnum(schema);
    for (let i = 0; i < enums; i++) {
      out.push([
        `full, enum value #${i + 1}`,
        instance(schema, 'full', DATE_FORMS[0]![0], i),
        null,
      ]);
    }
    return out;
  }

  return { cases, instance, resolve, responseOf };
}

/**
 * What in `value` does not conform to `schema` (empty: it conforms): types, required fields,
 * enums, nullability and date-times, the way the published schema states them. Extra fields are
 * allowed, as in the schema.
 */
export function createValidator(api: OpenApi) {
  const { resolve } = createGenerator(api);
  const dateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  function problems(raw: Schema, value: unknown, at = '$'): string[] {
    const schema = resolve(raw);
    if (value === null) return schema.nullable || raw.nullable ? [] : [`${at} is null`];
    if (schema.enum)
      return schema.enum.includes(value as string) ? [] : [`${at} is not in the enum`];
    switch (schema.type) {
      case 'string':
        if (typeof value !== 'string') return [`${at} is not a string`];
        return schema.format === 'date-time' && !dateTime.test(value)
          ? [`${at} is not a date-time`]
          : [];
      case 'integer':
        return Number.isInteger(value) ? [] : [`${at} is not an integer`];
      case 'number':
        return typeof value === 'number' ? [] : [`${at} is not a number`];
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${at} is not a boolean`];
      case 'array':
        return Array.isArray(value)
          ? value.flatMap((item, i) => problems(schema.items!, item, `${at}[${i}]`))
          : [`${at} is not an array`];
      default: {
        if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
        const record = value as Record<string, unknown>;
        const missing = (schema.required ?? [])
          .filter((name) => !(name in record))
          .map((name) => `${at}.${name} is missing`);
        return [
          ...missing,
          ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
            name in record ? problems(property, record[name], `${at}.${name}`) : [],
          ),
        ];
      }
    }
  }
  return problems;
}
