import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createIdeogramApi } from '../utils/api/client';
import { startBackground } from '../utils/background';
import type { Protocol } from '../utils/protocol';
import type { FakeAccount } from '../utils/fake-ideogram/server';
import { createFakeApi } from './fake-api';
import { resetBrowser } from './fake-browser';

export const OWN_PAGE = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/options.html',
};

export type Reply = { answered: false } | { answered: true; reply: unknown };

/**
 * The real background, started on WXT's fake browser with the fake API behind its client. The
 * fake's clock and the background's move together (`advance`).
 */
export async function startTestBackground(options: { account?: FakeAccount } = {}) {
  const browserState = resetBrowser();
  const fake = createFakeApi(options.account);
  let online = true;
  let offset = 0;
  const now = () => Date.now() + offset;
  const fetchSpy = { calls: 0 };
  const { ready } = startBackground({
    makeApi: (apiKey) =>
      createIdeogramApi({
        apiKey,
        fetch: (input, init) => {
          fetchSpy.calls += 1;
          return fake.fetch(input, init);
        },
        isOnline: () => online,
        timeoutMs: 100,
      }),
    now,
    isOnline: () => online,
  });
  await ready;

  /** Sends a protocol message as `sender` would, and says whether (and what) it answered. */
  async function send(type: string, data: unknown, sender: object = OWN_PAGE): Promise<Reply> {
    let respond!: (value: unknown) => void;
    const response = new Promise((resolve) => (respond = resolve));
    const results = await fakeBrowser.runtime.onMessage.trigger(
      { tag: 'model-watch', type, data },
      sender,
      respond,
    );
    if (!(results as unknown[]).includes(true)) return { answered: false };
    return { answered: true, reply: await response };
  }

  /** Sends a message from the options page and returns the handler's value (throws on failure). */
  async function ask<K extends keyof Protocol>(
    type: K,
    data?: Parameters<Protocol[K]>[0],
  ): Promise<Awaited<ReturnType<Protocol[K]>>> {
    const result = await send(type, data);
    if (!result.answered) throw new Error(`${type} got no answer`);
    const reply = result.reply as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value as Awaited<ReturnType<Protocol[K]>>;
  }

  return {
    fake,
    ...browserState,
    fetchSpy,
    send,
    ask,
    now,
    setOnline(value: boolean) {
      online = value;
    },
    advance(ms: number) {
      offset += ms;
      fake.advance(ms);
    },
    async storage(area: 'local' | 'session' | 'sync' = 'local') {
      return fakeBrowser.storage[area].get(null) as Promise<Record<string, unknown>>;
    },
    async badge() {
      return {
        text: await fakeBrowser.action.getBadgeText({}),
        title: await fakeBrowser.action.getTitle({}),
      };
    },
    async alarm() {
      return fakeBrowser.alarms.get('refresh');
    },
    /** Fires the refresh alarm as the browser would, and waits for its work to finish. */
    async fireAlarm() {
      await fakeBrowser.alarms.onAlarm.trigger({
        name: 'refresh',
        scheduledTime: now(),
        persistAcrossSessions: true,
      });
      await settle();
    },
  };
}

/** Lets pending promise chains (storage listeners, badge updates) run to the end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
