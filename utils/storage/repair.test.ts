import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settle, startTestBackground, startWithKey } from '../../tests/background-harness';
import { TEST_KEY } from '../../tests/fake-api';
import v1WithKey from '../../tests/fixtures/storage-v1-key.json';
import { LEGACY_KEYS } from './migrate';
import { SCHEMA_VERSION } from './items';

// What the background does with stored data it finds damaged, or of another version, when it
// starts: nothing the user saved is lost, above all the API keys.

const KEY = { 'acct-1': TEST_KEY };

describe('damaged accounts', () => {
  it.each([
    ['text', 'Personal'],
    ['an empty record', {}],
    ['a list of nulls', [null]],
    ['a number', 7],
  ])('with accounts stored as %s, the key gets its account back and works', async (_, accounts) => {
    const env = await startTestBackground({ stored: { schema: 2, accounts, apiKeys: KEY } });
    await settle();
    expect(await env.accounts()).toEqual([
      { id: 'acct-1', label: 'Recovered key 1', since: expect.any(Number), keyHint: 'cdef' },
    ]);
    const stored = await env.storage();
    expect(stored.apiKeys).toEqual(KEY);
    // It is used: the lists were fetched with it, and the badge counts.
    expect((await env.snapshot('acct-1')).models).toHaveLength(10);
    expect((await env.badge()).text).toBe('2');
    // Said once, in words, for the options page.
    expect(stored.storageReport).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          what: 'your API keys',
          problem: expect.stringMatching(/Recovered key/),
        }),
      ]),
    );
  });

  it('keeps a lone key stored where the record of keys belongs', async () => {
    const env = await startTestBackground({
      stored: { schema: 2, accounts: [], apiKeys: `  ${TEST_KEY}  ` },
    });
    await settle();
    const [account] = await env.accounts();
    expect(account?.label).toBe('Recovered key 1');
    expect((await env.storage()).apiKeys).toEqual({ [account!.id]: TEST_KEY });
  });

  const OTHER = 'second-key-9876543210';
  it.each([
    ['a list of keys', [TEST_KEY, `  ${OTHER} `], [TEST_KEY, OTHER]],
    ['a list holding a key inside an object', [{ key: TEST_KEY }], [TEST_KEY]],
    ['a record of lists', { a: [TEST_KEY] }, [TEST_KEY]],
    ['a record of objects', { a: { apiKey: TEST_KEY }, b: { value: OTHER } }, [TEST_KEY, OTHER]],
    ['keys mixed with junk', [null, 7, '', 'short', TEST_KEY, { x: [OTHER] }], [TEST_KEY, OTHER]],
  ])('keeps every key of API keys stored as %s', async (_, apiKeys, expected) => {
    const env = await startTestBackground({ stored: { schema: 2, accounts: [], apiKeys } });
    await settle();
    const accounts = await env.accounts();
    const stored = (await env.storage()).apiKeys as Record<string, string>;
    expect(Object.values(stored).sort()).toEqual([...expected].sort());
    expect(accounts.map((a) => a.label).sort()).toEqual(
      expected.map((_, i) => `Recovered key ${i + 1}`),
    );
    expect(Object.keys(stored).sort()).toEqual(accounts.map((a) => a.id).sort());
    // The key that answers is used at once: the lists came, the badge counts (with a mark when
    // the other key is one the fake API does not know).
    expect((await env.badge()).text).toMatch(/^2!?$/);
  });

  it('reads a damaged entry’s key back to its own account, keeping its name', async () => {
    const env = await startTestBackground({
      stored: {
        schema: 2,
        accounts: [{ id: 'acct-1', label: 'Personal', since: 1 }],
        apiKeys: { 'acct-1': { key: TEST_KEY } },
      },
    });
    await settle();
    expect(await env.accounts()).toEqual([
      { id: 'acct-1', label: 'Personal', since: 1, keyHint: TEST_KEY.slice(-4) },
    ]);
    const stored = await env.storage();
    expect(stored.apiKeys).toEqual({ 'acct-1': TEST_KEY });
    expect(stored.storageReport).toEqual([
      expect.objectContaining({
        what: 'your API keys',
        problem: 'a saved key was stored in a damaged form and was read back to its account',
      }),
    ]);
    expect((await env.badge()).text).toBe('2');
  });

  it('tells a repair once, however often the worker starts', async () => {
    const env = await startTestBackground({
      stored: { schema: 2, accounts: 'x', apiKeys: KEY, pins: { a: 1 } },
    });
    const first = (await env.storage()).storageReport as unknown[];
    expect(first.length).toBeGreaterThan(0);
    await env.restart();
    await env.restart();
    expect((await env.storage()).storageReport).toEqual(first);
    // Dismissed in the options page: gone, and it does not come back.
    await env.ask('dismissStorageReport');
    await env.restart();
    expect((await env.storage()).storageReport).toBeUndefined();
  });

  it('repairs every other damaged item on its own, keeping the good ones', async () => {
    const env = await startTestBackground({
      stored: {
        schema: 2,
        accounts: [{ id: 'acct-1', label: 'Personal', since: 1 }],
        apiKeys: KEY,
        pins: { 0: 'm1' },
        popupPrefs: { tab: 'datasets', sort: 42 },
        settings: 'fast',
        snapshots: '{"acct-1": {"models": [',
        refreshStates: [1, 2],
      },
    });
    await settle();
    const stored = await env.storage();
    expect(stored.pins).toEqual(['m1']);
    expect(stored.popupPrefs).toMatchObject({ tab: 'datasets', sort: 'updated' });
    expect(stored.settings).toMatchObject({ activeMinutes: 1, idleMinutes: 15 });
    expect(await env.accounts()).toEqual([
      { id: 'acct-1', label: 'Personal', since: 1, keyHint: 'cdef' },
    ]);
    // The lists are fetched again.
    expect((await env.snapshot('acct-1')).models).toHaveLength(10);
    const report = (stored.storageReport as { what: string }[]).map((r) => r.what);
    expect(report).toEqual(
      expect.arrayContaining([
        'your pins',
        'the popup’s filters',
        'your settings',
        'the saved model and dataset lists',
        'the refresh timing',
      ]),
    );
  });

  it('repairs on demand (a page that could not be shown), keeping keys, accounts and pins', async () => {
    const env = await startWithKey();
    const accountId = await env.accountId();
    await fakeBrowser.storage.local.set({ pins: ['m1'] });
    expect(await env.ask('repairStorage')).toEqual({ repaired: 1 });
    const stored = await env.storage();
    expect(stored.apiKeys).toEqual({ [accountId]: TEST_KEY });
    expect(stored.pins).toEqual(['m1']);
    expect(await env.accounts()).toHaveLength(1);
    expect(stored.snapshots).toBeUndefined();
  });
});

