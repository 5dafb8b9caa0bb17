import * as v from 'valibot';
import { isRecord } from './is-record';

// Building blocks for parsing stored items with valibot, the library that parses API responses:
// lists and records keep their good entries and drop the bad ones, and every repair is put in
// words for the options page's report. Nothing here needs the extension's APIs (./snapshot.ts,
// which Node-side code reads, uses it too).

/** What reading a stored value gave: the value to use, and what was wrong (null: nothing). */
export interface Parsed<T> {
  value: T;
  problem: string | null;
}

/** "text", "a number", "a list of 3 entries": what a raw value is, never what it says. */
export function describeRaw(raw: unknown): string {
  if (typeof raw === 'string') return 'text';
  if (Array.isArray(raw))
    return `a list of ${raw.length} ${raw.length === 1 ? 'entry' : 'entries'}`;
  if (raw === null) return 'nothing';
  if (typeof raw === 'object') return 'a record';
  return `a ${typeof raw}`;
}

/** The problems found, as one sentence for the report; null when there were none. */
export const joinProblems = (problems: readonly (string | null)[]): string | null =>
  problems.filter(Boolean).join('; ') || null;

/** The entries `schema` reads, in their order; the others are left out. */
export function goodEntries<T>(schema: v.GenericSchema<unknown, T>, entries: readonly unknown[]) {
  const kept: T[] = [];
  for (const item of entries) {
    const result = v.safeParse(schema, item);
    if (result.success) kept.push(result.output);
  }
  return kept;
}

/**
 * The value without its fields that hold undefined: a field left out when it was stored stays out
 * (valibot reads one given as undefined as present). Changes the value, which valibot just made.
 */
export function withoutUndefined<T extends object>(value: T): T {
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}

/** Entries of a list; a record of entries (`{0: …, 1: …}`) is read as its values. */
function entriesOf(raw: unknown): unknown[] | null {
  if (Array.isArray(raw)) return raw;
  if (isRecord(raw)) return Object.values(raw);
  return null;
}

const dropped = (bad: number, total: number, noun: string) =>
  bad === total
    ? `${total === 1 ? 'its only entry was' : `all its ${total} ${noun} were`} unreadable and left out`
    : `${bad} of its ${total} ${noun} ${bad === 1 ? 'was' : 'were'} unreadable and left out`;

/** A list whose entries are parsed one by one: bad entries are left out (and counted). */
export function listOf<T>(
  entry: v.GenericSchema<unknown, T>,
  noun = 'entries',
): (raw: unknown) => Parsed<T[]> | null {
  return (raw) => {
    const entries = entriesOf(raw);
    if (entries === null) return null;
    const kept = goodEntries(entry, entries);
    const bad = entries.length - kept.length;
    return {
      value: kept,
      problem: joinProblems([
        Array.isArray(raw) ? null : `it was ${describeRaw(raw)} instead of a list`,
        bad > 0 ? dropped(bad, entries.length, noun) : null,
      ]),
    };
  };
}

/** A record whose values are parsed one by one: bad entries are left out (and counted). */
export function recordOf<T>(
  entry: v.GenericSchema<unknown, T>,
  noun = 'entries',
): (raw: unknown) => Parsed<Record<string, T>> | null {
  return (raw) => {
    if (!isRecord(raw)) return null;
    const kept: Record<string, T> = {};
    const keys = Object.keys(raw);
    for (const key of keys) {
      const result = v.safeParse(entry, raw[key]);
      if (result.success) kept[key] = result.output;
    }
    const bad = keys.length - Object.keys(kept).length;
    return { value: kept, problem: bad > 0 ? dropped(bad, keys.length, noun) : null };
  };
}

/**
 * An object whose fields each fall back on their own: `strict` says whether the value was right
 * as stored, `lenient` (the same fields wrapped in `v.fallback`) gives the repaired value.
 */
export function objectOf<T>(
  strict: v.GenericSchema<unknown, T>,
  lenient: v.GenericSchema<unknown, T>,
): (raw: unknown) => Parsed<T> | null {
  return (raw) => {
    if (!isRecord(raw)) return null;
    const exact = v.safeParse(strict, raw);
    if (exact.success) return { value: exact.output, problem: null };
    const repaired = v.safeParse(lenient, raw);
    if (!repaired.success) return null;
    const fields = [...new Set(exact.issues.map((i) => v.getDotPath(i)).filter(Boolean))];
    return {
      value: repaired.output,
      problem: `${fields.length > 0 ? fields.join(', ') : 'some fields'} had unusable values and went back to their defaults`,
    };
  };
}

/** A value checked whole: right, or nothing of it can be used. */
export function exactly<T>(
  schema: v.GenericSchema<unknown, T>,
): (raw: unknown) => Parsed<T> | null {
  return (raw) => {
    const result = v.safeParse(schema, raw);
    return result.success ? { value: result.output, problem: null } : null;
  };
}
