import type { FakeReply } from '../../utils/sample/server';

/** Something going wrong between the extension and the API, as the fake can stage it. */
export type Fault =
  | { type: 'status'; status: number; retryAfter?: string }
  /** The connection opens and nothing ever comes back. */
  | { type: 'hang' }
  /** The connection is reset before any answer. */
  | { type: 'drop' }
  | { type: 'malformed-json' }
  /** A proxy's or captive portal's web page where JSON should be. */
  | { type: 'html'; status?: number }
  /** A correct answer cut off half-way. */
  | { type: 'truncated' }
  /** A 5 MB body. */
  | { type: 'huge' }
  /** Valid JSON that is not the documented shape. */
  | { type: 'wrong-shape' };

export type Outcome = { type: 'reply'; reply: FakeReply } | { type: 'hang' } | { type: 'drop' };

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** Turns a fault into what the extension receives; `real` is the answer it would have had. */
export function applyFault(fault: Fault, real: FakeReply): Outcome {
  const reply = (status: number, body: string, contentType = 'application/json'): Outcome => ({
    type: 'reply',
    reply: { status, headers: { 'content-type': contentType }, body },
  });
  switch (fault.type) {
    case 'status': {
      const outcome = reply(fault.status, JSON.stringify({ detail: `Error ${fault.status}` }));
      if (outcome.type === 'reply' && fault.retryAfter !== undefined) {
        outcome.reply.headers['retry-after'] = fault.retryAfter;
      }
      return outcome;
    }
    case 'hang':
    case 'drop':
      return { type: fault.type };
    case 'malformed-json':
      return reply(200, '{"models": [{"model_id": "abc", "name": }');
    case 'html':
      return reply(fault.status ?? 200, HTML_PAGE, 'text/html; charset=utf-8');
    case 'truncated':
      return reply(200, real.body.slice(0, Math.max(1, Math.floor(real.body.length / 2))));
    case 'huge':
      return reply(200, JSON.stringify({ models: [], padding: 'x'.repeat(5 * 1024 * 1024) }));
    case 'wrong-shape':
      return reply(200, JSON.stringify({ data: { items: [] }, ok: true }));
  }
}

/** Every fault the fake can inject, with a name for test titles and tables. */
export const allFaults = (now = Date.now()): { name: string; fault: Fault }[] => [
  { name: '401 unauthorized', fault: { type: 'status', status: 401 } },
  { name: '403 forbidden', fault: { type: 'status', status: 403 } },
  { name: '404 not found', fault: { type: 'status', status: 404 } },
  {
    name: '429 with Retry-After seconds',
    fault: { type: 'status', status: 429, retryAfter: '120' },
  },
  {
    name: '429 with Retry-After date',
    fault: { type: 'status', status: 429, retryAfter: new Date(now + 180_000).toUTCString() },
  },
  { name: '429 without Retry-After', fault: { type: 'status', status: 429 } },
  { name: '500 server error', fault: { type: 'status', status: 500 } },
  { name: '502 bad gateway', fault: { type: 'status', status: 502 } },
  { name: '503 with Retry-After', fault: { type: 'status', status: 503, retryAfter: '90' } },
  { name: 'hang', fault: { type: 'hang' } },
  { name: 'dropped connection', fault: { type: 'drop' } },
  { name: 'malformed JSON', fault: { type: 'malformed-json' } },
  { name: 'HTML body', fault: { type: 'html' } },
  { name: 'truncated body', fault: { type: 'truncated' } },
  { name: '5 MB body', fault: { type: 'huge' } },
  { name: 'wrong shape', fault: { type: 'wrong-shape' } },
];
