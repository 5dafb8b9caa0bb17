import { standardAccount } from './accounts';
import { applyFault, type Fault, type Outcome } from './faults';
import type { FakeAccount, FakeModel, FakeStep } from './model';
import { type FakeRequest, requestHead, toFakeRequest } from './request';
import { createFakeIdeogram, type FakeOptions } from './server';

// The fake Ideogram API of the test suites (every module of this folder is a test double; none
// of it ships): the faithful server of ./server.ts, plus a clock tests can move, a log of every
// request, and faults to inject. The rest of the folder is exported from here.

export type { Fault } from './faults';
export { allFaults } from './faults';
export * from './accounts';
export * from './files';
export type * from './model';
export type { FakeReply, FakeRequest } from './request';
export { fakeRequestOf, requestHeader } from './request';
export type { FakeOptions } from './server';

export interface LoggedRequest {
  method: string;
  url: string;
  /** Path and query, e.g. `/models?scope=owned`. */
  path: string;
  headers: Record<string, string>;
  outcome: number | 'hang' | 'drop';
  /** Bytes of the response body sent back. */
  bytes: number;
  /** For a multipart upload: the names of the files it sent, in order. */
  files?: string[];
  /** For a request with a JSON body: that body, parsed. */
  json?: unknown;
}

/** What a logged request sent, in words tests can check: its files, or its JSON. */
function sentBody(request: FakeRequest): Pick<LoggedRequest, 'files' | 'json'> {
  if (Array.isArray(request.form)) {
    return {
      files: request.form.flatMap((part) => (part.filename === null ? [] : [part.filename])),
    };
  }
  const type = Object.entries(request.headers).find(([n]) => n.toLowerCase() === 'content-type');
  if (!request.body || !type || !/json/i.test(type[1])) return {};
  try {
    return { json: JSON.parse(new TextDecoder().decode(request.body)) };
  } catch {
    // A body the server refuses as malformed: the log leaves it out, the outcome says the rest.
  }
  return {};
}

const byteLength = (body: string | Uint8Array) =>
  typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;

