import { type Browser, browser } from 'wxt/browser';
import { type ApiFailure, toFailure } from '../api/errors';
import type { Protocol } from './protocol';

// One typed channel from the extension's pages to the background. Hand-written rather than
// @webext-core/messaging because the background must stay silent (no answer at all, not even an
// error) towards senders that are not the extension's own pages, which that library cannot do.

type Request<K extends keyof Protocol> = Parameters<Protocol[K]>[0];
type Response<K extends keyof Protocol> = Awaited<ReturnType<Protocol[K]>>;
export type Handlers = { [K in keyof Protocol]: Protocol[K] };

const TAG = 'model-watch';

interface Envelope {
  tag: typeof TAG;
  type: keyof Protocol;
  data: unknown;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: MessageFailure };

/** What a failed handler sends back: an API failure as is, anything else as a plain message. */
export type MessageFailure = ApiFailure | { kind: 'internal'; message: string };

/** Thrown by `sendMessage` when the background's handler failed. */
export class MessageError extends Error {
  override name = 'MessageError';
  constructor(readonly failure: MessageFailure) {
    super(failure.message);
  }
}

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).tag === TAG &&
    typeof (message as Envelope).type === 'string'
  );
}

/** Asks the background to do something; throws MessageError when it fails. */
export async function sendMessage<K extends keyof Protocol>(
  type: K,
  ...[data]: Request<K> extends undefined ? [] : [Request<K>]
): Promise<Response<K>> {
  const envelope: Envelope = { tag: TAG, type, data };
  // No listener (the background failed to start) rejects; a listener that declines resolves empty.
  const reply = (await browser.runtime.sendMessage(envelope).catch(() => undefined)) as
    Reply | undefined;
  if (!reply) {
    throw new MessageError({
      kind: 'internal',
      message: 'Model Watch’s background did not answer. If this lasts, restart the browser.',
    });
  }
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value as Response<K>;
}

/** What to tell the user when asking the background failed: its message, or `fallback`. */
export function failureMessage(error: unknown, fallback: string): string {
  return error instanceof MessageError ? error.message : fallback;
}

/** True for the extension's own pages (popup, options, offscreen), false for anything else. */
export function isOwnPage(sender: Browser.runtime.MessageSender): boolean {
  const origin = browser.runtime.getURL('/');
  return sender.id === browser.runtime.id && (sender.url?.startsWith(origin) ?? false);
}

function toMessageFailure(error: unknown): MessageFailure {
  if (typeof error === 'object' && error !== null && 'kind' in error && 'message' in error) {
    return toFailure(error as ApiFailure);
  }
  return {
    kind: 'internal',
    message: error instanceof Error ? error.message : 'Something went wrong in Model Watch.',
  };
}

/**
 * Serves the protocol in the background. Must be called synchronously when the worker starts, so
 * that a message that woke it finds the listener.
 */
export function serveMessages(
  handlers: Handlers,
  isTrusted: (sender: Browser.runtime.MessageSender) => boolean = isOwnPage,
): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Unknown shapes and foreign senders get no answer at all.
    if (!isEnvelope(message) || !isTrusted(sender)) return false;
    if (!Object.hasOwn(handlers, message.type)) return false;
    const handler = handlers[message.type] as (data: unknown) => unknown;
    Promise.resolve()
      .then(() => handler(message.data))
      .then(
        (value) => sendResponse({ ok: true, value } satisfies Reply),
        (error: unknown) =>
          sendResponse({ ok: false, error: toMessageFailure(error) } satisfies Reply),
      );
    return true;
  });
}