describe('the layout version', () => {
  const current = {
    accounts: [{ id: 'acct-1', label: 'Personal', since: 1 }],
    apiKeys: KEY,
  };

  it('reads current-shape data without a version as the current layout, keeping the keys', async () => {
    const env = await startTestBackground({ stored: current });
    await settle();
    const stored = await env.storage();
    expect(stored.schema).toBe(SCHEMA_VERSION);
    // Untouched but for the hint of its key, which accounts saved before hints existed get.
    expect(stored.accounts).toEqual([{ ...current.accounts[0], keyHint: 'cdef' }]);
    expect(stored.apiKeys).toEqual(KEY);
    expect((await env.badge()).text).toBe('2');
  });

  it('leaves a newer version’s layout untouched, reads it, and refuses to change keys', async () => {
    const newer = {
      schema: SCHEMA_VERSION + 1,
      // A newer version may have added fields, or reshaped what it stores.
      accounts: [{ id: 'acct-1', label: 'Personal', since: 1, color: 'teal' }, 'future-entry'],
      apiKeys: { ...KEY, 'acct-2': { rotated: true } },
    };
    const env = await startTestBackground({ stored: newer });
    await settle();
    // Read as far as it can be: the account with its key works.
    expect((await env.badge()).text).toBe('2');
    // Nothing of the layout was rewritten, at start or after.
    await env.restart();
    const stored = await env.storage();
    expect(stored.schema).toBe(newer.schema);
    expect(stored.accounts).toEqual(newer.accounts);
    expect(stored.apiKeys).toEqual(newer.apiKeys);
    await expect(env.ask('saveKey', { key: 'another-key-123', check: false })).rejects.toThrow(
      /newer version of Model Watch/,
    );
    await expect(env.ask('removeAccount', { id: 'acct-1' })).rejects.toThrow(/newer version/);
    expect((await env.storage()).apiKeys).toEqual(newer.apiKeys);
  });

  it('never rewrites a newer layout, even when it appears while the worker runs', async () => {
    const env = await startWithKey();
    await fakeBrowser.storage.local.set({
      schema: SCHEMA_VERSION + 1,
      accounts: 'from the future',
    });
    await env.ask('repairStorage');
    const stored = await env.storage();
    expect(stored.accounts).toBe('from the future');
    expect(Object.values(stored.apiKeys as object)).toEqual([TEST_KEY]);
  });

  it('leaves a newer layout written while the worker runs as it is, and refuses changes to it', async () => {
    const env = await startWithKey();
    const [id] = Object.keys((await env.storage()).apiKeys as object);
    // Accounts of a valid shape, without hints and with a field this version does not know: the
    // worker reacts to the change (it would fill in hints) but must not rewrite them.
    const accounts = [{ id, label: 'Personal', since: 1, color: 'teal' }];
    await fakeBrowser.storage.local.set({ schema: SCHEMA_VERSION + 1, accounts });
    await settle();
    expect((await env.storage()).accounts).toEqual(accounts);
    await expect(env.ask('saveKey', { key: 'another-key-123', check: false })).rejects.toThrow(
      /newer version of Model Watch/,
    );
    expect((await env.storage()).accounts).toEqual(accounts);
  });

  it('removes version 1’s key only after the new layout reads back with it', async () => {
    let get: { mockRestore(): void } | undefined;
    const env = await startTestBackground({
      stored: v1WithKey,
      beforeStart: () => {
        const real = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
        // The read-back finds no keys (a write that did not really land).
        get = vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
          const result = await real(keys as string[]);
          const asked = Array.isArray(keys) ? keys : [keys];
          if (asked.length === 2 && asked.includes('apiKeys')) delete result.apiKeys;
          return result;
        });
      },
    });
    get?.mockRestore();
    const stored = await env.storage();
    // The old key is still where version 1 kept it, and the user is told.
    expect(stored.apiKey).toBe(v1WithKey.apiKey);
    expect(LEGACY_KEYS.some((k) => k in stored)).toBe(true);
    expect(stored.migrationError).toBeDefined();
    // The next attempt completes.
    expect(await env.ask('retryMigration')).toEqual({ ok: true });
    const after = await env.storage();
    expect(Object.values(after.apiKeys as object)).toEqual([v1WithKey.apiKey]);
    expect(LEGACY_KEYS.some((k) => k in after)).toBe(false);
  });
});