/** A fake API for one account: its clock, its request log, its faults. */
export function createFakeApi(
  account: FakeAccount = standardAccount(),
  /** The fake's clock; by default real time, moved forward by `advance`. */
  clock?: () => number,
  /** How long trainings started through the fake take, and the like. */
  options?: FakeOptions,
) {
  let offset = 0;
  const now = clock ?? (() => Date.now() + offset);
  const server = createFakeIdeogram(account, now, options);
  const requests: LoggedRequest[] = [];
  let standingFault: Fault | null = null;
  const queuedFaults: Fault[] = [];
  /** Faults for requests whose path starts with a prefix: `/datasets` refused, `/models` fine. */
  const pathFaults = new Map<string, Fault>();
  /** Requests to hold back (answered as the server saw things when they came, but later). */
  const holds: { prefix: string; gate: Promise<void> }[] = [];

  /** Web pages served on the API's origin (`/__test/…`), for flows that need a page to act in. */
  const pages = new Map<string, string>();
  const files = new Map<string, { type: string; bytes: Uint8Array }>();

  function respond(request: FakeRequest): Outcome {
    const url = new URL(request.url);
    const path = url.pathname + url.search;
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      return {
        type: 'reply',
        reply: { status: 200, headers: { 'content-type': 'text/html' }, body: page },
      };
    }
    const file = files.get(url.pathname);
    if (file !== undefined) {
      // Logged like API calls: tests check what such a fetch carried (no key, no cookie).
      requests.push({
        method: request.method,
        url: request.url,
        path,
        headers: request.headers,
        outcome: 200,
        bytes: file.bytes.length,
      });
      return {
        type: 'reply',
        reply: { status: 200, headers: { 'content-type': file.type }, body: file.bytes },
      };
    }
    const byPath = [...pathFaults].find(([prefix]) => path.startsWith(prefix))?.[1];
    const fault = byPath ?? queuedFaults.shift() ?? standingFault;
    // An error status is a refusal before anything was done, unless the fault says it came after.
    const refused = fault?.type === 'status' && !fault.reached;
    const real = refused ? { status: 500, headers: {}, body: '' } : server.handle(request);
    const outcome = fault ? applyFault(fault, real) : { type: 'reply' as const, reply: real };
    requests.push({
      method: request.method,
      url: request.url,
      path,
      headers: request.headers,
      outcome: outcome.type === 'reply' ? outcome.reply.status : outcome.type,
      bytes: outcome.type === 'reply' ? byteLength(outcome.reply.body) : 0,
      ...sentBody(request),
    });
    return outcome;
  }

  /** Requests waiting behind a gate now. */
  let waiting = 0;
  /** Waits behind the gate of a held request, if this one was held. */
  async function gateFor(url: string): Promise<void> {
    const { pathname, search } = new URL(url);
    const at = holds.findIndex((h) => (pathname + search).startsWith(h.prefix));
    if (at === -1) return;
    waiting += 1;
    try {
      await holds.splice(at, 1)[0]!.gate;
    } finally {
      waiting -= 1;
    }
  }

  /** A `fetch` for unit tests: hangs until aborted, drops with fetch's own TypeError. */
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    // Read synchronously when there is no body, so a request is logged the moment it is made.
    const outcome = respond(
      request.body === null ? requestHead(request) : await toFakeRequest(request),
    );
    await gateFor(request.url);
    if (outcome.type === 'drop') throw new TypeError('Failed to fetch');
    if (outcome.type === 'hang') {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return new Response(outcome.reply.body as BodyInit, {
      status: outcome.reply.status,
      headers: outcome.reply.headers,
    });
  };

  const model = (id: string): FakeModel => {
    const found = account.models.find((m) => m.model_id === id);
    if (!found) throw new Error(`the fake has no model ${id}`);
    return found;
  };

  return {
    account,
    now,
    respond,
    fetch,
    requests,
    /** Moves the fake's own clock forward (not a clock given to it). */
    advance(ms: number) {
      offset += ms;
    },
    /** Every following request gets this fault, until `clearFault()`. */
    setFault(fault: Fault | null) {
      standingFault = fault;
    },
    clearFault() {
      standingFault = null;
      queuedFaults.length = 0;
      pathFaults.clear();
    },
    /** Requests whose path starts with `prefix` get this fault (null: no longer). */
    failPath(prefix: string, fault: Fault | null) {
      if (fault) pathFaults.set(prefix, fault);
      else pathFaults.delete(prefix);
    },
    /**
     * The next request whose path starts with `prefix` is answered late: with what the API said
     * when the request came, sent only when `release()` is called (a slow answer).
     */
    hold(prefix: string): () => void {
      let release!: () => void;
      holds.push({ prefix, gate: new Promise<void>((resolve) => (release = resolve)) });
      return () => release();
    },
    gateFor,
    /**
     * Serves a web page at `path` on the API's origin: the extension has host access there, which
     * stands in for the activeTab grant a real right-click gives.
     */
    servePage(path: string, html: string) {
      pages.set(path, html);
      return `https://api.ideogram.ai${path}`;
    },
    /** Serves a file (an image a page shows) at `path` on the API's origin. */
    serveFile(path: string, type: string, bytes: Uint8Array) {
      files.set(path, { type, bytes });
      return `https://api.ideogram.ai${path}`;
    },
    /** How many requests are being held back right now. */
    get held() {
      return waiting;
    },
    /** Resolves once no request came for `ms` (the extension went quiet). */
    async quiet(ms = 400) {
      let count = -1;
      while (count !== requests.length) {
        count = requests.length;
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    },
    /** The next request(s) get this fault, then the API behaves again. */
    failNext(fault: Fault, times = 1) {
      for (let i = 0; i < times; i++) queuedFaults.push(fault);
    },
    /** From now on the model has this status (and URI, if given). */
    setStatus(id: string, status: string, extra: Omit<FakeStep, 'at' | 'status'> = {}) {
      const m = model(id);
      const at = now();
      m.timeline = [...m.timeline.filter((step) => step.at <= at), { at, status, ...extra }];
    },
    addModel(m: FakeModel) {
      account.models.push(m);
    },
    deleteModel(id: string) {
      model(id).deleted = true;
    },
    /** The key stops working (as when the user revokes it on Ideogram). */
    revokeKey() {
      account.apiKey = `revoked-${account.apiKey}`;
    },
    /** Requests made since the last `clearRequests()`, by path. */
    paths() {
      return requests.map((r) => r.path);
    },
    clearRequests() {
      requests.length = 0;
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
