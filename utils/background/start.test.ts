import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  idOf,
  settle,
  startTestBackground,
  type TestBackground,
} from '../../tests/background-harness';
import { TEST_KEY } from '../../tests/fake-api';

const CANARY = 'CANARY-key-7f3a9c1e5b';

/** Everything in a storage area, as text, minus the one entry allowed to hold keys. */
async function areaText(env: TestBackground, area: 'local' | 'session' | 'sync') {
  const items = await env.storage(area);
  if (area === 'local') delete items.apiKeys;
  return JSON.stringify(items);
}

const keys = async (env: TestBackground) =>
  Object.values(((await env.storage()).apiKeys ?? {}) as Record<string, string>);

describe('saving a key', () => {
  it('checks it, stores it in local storage only, and says what the account holds', async () => {
    const env = await startTestBackground();
    env.fake.account.apiKey = CANARY;
    const result = await env.ask('saveKey', { key: `  ${CANARY}\n`, check: true });
    expect(result).toEqual({
      saved: true,
      check: { owned: 9, shared: 1, datasets: 2 },
      accountId: expect.stringMatching(/^acct-/),
    });

    expect(await keys(env)).toEqual([CANARY]);
    expect(await env.accounts()).toEqual([
      {
        id: expect.stringMatching(/^acct-/),
        label: 'Account 1',
        since: expect.any(Number),
        // The last four characters only, to tell keys apart; never the key.
        keyHint: CANARY.slice(-4),
      },
    ]);
    expect((await env.snapshot()).models).toHaveLength(10);
    for (const area of ['local', 'session', 'sync'] as const) {
      expect(await areaText(env, area)).not.toContain(CANARY);
    }
    // Saving reused the check's answers: no second round of list calls. Then, in the background,
    // each dataset's detail says how many images it holds, each model in training's detail its
    // phase, and the finished models' details how long their trainings took (once each).
    await settle();
    const datasets = env.fake.account.datasets.map((d) => `/datasets/${d.dataset_id}`);
    const models = ['Brand v2', 'Poster look', 'Fresh start']
      .concat(['Brand v1', 'Unregistered', '<img src=x onerror=alert(1)>'])
      .map((name) => `/models/${idOf(env, name)}`);
    expect(env.fake.paths().sort()).toEqual(
      ['/datasets', '/models', ...datasets, ...models].sort(),
    );
    expect((await env.snapshot()).datasets.map((d) => d.fileCount)).toEqual([24, 12]);
    expect((await env.badge()).text).toBe('2');
    expect((await env.badge()).title).not.toContain(CANARY);
  });

  it('strips a copied header name and quotes, and says so', async () => {
    const env = await startTestBackground();
    const result = await env.ask('saveKey', { key: `Api-Key: "${TEST_KEY}"`, check: true });
    expect(result).toMatchObject({ saved: true, note: expect.stringMatching(/Removed/) });
    expect(await keys(env)).toEqual([TEST_KEY]);
  });

  it.each([
    ['an empty key', '   ', /Paste your Ideogram API key/],
    ['a 10 KB paste', 'x'.repeat(10_240), /10,240 characters/],
    ['a key with a line break', 'abc\ndef', /spaces or line breaks/],
  ])('refuses %s without calling the API or storing anything', async (_, key, problem) => {
    const env = await startTestBackground();
    const result = await env.ask('saveKey', { key, check: true });
    expect(result).toEqual({ saved: false, problem: expect.stringMatching(problem) });
    expect(env.fetchSpy.calls).toBe(0);
    expect(await keys(env)).toEqual([]);
  });

  it('does not keep a key the API rejects, and explains', async () => {
    const env = await startTestBackground();
    const result = await env.ask('saveKey', { key: 'not-the-key', check: true });
    expect(result).toEqual({
      saved: false,
      error: expect.objectContaining({
        kind: 'unauthorized',
        message: expect.stringMatching(/rejected/),
      }),
    });
    expect(await keys(env)).toEqual([]);
    expect((await env.badge()).text).toBe('?');
  });

  it('says when the API cannot be reached, and keeps nothing', async () => {
    const env = await startTestBackground();
    await env.setOnline(false);
    const result = await env.ask('saveKey', { key: TEST_KEY, check: true });
    expect(result).toMatchObject({ saved: false, error: { kind: 'offline' } });
    expect(await keys(env)).toEqual([]);
  });

  it('keeps a key the user chooses to keep, and shows why it does not work', async () => {
    const env = await startTestBackground();
    const result = await env.ask('saveKey', { key: 'not-the-key', check: false });
    expect(result).toEqual({ saved: true, check: null, accountId: expect.any(String) });
    await settle();
    expect(await keys(env)).toEqual(['not-the-key']);
    const badge = await env.badge();
    expect(badge.text).toBe('KEY');
    expect(badge.title).toMatch(/rejected the API key/);
    // A rejected key stops periodic calls until it changes.
    expect(await env.alarm()).toBeUndefined();
  });
});

