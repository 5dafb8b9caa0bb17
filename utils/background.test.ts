import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settle, startTestBackground } from '../tests/background-harness';
import { TEST_KEY } from '../tests/fake-api';

const CANARY = 'CANARY-key-7f3a9c1e5b';

/** Everything in a storage area, as text, minus the one entry allowed to hold the key. */
async function areaText(
  env: Awaited<ReturnType<typeof startTestBackground>>,
  area: 'local' | 'session' | 'sync',
) {
  const items = await env.storage(area);
  if (area === 'local') delete items.apiKey;
  return JSON.stringify(items);
}

describe('saving a key', () => {
  it('checks it, stores it in local storage only, and says what the account holds', async () => {
    const env = await startTestBackground({ account: undefined });
    env.fake.account.apiKey = CANARY;
    const result = await env.ask('saveKey', { key: `  ${CANARY}\n`, check: true });
    expect(result).toEqual({ saved: true, check: { owned: 9, shared: 1, datasets: 2 } });

    const local = await env.storage('local');
    expect(local.apiKey).toBe(CANARY);
    expect(local.connection).toMatchObject({ mode: 'key' });
    expect((await env.snapshot()).models).toHaveLength(10);
    for (const area of ['local', 'session', 'sync'] as const) {
      expect(await areaText(env, area)).not.toContain(CANARY);
    }
    // Saving reused the check's answers: no second round of calls.
    expect(env.fake.paths().sort()).toEqual(['/datasets', '/models']);
    expect((await env.badge()).text).toBe('2');
    expect((await env.badge()).title).not.toContain(CANARY);
  });

  it('strips a copied header name and quotes, and says so', async () => {
    const env = await startTestBackground();
    const result = await env.ask('saveKey', { key: `Api-Key: "${TEST_KEY}"`, check: true });
    expect(result).toMatchObject({ saved: true, note: expect.stringMatching(/Removed/) });
    expect((await env.storage()).apiKey).toBe(TEST_KEY);
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
    expect((await env.storage()).apiKey).toBeUndefined();
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
    expect((await env.storage()).apiKey).toBeUndefined();
    expect((await env.badge()).text).toBe('?');
  });

  it('says when the API cannot be reached, and keeps nothing', async () => {
    const env = await startTestBackground();
    await env.setOnline(false);
    const result = await env.ask('saveKey', { key: TEST_KEY, check: true });
    expect(result).toMatchObject({ saved: false, error: { kind: 'offline' } });
    expect((await env.storage()).apiKey).toBeUndefined();
  });

  it('keeps a key the user chooses to keep, and shows why it does not work', async () => {
    const env = await startTestBackground();
    const result = await env.ask('saveKey', { key: 'not-the-key', check: false });
    expect(result).toEqual({ saved: true, check: null });
    await settle();
    expect((await env.storage()).apiKey).toBe('not-the-key');
    const badge = await env.badge();
    expect(badge.text).toBe('KEY');
    expect(badge.title).toMatch(/rejected the API key/);
    // A rejected key stops periodic calls until it changes.
    expect(await env.alarm()).toBeUndefined();
  });
});

describe('removing the key', () => {
  it('forgets the key, the lists, the badge and the alarm', async () => {
    const env = await startTestBackground();
    env.fake.account.apiKey = CANARY;
    await env.ask('saveKey', { key: CANARY, check: true });
    expect(await env.alarm()).toBeDefined();

    await env.ask('removeKey');
    await settle();
    const local = await env.storage('local');
    expect(local.apiKey).toBeUndefined();
    expect(local.connection).toEqual({ mode: 'none' });
    expect(await env.snapshot()).toMatchObject({ models: [], datasets: [], checkedAt: null });
    expect(JSON.stringify(local)).not.toContain(CANARY);
    expect(await env.alarm()).toBeUndefined();
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
    env.fake.clearRequests();
    const calls = env.fetchSpy.calls;
    for (const [type, data] of [
      ['refresh', { force: true }],
      ['saveKey', { key: TEST_KEY, check: true }],
      ['removeKey', undefined],
      ['getDataset', { id: env.fake.account.datasets[0]!.dataset_id }],
    ] as const) {
      expect(await env.send(type, data, sender)).toEqual({ answered: false });
    }
    await settle();
    expect(env.fetchSpy.calls).toBe(calls);
    expect((await env.storage()).apiKey).toBe(TEST_KEY);
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
});

describe('the sample workspace', () => {
  it('fills the lists from the built-in account without any network request', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const env = await startTestBackground();
    await env.ask('startSample');
    await settle();
    const local = await env.storage();
    const snapshot = await env.snapshot();
    expect(local.connection).toMatchObject({ mode: 'sample' });
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
    await expect(env.ask('startSample')).rejects.toThrow(/Remove your API key first/);
    await env.ask('removeKey');
    await env.ask('startSample');
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    expect((await env.storage()).connection).toMatchObject({ mode: 'key' });
    expect((await env.badge()).text).toBe('2');
  });
});
