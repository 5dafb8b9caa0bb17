import * as v from 'valibot';
import { EMPTY_SNAPSHOT, parseSnapshot, type Snapshot } from './snapshot';

export type { Snapshot, SnapshotError } from './snapshot';
export { EMPTY_SNAPSHOT } from './snapshot';
import { exactly, joinProblems, listOf, recordOf, withoutUndefined } from './parse';
import { defineItem, defineJsonItem } from './store';

// The accounts and what was fetched for them, declared once, each item with how a stored value
// is parsed. (The user's choices are in ./choices.ts, what waits to be told in ./notices.ts.)
// All of it is in storage.local: it survives browser restarts (the badge needs it at start-up)
// and never syncs through the browser account. The layout has a version (`schema`);
// ./migrate.ts moves older layouts forward and leaves newer ones alone. Only the background
// writes, through ./writer.ts.

export const SCHEMA_VERSION = 2;
export const schemaItem = /* @__PURE__ */ defineItem<number | null>('schema', {
  fallback: null,
  parse: exactly(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/**
 * An account: one API key, with the label the user gave it. The sample workspace is an account
 * too (`sample: true`, no key), so every part of the extension treats both alike. Pages read this
 * list, never the keys.
 */
export interface Account {
  id: string;
  label: string;
  /** When the account (or its current key) was added; data fetched before belongs to no one. */
  since: number;
  sample?: true;
  /** The last four characters of its key, to tell keys apart (stored when the key is saved). */
  keyHint?: string;
}

const KeyHint = v.pipe(v.string(), v.regex(/^[\x21-\x7e]{1,4}$/));

const AccountEntry = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    // A label or time that cannot be read is not a reason to lose the account (and its key).
    label: v.fallback(v.pipe(v.string(), v.maxLength(200)), ''),
    since: v.fallback(v.pipe(v.number(), v.finite()), 0),
    sample: v.fallback(v.optional(v.boolean()), undefined),
    keyHint: v.fallback(v.optional(KeyHint), undefined),
  }),
  // Only the sample account says `sample`; fields left out stay out.
  v.transform(({ sample, ...account }): Account =>
    withoutUndefined(sample ? { ...account, sample } : account),
  ),
);
const StrictAccount = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  since: v.pipe(v.number(), v.finite()),
  sample: v.optional(v.literal(true)),
  keyHint: v.optional(KeyHint),
});

/** What an account shows of its key: its last four characters, never more. */
export const keyHintOf = (key: string): string => key.slice(-4);

export const accountsItem = /* @__PURE__ */ defineItem<Account[]>('accounts', {
  fallback: [],
  parse(raw) {
    const listed = listOf(AccountEntry, 'accounts')(raw);
    if (!listed) return null;
    const seen = new Set<string>();
    const problems = [listed.problem];
    const accounts: Account[] = [];
    let n = 0;
    for (const account of listed.value) {
      if (seen.has(account.id)) {
        problems.push('an account was listed twice');
        continue;
      }
      seen.add(account.id);
      n += 1;
      accounts.push(account.label.trim() === '' ? { ...account, label: `Account ${n}` } : account);
    }
    // Nothing left out: a field may still have been repaired on the way in.
    const strict = Array.isArray(raw) && raw.every((a) => v.is(StrictAccount, a));
    return {
      value: accounts,
      problem: joinProblems(problems) ?? (strict ? null : 'some accounts had unusable fields'),
    };
  },
});

/** The API keys, by account id. Read by the background only; pages never need them. */
export const apiKeysItem = /* @__PURE__ */ defineItem<Record<string, string>>('apiKeys', {
  fallback: {},
  parse: recordOf(v.pipe(v.string(), v.minLength(1)), 'keys'),
});

/** Every account's snapshot, by account id, in one item: a page reads them all in one call. */
export const snapshotsItem = /* @__PURE__ */ defineJsonItem<Record<string, Snapshot>>('snapshots', {
  fallback: {},
  parse(raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const snapshots: Record<string, Snapshot> = {};
    let repaired = 0;
    for (const [id, value] of Object.entries(raw)) {
      const parsed = parseSnapshot(value);
      if (!parsed) {
        repaired += 1;
        continue;
      }
      snapshots[id] = parsed.value;
      repaired += parsed.repaired;
    }
    return {
      value: snapshots,
      problem:
        repaired > 0
          ? `${repaired} unreadable ${repaired === 1 ? 'part was' : 'parts were'} left out; the lists will be fetched again`
          : null,
    };
  },
});

/** One account's snapshot, complete even if stored by an older version. */
export function snapshotOf(snapshots: Record<string, Snapshot>, accountId: string): Snapshot {
  const stored = snapshots[accountId];
  return stored ? { ...EMPTY_SNAPSHOT, ...stored } : EMPTY_SNAPSHOT;
}

/** How refreshing an account has been going: consecutive failures, and a server-set wait. */
export interface RefreshState {
  failures: number;
  /** Until then the API asked not to be called (Retry-After); null when it did not. */
  retryAt: number | null;
}

export const FRESH_STATE: RefreshState = { failures: 0, retryAt: null };

/** Each account's refresh state, by account id. */
export const refreshStatesItem = /* @__PURE__ */ defineItem<Record<string, RefreshState>>(
  'refreshStates',
  {
    fallback: {},
    parse: recordOf(
      v.object({
        failures: v.pipe(v.number(), v.integer(), v.minValue(0)),
        retryAt: v.nullable(v.pipe(v.number(), v.finite())),
      }),
      'refresh states',
    ),
  },
);