describe('several accounts', () => {
  it('adds a second key as its own account, with the label given or the next free one', async () => {
    const env = await startTestBackground();
    await env.ask('saveKey', { key: TEST_KEY, check: false, label: '  Personal ' });
    await env.ask('saveKey', { key: 'second-key-abc', check: false, label: '' });
    expect((await env.accounts()).map((a) => a.label)).toEqual(['Personal', 'Account 2']);
    expect(await keys(env)).toEqual([TEST_KEY, 'second-key-abc']);
  });

  it('refuses a key already saved, and says which account has it', async () => {
    const env = await startTestBackground();
    await env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Acme team' });
    env.fake.clearRequests();
    const result = await env.ask('saveKey', {
      key: ` "${TEST_KEY}" `,
      check: true,
      label: 'Again',
    });
    expect(result).toEqual({ saved: false, problem: 'This key is already saved, as “Acme team”.' });
    expect(env.fake.requests).toHaveLength(0);
    expect((await env.accounts()).map((a) => a.label)).toEqual(['Acme team']);
  });

  it('replaces one account’s key, keeping its label', async () => {
    const env = await startTestBackground();
    const first = await env.ask('saveKey', { key: 'old-key-123', check: false, label: 'Mine' });
    if (!first.saved) throw new Error('not saved');
    await env.ask('saveKey', { key: TEST_KEY, check: true, accountId: first.accountId });
    expect((await env.accounts()).map((a) => [a.id, a.label])).toEqual([[first.accountId, 'Mine']]);
    expect(await keys(env)).toEqual([TEST_KEY]);
    expect((await env.snapshot()).error).toBeNull();
  });

  it('renames, and removes one account without touching the other', async () => {
    const env = await startTestBackground();
    await env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Personal' });
    const second = await env.ask('saveKey', { key: 'team-key-xyz', check: false, label: 'Team' });
    if (!second.saved) throw new Error('not saved');
    await fakeBrowser.storage.local.set({
      popupPrefs: {
        tab: 'models',
        statuses: [],
        scope: 'all',
        sort: 'name',
        account: second.accountId,
      },
    });
    await env.ask('renameAccount', { id: second.accountId, label: '' });
    expect((await env.accounts()).map((a) => a.label)).toEqual(['Personal', 'Account 2']);

    await env.ask('removeAccount', { id: second.accountId });
    await settle();
    expect((await env.accounts()).map((a) => a.label)).toEqual(['Personal']);
    expect(await keys(env)).toEqual([TEST_KEY]);
    expect((await env.snapshot()).models).toHaveLength(10);
    expect(await env.alarm(second.accountId)).toBeUndefined();
    // The popup was showing the removed account: it goes back to all of them.
    expect((await env.storage()).popupPrefs).toMatchObject({ account: 'all' });
  });

  it('moves no alarm and fetches nothing when an account is only renamed', async () => {
    const env = await startTestBackground();
    await env.ask('saveKey', { key: TEST_KEY, check: true, label: 'Personal' });
    await settle();
    const due = (await env.alarm())!.scheduledTime;
    env.fake.clearRequests();
    env.advance(40_000);
    await env.ask('renameAccount', { id: await env.accountId(), label: 'Mine' });
    await settle();
    expect((await env.accounts()).map((a) => a.label)).toEqual(['Mine']);
    expect((await env.alarm())!.scheduledTime).toBe(due);
    expect(env.fake.requests).toHaveLength(0);
  });
});

describe('removing the last account', () => {
  it('forgets the key, the lists, the badge and the alarm', async () => {
    const env = await startTestBackground();
    env.fake.account.apiKey = CANARY;
    await env.ask('saveKey', { key: CANARY, check: true });
    await settle();
    expect(await env.alarm()).toBeDefined();
    const id = await env.accountId();

    await env.ask('removeAccount', { id });
    await settle();
    const local = await env.storage('local');
    expect(local.apiKeys).toEqual({});
    expect(local.accounts).toEqual([]);
    expect(JSON.parse(local.snapshots as string)).toEqual({});
    expect(JSON.stringify(local)).not.toContain(CANARY);
    expect(await env.alarm(id)).toBeUndefined();
    const badge = await env.badge();
    expect(badge.text).toBe('?');
    expect(badge.title).toMatch(/not set up/);
  });
});

