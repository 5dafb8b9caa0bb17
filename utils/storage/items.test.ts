import { describe, expect, it } from 'vitest';
import { accountsItem, apiKeysItem, refreshStatesItem, schemaItem, snapshotsItem } from './items';
import { focusModelItem, pinsItem, popupPrefsItem, recentsItem, settingsItem } from './choices';
import { announcedItem, migrationErrorItem, noticesItem, storageReportItem } from './notices';
import { EMPTY_SNAPSHOT } from './snapshot';
import type { StoredItem } from './store';
import { testModel } from '../../tests/models';

// Stored data is input: every item is parsed when read. A malformed value is repaired or reset
// to the item's fallback, the problem is named (for the options page's report), and parsing
// never throws.

const ALL: StoredItem<unknown>[] = [
  schemaItem,
  accountsItem,
  apiKeysItem,
  snapshotsItem,
  settingsItem,
  refreshStatesItem,
  noticesItem,
  announcedItem,
  focusModelItem,
  popupPrefsItem,
  pinsItem,
  recentsItem,
  migrationErrorItem,
  storageReportItem,
] as StoredItem<unknown>[];

const JUNK: [string, unknown][] = [
  ['text', 'oops'],
  ['a number', 42],
  ['true', true],
  ['an empty record', {}],
  ['an empty list', []],
  ['a list of nulls', [null, null]],
  ['a list of numbers', [1, 2]],
  ['a record of nulls', { a: null }],
  ['half-written JSON', '{"acct-1": {"models": [{"id": "m'],
  ['a nested mess', { models: 'x', 0: [{}] }],
];

describe.each(ALL.map((item) => [item.key, item] as const))('the stored %s', (_, item) => {
  it.each(JUNK)('reads %s as something usable, without throwing', (_, raw) => {
    const parsed = item.parse(raw);
    expect(parsed.value).toBeDefined();
    // Whatever it became, it is a value of the item's own shape: reading it again is clean.
    expect(item.parse(item.encode(parsed.value)).problem).toBeNull();
  });

  it('reads nothing stored as its fallback, with no problem', () => {
    expect(item.parse(undefined)).toEqual({ value: item.fallback, problem: null });
  });

  it('reads its own fallback back unchanged', () => {
    expect(item.parse(item.encode(item.fallback))).toEqual({
      value: item.fallback,
      problem: null,
    });
  });
});

describe('accounts', () => {
  const good = { id: 'acct-1', label: 'Personal', since: 5 };

  it.each([
    ['text', 'acct-1', []],
    ['an empty record', {}, []],
    ['a list of nulls', [null], []],
    ['a list with a bad entry', [good, { id: 1 }], [good]],
    ['a record of accounts', { 0: good }, [good]],
    ['a duplicate', [good, good], [good]],
  ])('keeps what can be kept of %s, and says so', (_, raw, kept) => {
    const parsed = accountsItem.parse(raw);
    expect(parsed.value).toEqual(kept);
    expect(parsed.problem).not.toBeNull();
  });

  it('keeps an account whose label or time cannot be read (its key depends on it)', () => {
    const parsed = accountsItem.parse([{ id: 'acct-1', label: 7, since: 'yesterday' }]);
    expect(parsed.value).toEqual([{ id: 'acct-1', label: 'Account 1', since: 0 }]);
    expect(parsed.problem).toMatch(/unusable fields/);
  });

  it('reads a good list with no problem, keeping the sample flag', () => {
    const list = [good, { id: 'sample', label: 'Sample data', since: 1, sample: true }];
    expect(accountsItem.parse(list)).toEqual({ value: list, problem: null });
  });
});

describe('API keys', () => {
  it('keeps every key that is text, and leaves out the rest', () => {
    const parsed = apiKeysItem.parse({ a: 'key-a', b: 5, c: '', d: 'key-d' });
    expect(parsed.value).toEqual({ a: 'key-a', d: 'key-d' });
    expect(parsed.problem).toMatch(/2 of its 4 keys/);
  });
});

describe('snapshots', () => {
  const model = testModel({ id: 'm1', name: 'Brand v1' });

  it('keeps the readable models of an account and drops the rest', () => {
    const raw = JSON.stringify({
      a1: { ...EMPTY_SNAPSHOT, models: [model, { id: '' }, 'x'], listedAt: 5, checkedAt: 'x' },
    });
    const parsed = snapshotsItem.parse(raw);
    expect(parsed.value.a1!.models).toEqual([model]);
    expect(parsed.value.a1!.listedAt).toBe(5);
    expect(parsed.value.a1!.checkedAt).toBeNull();
    expect(parsed.problem).toMatch(/3 unreadable parts/);
  });

  it('resets half-written text, saying the lists will be fetched again', () => {
    const parsed = snapshotsItem.parse('{"a1": {"models": [');
    expect(parsed.value).toEqual({});
    expect(parsed.problem).toMatch(/half-written/);
  });

  it('drops one account’s unreadable snapshot and keeps the others', () => {
    const parsed = snapshotsItem.parse(JSON.stringify({ a1: 'x', a2: EMPTY_SNAPSHOT }));
    expect(Object.keys(parsed.value)).toEqual(['a2']);
  });

  it('reads a snapshot stored by an earlier build (no dataset error field) as clean', () => {
    const { datasetsError: _, ...older } = { ...EMPTY_SNAPSHOT, models: [model] };
    expect(snapshotsItem.parse(JSON.stringify({ a1: older })).problem).toBeNull();
  });
});

describe('settings and popup choices', () => {
  it('repairs each setting on its own', () => {
    const parsed = settingsItem.parse({ activeMinutes: 'abc', idleMinutes: 500, notify: true });
    expect(parsed.value).toEqual({
      activeMinutes: 1,
      idleMinutes: 120,
      notify: true,
      countCreating: false,
    });
    expect(parsed.problem).not.toBeNull();
  });

  it('reads settings an older version saved (fewer fields) as clean', () => {
    expect(settingsItem.parse({ activeMinutes: 2, idleMinutes: 30 }).problem).toBeNull();
  });

  it('repairs each popup choice on its own', () => {
    const parsed = popupPrefsItem.parse({ tab: 'datasets', sort: 'sideways', statuses: 'x' });
    expect(parsed.value).toEqual({
      tab: 'datasets',
      statuses: [],
      scope: 'all',
      sort: 'updated',
      account: 'all',
    });
    expect(parsed.problem).toMatch(/sort/);
  });

  it('reads pins stored as a record by their values', () => {
    expect(pinsItem.parse({ 0: 'm1', 1: 'm2' }).value).toEqual(['m1', 'm2']);
  });
});
