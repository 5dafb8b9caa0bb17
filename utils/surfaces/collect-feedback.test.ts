import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWithKey } from '../../tests/background-harness';

// Right-click "Add image to Ideogram dataset" never fails silently: a tray the browser will not
// keep (Firefox's private windows, "never remember history", a full disk) is told, in words that
// say what to do, and the click's work ends without an unhandled rejection (Vitest fails on one).

afterEach(() => vi.unstubAllGlobals());

describe('collecting an image when the browser refuses the tray', () => {
  it.each([
    [
      'IndexedDB throws on open',
      () => ({
        open: () => {
          throw new DOMException('no', 'InvalidStateError');
        },
      }),
    ],
    [
      'IndexedDB fails the open request',
      () => ({
        open: () => {
          const request: Record<string, unknown> = {};
          setTimeout(() => (request.onerror as () => void)());
          return request;
        },
      }),
    ],
  ])('%s: the person is told what happened and what to do', async (_, fakeIndexedDb) => {
    const env = await startWithKey();
    vi.stubGlobal('indexedDB', fakeIndexedDb());
    const accountId = await env.accountId();
    const [dataset] = env.fake.account.datasets;
    await env.clickMenu(`collect:${accountId}:${dataset!.dataset_id}`, 7, 0, {
      srcUrl: 'https://images.example.com/cat.png',
      pageUrl: 'https://example.com/',
    });
    await vi.waitFor(async () => expect((await env.badge()).text).toBe('✕'));
    expect((await env.badge()).title).toBe(
      'The image was not added\nThe browser refused to keep images for Model Watch: its storage may be full, or turned off (private windows, or history set never to be remembered). Free some disk space or use an ordinary window; or save the image and add the file in the studio.',
    );
  });
});