describe('who the background answers', () => {
  it.each([
    ['a web page', { id: 'test-extension-id', url: 'https://evil.example/page' }],
    [
      'another extension',
      { id: 'other-extension', url: 'chrome-extension://other-extension/x.html' },
    ],
    ['a sender without a URL', { id: 'test-extension-id' }],
    ['an empty sender', {}],
  ])('gives %s no answer and makes no call', async (_, sender) => {
    const env = await startTestBackground();
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    env.fake.clearRequests();
    const calls = env.fetchSpy.calls;
    const accountId = await env.accountId();
    for (const [type, data] of [
      ['refresh', { force: true }],
      ['saveKey', { key: 'another-key-1', check: true }],
      ['removeAccount', { id: accountId }],
      ['getDataset', { accountId, id: env.fake.account.datasets[0]!.dataset_id }],
    ] as const) {
      expect(await env.send(type, data, sender)).toEqual({ answered: false });
    }
    await settle();
    expect(env.fetchSpy.calls).toBe(calls);
    expect(await keys(env)).toEqual([TEST_KEY]);
  });

  it('ignores messages that are not its protocol', async () => {
    const env = await startTestBackground();
    expect(await env.send('constructor', {})).toEqual({ answered: false });
    const results = await fakeBrowser.runtime.onMessage.trigger('hello', {}, () => {});
    expect(results).toEqual([false]);
  });
});

describe('first run', () => {
  it('opens the options page on install, and marks the badge as not set up', async () => {
    const env = await startTestBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(env.calls.openOptionsPage).toBe(1);
    expect(await env.badge()).toMatchObject({
      text: '?',
      title: expect.stringMatching(/not set up\. Click to add your Ideogram API key/),
    });
  });

  it('does not open the options page on update', async () => {
    const env = await startTestBackground();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    expect(env.calls.openOptionsPage).toBe(0);
  });

  it('limits storage access to the extension’s own pages where the browser allows', async () => {
    const env = await startTestBackground();
    expect(env.calls.accessLevel).toEqual(['TRUSTED_CONTEXTS']);
  });

  it('closes storage before it reads or writes anything, migrations and repairs included', async () => {
    const order: string[] = [];
    const local = fakeBrowser.storage.local;
    await startTestBackground({
      // Version 1's layout: the start migrates it, which reads and writes at once.
      stored: { apiKey: TEST_KEY, connection: { mode: 'key', since: 1 } },
      beforeStart() {
        const { get, set, setAccessLevel } = local as typeof local & {
          setAccessLevel: (o: { accessLevel: string }) => Promise<void>;
        };
        Object.assign(local, {
          get: (...args: Parameters<typeof get>) => (order.push('read'), get(...args)),
          set: (...args: Parameters<typeof set>) => (order.push('write'), set(...args)),
          setAccessLevel: async (o: { accessLevel: string }) => {
            // It answers later than a read would: nothing may go ahead meanwhile.
            await new Promise((resolve) => setTimeout(resolve, 20));
            order.push('closed');
            return setAccessLevel(o);
          },
        });
      },
    });
    expect(order[0]).toBe('closed');
    expect(order).toContain('write');
  });
});

describe('the sample workspace', () => {
  it('fills the lists from the built-in account without any network request', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const env = await startTestBackground();
    await env.ask('startSample');
    await settle();
    const snapshot = await env.snapshot();
    expect(await env.accounts()).toEqual([
      { id: 'sample', label: 'Sample data', since: expect.any(Number), sample: true },
    ]);
    expect(snapshot.models.length).toBeGreaterThanOrEqual(12);
    expect(snapshot.models.some((m) => !m.owned)).toBe(true);
    expect(snapshot.datasets.length).toBeGreaterThanOrEqual(3);
    expect(env.fetchSpy.calls).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
    const badge = await env.badge();
    expect(badge.text).toBe('S4');
    expect(badge.title).toMatch(/sample data/);
    expect(await env.alarm()).toBeDefined();
  });

  it('finishes training models on its clock, so the badge changes', async () => {
    const env = await startTestBackground();
    await env.ask('startSample');
    await settle();
    expect((await env.badge()).text).toBe('S4');
    env.advance(3 * 60_000);
    await env.fireAlarm();
    // Product shots v2 finished at +2 min; Storyboard frames started training at +1 min.
    expect((await env.badge()).text).toBe('S4');
    env.advance(8 * 60_000);
    await env.fireAlarm();
    // Logo mark finished at +6 min and Logo mark bold failed at +10 min.
    expect((await env.badge()).text).toBe('S2');
  });

  it('is refused while a real key is set, and ended by saving one', async () => {
    const env = await startTestBackground();
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await expect(env.ask('startSample')).rejects.toThrow(/Remove your API keys first/);
    await env.ask('removeAccount', { id: await env.accountId() });
    await env.ask('startSample');
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await settle();
    expect((await env.accounts()).map((a) => a.label)).toEqual(['Account 1']);
    expect((await env.badge()).text).toBe('2');
  });
});
