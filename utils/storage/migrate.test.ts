import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startTestBackground } from '../../tests/background-harness';
import v1WithKey from '../../tests/fixtures/storage-v1-key.json';
import v1Sample from '../../tests/fixtures/storage-v1-sample.json';
import { LEGACY_KEYS, planMigration } from './migrate';
import { EMPTY_SNAPSHOT } from './items';

// The fixtures are storage.local as the single-key version (schema 1) really wrote it: dumped
// from that build with a key saved, a model pinned, a status filter on and a setting changed; and
// with sample data on.

const legacyKeysIn = (stored: Record<string, unknown>) =>
  LEGACY_KEYS.filter((key) => key in stored);

describe('moving the single-key layout to accounts', () => {
  it('makes the saved key the first account, keeping its lists, pins, filters and settings', async () => {
    const env = await startTestBackground({ stored: v1WithKey, alarms: ['refresh'] });
    const [account] = await env.accounts();
    expect(account).toEqual({
      id: expect.stringMatching(/^acct-/),
      label: 'Account 1',
      since: v1WithKey.connection.since,
      keyHint: v1WithKey.apiKey.slice(-4),
    });
    const stored = await env.storage();
    expect(stored.apiKeys).toEqual({ [account!.id]: v1WithKey.apiKey });
    // The lists as they were (their datasets' image counts then read in the background).
    const before = JSON.parse(v1WithKey.snapshot) as { datasets: object[]; listedAt: number };
    expect(await env.snapshot()).toEqual({
      ...before,
      datasets: before.datasets.map((d) => expect.objectContaining(d)),
      datasetsError: null,
      // Version 1 fetched its lists together: their one time stands for each.
      sharedAt: before.listedAt,
      datasetsAt: before.listedAt,
    });
    expect(stored.refreshStates).toEqual({ [account!.id]: v1WithKey.refreshState });
    expect(stored.pins).toEqual(v1WithKey.pins);
    expect(stored.popupPrefs).toEqual(v1WithKey.popupPrefs);
    expect(stored.settings).toEqual(v1WithKey.settings);
    expect(stored.schema).toBe(2);
    // The old entries are gone, and the key is only where keys live now.
    expect(legacyKeysIn(stored)).toEqual([]);
    expect(JSON.stringify({ ...stored, apiKeys: null })).not.toContain(v1WithKey.apiKey);
    // The badge counts as before (the setting counts models being created too).
    expect((await env.badge()).text).toBe('3');
    // The single alarm of version 1 became the account's own.
    expect(await fakeBrowser.alarms.get('refresh')).toBeUndefined();
    expect(await env.alarm(account!.id)).toBeDefined();
  });

  it('keeps sample mode on as the sample account', async () => {
    const env = await startTestBackground({ stored: v1Sample });
    expect(await env.accounts()).toEqual([
      { id: 'sample', label: 'Sample data', since: v1Sample.connection.since, sample: true },
    ]);
    expect((await env.snapshot()).models.length).toBe(JSON.parse(v1Sample.snapshot).models.length);
    expect((await env.badge()).text).toMatch(/^S/);
  });

  it('starts a fresh install on the current layout', async () => {
    const env = await startTestBackground();
    // Only the version is written: nothing else exists to move.
    expect(await env.storage()).toEqual({ schema: 2 });
    expect(await env.accounts()).toEqual([]);
  });

  it('leaves the current layout alone', async () => {
    const env = await startTestBackground({ stored: v1WithKey });
    const before = await env.storage();
    await env.restart();
    expect(await env.storage()).toEqual(before);
  });

  it('keeps the old data and the key when the move fails, says so, and tries again', async () => {
    let set: { mockRestore(): void } | undefined;
    const env = await startTestBackground({
      stored: v1WithKey,
      beforeStart: () => {
        set = vi
          .spyOn(fakeBrowser.storage.local, 'set')
          .mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
      },
    });
    set?.mockRestore();
    const stored = await env.storage();
    expect(stored.apiKey).toBe(v1WithKey.apiKey);
    expect(stored.snapshot).toBe(v1WithKey.snapshot);
    expect(stored.schema).toBeUndefined();
    expect(stored.migrationError).toEqual({
      message: expect.stringMatching(
        /could not move your saved key.*storage may be full.*still stored/,
      ),
      at: expect.any(Number),
    });
    expect((await env.badge()).title).toMatch(/could not move your saved key/);

    expect(await env.ask('retryMigration')).toEqual({ ok: true });
    const after = await env.storage();
    expect(Object.values(after.apiKeys as object)).toEqual([v1WithKey.apiKey]);
    expect(after.migrationError).toBeUndefined();
    expect(legacyKeysIn(after)).toEqual([]);
  });
});

describe('planMigration', () => {
  const id = () => 'acct-x';

  it('reads a snapshot stored as an object, by the earliest builds', () => {
    const snapshot = { ...EMPTY_SNAPSHOT, listedAt: 5 };
    const layout = planMigration(
      { apiKey: 'k', connection: { mode: 'key', since: 3 }, snapshot },
      9,
      id,
    );
    expect(layout.snapshots['acct-x']).toEqual(snapshot);
    expect(layout.accounts).toEqual([{ id: 'acct-x', label: 'Account 1', since: 3 }]);
  });

  it('keeps a key stored without a connection entry', () => {
    expect(planMigration({ apiKey: '  k  ' }, 9, id)).toMatchObject({
      accounts: [{ id: 'acct-x', since: 9 }],
      apiKeys: { 'acct-x': 'k' },
    });
  });

  it.each([
    ['a list', [' test-key-0123456789abcdef ']],
    ['an object', { key: 'test-key-0123456789abcdef' }],
  ])('keeps version 1’s key stored as %s', (_, apiKey) => {
    expect(planMigration({ apiKey }, 9, id)).toMatchObject({
      apiKeys: { 'acct-x': 'test-key-0123456789abcdef' },
    });
  });

  it.each([
    ['nothing', {}],
    ['an empty key', { apiKey: '', connection: { mode: 'key', since: 1 } }],
    ['a key that is not text', { apiKey: 42, connection: { mode: 'key', since: 1 } }],
  ])('gives no account for %s', (_, legacy) => {
    expect(planMigration(legacy, 9, id).accounts).toEqual([]);
  });

  it('survives a snapshot that is not JSON', () => {
    const layout = planMigration({ apiKey: 'k', snapshot: '{broken' }, 9, id);
    expect(layout.snapshots['acct-x']).toEqual(EMPTY_SNAPSHOT);
  });
});
