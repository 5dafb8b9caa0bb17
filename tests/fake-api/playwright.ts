import type { BrowserContext } from '@playwright/test';
import type { FakeApi } from './index';
import { fakeRequestOf } from './request';

/**
 * Answers every request the browser makes to api.ideogram.ai from the fakes. With several
 * fakes (several accounts), the request's key picks the fake; an unknown key gets the first
 * fake's 401.
 */
export async function routeFakeApi(
  context: BrowserContext,
  /** The fakes answering now (a browser shared by several tests answers from each test's own). */
  fakesNow: () => FakeApi[],
): Promise<void> {
  await context.route('https://api.ideogram.ai/**', async (route) => {
    const fakes = fakesNow();
    const request = route.request();
    const headers = await request.allHeaders();
    const key = headers['api-key'];
    const fake = fakes.find((f) => f.account.apiKey === key) ?? fakes[0];
    if (!fake) return route.abort('failed');
    const body = request.postDataBuffer();
    const outcome = fake.respond(
      await fakeRequestOf({
        method: request.method(),
        url: request.url(),
        headers,
        ...(body ? { body } : {}),
      }),
    );
    await fake.gateFor(request.url());
    if (outcome.type === 'drop') return route.abort('connectionreset');
    // Never answered: the extension's own timeout has to end it.
    if (outcome.type === 'hang') return;
    return route.fulfill({
      status: outcome.reply.status,
      headers: outcome.reply.headers,
      body:
        typeof outcome.reply.body === 'string'
          ? outcome.reply.body
          : Buffer.from(outcome.reply.body),
    });
  });
}
