import * as v from 'valibot';
import { isRecord } from './is-record';
import { describeRaw, type Parsed } from './store';

// Building blocks for parsing stored items with valibot, the library that parses API responses:
// lists and records keep their good entries and drop the bad ones, and every repair is put in
// words for the options page's report.

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
    const kept: T[] = [];
    for (const item of entries) {
      const result = v.safeParse(entry, item);
      if (result.success) kept.push(result.output);
    }
    const bad = entries.length - kept.length;
    const problems: string[] = [];
    if (!Array.isArray(raw)) problems.push(`it was ${describeRaw(raw)} instead of a list`);
    if (bad > 0) problems.push(dropped(bad, entries.length, noun));
    return { value: kept, problem: problems.length > 0 ? problems.join('; ') : null };
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
