import type { FakeReply } from './request';

/** Something going wrong between the extension and the API, as the fake can stage it. */
export type Fault =
  | {
      type: 'status';
      status: number;
      retryAfter?: string;
      /** The answer's own clock (the `Date` header), when it should differ from the real one. */
      date?: string;
      /** The JSON body (Ideogram's 402 and 429 carry a `reject_reason`); a default otherwise. */
      body?: unknown;
      /** A body that is not JSON at all. */
      text?: string;
      /**
       * The server did the request, then answered with this status (a 5xx after an upload was
       * stored, say). By default an error status means the request was refused before anything
       * was done. (A hang or a drop always comes after the server did the work.)
       */
      reached?: boolean;
    }
  /** The connection opens and nothing ever comes back. */
  | { type: 'hang' }
  /** The connection is reset before any answer. */
  | { type: 'drop' }
  | { type: 'malformed-json' }
  /** A proxy's or captive portal's web page where JSON should be. */
  | { type: 'html'; status?: number }
  /** A correct answer cut off half-way. */
  | { type: 'truncated' }
  /** A 17 MB body: over what the client reads. */
  | { type: 'huge' }
  /** Valid JSON that is not the documented shape. */
  | { type: 'wrong-shape' }
  /**
   * A model's detail whose training runs are odd: a phase Ideogram added later, every number
   * null, or no times at all (the rest of the answer as it was).
   */
  | { type: 'runs'; change: 'unknown-phase' | 'null-numbers' | 'no-times' };

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
      const outcome =
        fault.text === undefined
          ? reply(fault.status, JSON.stringify(fault.body ?? { detail: `Error ${fault.status}` }))
          : reply(fault.status, fault.text, 'text/plain');
      if (outcome.type === 'reply') {
        if (fault.retryAfter !== undefined) outcome.reply.headers['retry-after'] = fault.retryAfter;
        if (fault.date !== undefined) outcome.reply.headers.date = fault.date;
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
    case 'truncated': {
      const text = String(real.body);
      return reply(200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    case 'huge':
      return reply(200, JSON.stringify({ models: [], padding: 'x'.repeat(17 * 1024 * 1024) }));
    case 'wrong-shape':
      return reply(200, JSON.stringify({ data: { items: [] }, ok: true }));
    case 'runs':
      return {
        type: 'reply',
        reply: { ...real, body: changeRuns(String(real.body), fault.change) },
      };
  }
}

function changeRuns(body: string, change: Extract<Fault, { type: 'runs' }>['change']): string {
  const parsed = JSON.parse(body) as { model?: { training_runs?: Record<string, unknown>[] } };
  for (const run of parsed.model?.training_runs ?? []) {
    if (change === 'unknown-phase') run.status = 'WARMING_UP';
    if (change === 'null-numbers') {
      for (const key of ['training_steps', 'lora_rank', 'num_chips', 'ema', 'learning_rate']) {
        run[key] = null;
      }
    }
    if (change === 'no-times') {
      delete run.creation_time;
      run.last_update_time = null;
    }
  }
  return JSON.stringify(parsed);
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
  {
    name: '429 with Retry-After 1e9 s',
    fault: { type: 'status', status: 429, retryAfter: '1000000000' },
  },
  { name: '429 with Retry-After 0', fault: { type: 'status', status: 429, retryAfter: '0' } },
  {
    name: '429 with a past Retry-After date',
    fault: { type: 'status', status: 429, retryAfter: new Date(now - 3_600_000).toUTCString() },
  },
  {
    // The server's clock says 60 s; a client clock hours off must not stretch it.
    name: '429 with a Retry-After date and a Date header 5 h ahead',
    fault: {
      type: 'status',
      status: 429,
      retryAfter: new Date(now + 5 * 3_600_000 + 60_000).toUTCString(),
      date: new Date(now + 5 * 3_600_000).toUTCString(),
    },
  },
  {
    name: '429 inflight_limit body',
    fault: {
      type: 'status',
      status: 429,
      retryAfter: '60',
      body: {
        error: 'Too many requests',
        reject_reason: 'inflight_limit',
        max_inflight_requests: 4,
      },
    },
  },
  {
    name: '429 with a text body',
    fault: { type: 'status', status: 429, retryAfter: '60', text: 'slow down' },
  },
  {
    name: '402 insufficient funds',
    fault: { type: 'status', status: 402, body: { reject_reason: 'insufficient_funds' } },
  },
  {
    name: '402 daily limit',
    fault: { type: 'status', status: 402, body: { reject_reason: 'daily_limit' } },
  },
  { name: '500 server error', fault: { type: 'status', status: 500 } },
  { name: '502 bad gateway', fault: { type: 'status', status: 502 } },
  { name: '503 with Retry-After', fault: { type: 'status', status: 503, retryAfter: '90' } },
  { name: 'hang', fault: { type: 'hang' } },
  { name: 'dropped connection', fault: { type: 'drop' } },
  { name: 'malformed JSON', fault: { type: 'malformed-json' } },
  { name: 'HTML body', fault: { type: 'html' } },
  { name: 'truncated body', fault: { type: 'truncated' } },
  { name: '17 MB body', fault: { type: 'huge' } },
  { name: 'wrong shape', fault: { type: 'wrong-shape' } },
];
