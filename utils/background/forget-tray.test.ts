import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settle, startTestBackground } from '../../tests/background-harness';
import { fakeImageBytes, standardAccount, TEST_KEY } from '../../tests/fake-api';
import { trayItem } from '../../tests/tray-items';
import { collectImage } from '../studio/collect';
import { putInTray, removeFromTray, wholeTray } from '../studio/tray';

// Removing an account forgets everything of it, the images waiting in its trays included (their
// bytes, captions and where they came from); what an older version left behind goes at start.

const SECOND_KEY = 'second-account-key-QRSTUV5555';

afterEach(async () => {
  vi.unstubAllGlobals();
  await removeFromTray((await wholeTray()).map((item) => item.id));
});

describe('the tray of a removed account', () => {
  it('is deleted with the account; the other account’s stays', async () => {
    const env = await startTestBackground({ otherAccounts: [standardAccount(SECOND_KEY)] });
    await env.ask('saveKey', { key: TEST_KEY, check: true });
    await env.ask('saveKey', { key: SECOND_KEY, check: true });
    await settle();
    const [first, second] = await env.accounts();
    await putInTray([
      trayItem('kept.png', { id: 'kept', accountId: first!.id }),
      trayItem('gone.png', { id: 'gone', accountId: second!.id, caption: 'private words' }),
      trayItem('waiting.png', { id: 'waiting', accountId: second!.id, blob: null }),
    ]);
    await env.ask('removeAccount', { id: second!.id });
    await settle();
    await vi.waitFor(async () =>
      expect((await wholeTray()).map((item) => item.id)).toEqual(['kept']),
    );
  });

  it('left behind by an older version is swept when the extension is updated or the browser starts', async () => {
    await putInTray([trayItem('orphan.png', { id: 'orphan', accountId: 'acct-long-gone' })]);
    await startTestBackground();
    await settle();
    // A wake of the worker (an alarm, a message) does not scan the tray.
    expect((await wholeTray()).map((item) => item.id)).toEqual(['orphan']);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await vi.waitFor(async () => expect(await wholeTray()).toEqual([]));
    await putInTray([trayItem('orphan.png', { id: 'orphan-2', accountId: 'acct-long-gone' })]);
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await wholeTray()).toEqual([]));
  });
});

describe('what a collected image keeps of where it came from', () => {
  it('its site once fetched, never the image’s or the page’s address', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response(fakeImageBytes('png'), { headers: { 'content-type': 'image/png' } }),
    );
    const collected = await collectImage(
      {
        src: 'https://cdn.example.com/users/jane/private/cat.png?token=abc',
        accountId: 'acct-1',
        datasetId: 'ds-1',
        access: true,
      },
      1,
    );
    expect(collected.ok).toBe(true);
    const [item] = await wholeTray();
    expect(item?.source).toEqual({ url: 'https://cdn.example.com/' });
    expect(item?.name).toBe('cat.png');
  });
});
