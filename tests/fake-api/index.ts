import {
  createFakeIdeogram,
  type FakeAccount,
  type FakeDataset,
  type FakeModel,
  type FakeOptions,
  type FakeRequest,
  type FakeRun,
  type FakeStep,
  requestHead,
  requestHeader,
  toFakeRequest,
} from '../../utils/sample/server';
import { parseMultipart } from '../../utils/studio/multipart';
import { applyFault, type Fault, type Outcome } from './faults';

export type { Fault } from './faults';
export { allFaults } from './faults';

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
  const type = requestHeader(request, 'content-type') ?? '';
  if (!request.body) return {};
  try {
    if (/^multipart\/form-data/i.test(type)) {
      const parts = parseMultipart(request.body, type);
      return { files: parts.flatMap((part) => (part.filename === null ? [] : [part.filename])) };
    }
    if (/json/i.test(type)) return { json: JSON.parse(new TextDecoder().decode(request.body)) };
  } catch {
    // A body the server refuses as malformed: the log leaves it out, the outcome says the rest.
  }
  return {};
}

const MINUTE = 60_000;

const byteLength = (body: string | Uint8Array) =>
  typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;

/**
 * The fake Ideogram API of the test suites: the faithful server of `utils/sample/server.ts`, plus a
 * clock tests can move, a log of every request, and faults to inject.
 */
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

let idCounter = 0;
/** A model or dataset id shaped like Ideogram's (22 URL-safe base64 characters). */
export function fakeId(prefix: string): string {
  idCounter += 1;
  // Padded with a character the counter never contains, so that ids cannot collide.
  const body = `${prefix}_${idCounter.toString(36)}`.replace(/[^A-Za-z0-9_]/g, '_');
  return body.padEnd(22, '-').slice(0, 22);
}

export interface ModelOptions {
  id?: string;
  name: string;
  status?: string;
  owned?: boolean;
  datasetId?: string | null;
  /** When it was created, relative to now (negative: in the past). */
  createdAgo?: number;
  uri?: string | null;
  available?: boolean;
  /** Later steps, with `at` relative to now. */
  later?: FakeStep[];
  /**
   * For a finished model (COMPLETED or ERRORED): how long its training took. It is then created
   * training and finishes that long after, so its detail has a training run with those times.
   */
  trainedFor?: number;
  /** Its training runs, when the one derived from its timeline will not do. */
  runs?: FakeRun[];
}

/** A fake model; a COMPLETED owned one gets a registry URI unless `uri` says otherwise. */
export function fakeModel(options: ModelOptions, now = Date.now()): FakeModel {
  const status = options.status ?? 'COMPLETED';
  const slug = options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const defaultUri = status === 'COMPLETED' ? `model/${slug}/version/1` : null;
  const first: FakeStep = {
    at: now - (options.createdAgo ?? 60 * MINUTE),
    status,
    uri: options.uri === undefined ? defaultUri : options.uri,
  };
  if (options.available !== undefined) first.available = options.available;
  const trained: FakeStep[] =
    options.trainedFor === undefined
      ? [first]
      : [
          { at: first.at, status: 'TRAINING', uri: null, available: false },
          { ...first, at: first.at + options.trainedFor },
        ];
  const model: FakeModel = {
    model_id: options.id ?? fakeId('m'),
    name: options.name,
    is_owned: options.owned ?? true,
    dataset_id: options.datasetId ?? null,
    timeline: [
      ...trained,
      ...(options.later ?? []).map((step) => ({ ...step, at: now + step.at })),
    ],
  };
  if (options.runs) model.runs = options.runs;
  return model;
}

export function fakeDataset(name: string, files = 20, now = Date.now()): FakeDataset {
  return {
    dataset_id: fakeId('d'),
    name,
    user_id: 'user_fake',
    creation_time: now - 3 * 24 * 60 * MINUTE,
    files: Array.from({ length: files }, (_, i) => ({
      file_name: `image-${String(i + 1).padStart(3, '0')}.jpg`,
      file_size_bytes: 200_000 + i * 1_000,
    })),
  };
}

export const TEST_KEY = 'test-key-0123456789abcdef';

/** The background's check: only the user's models being created or trained (the wire format). */
export const ACTIVE_CHECK = '/models?scope=owned&status=CREATING&status=TRAINING';

/**
 * The account most tests use: models in every status (2 owned training, 1 shared), 2 datasets,
 * and a model named like an XSS attempt.
 */
export function standardAccount(apiKey = TEST_KEY): FakeAccount {
  const now = Date.now();
  const brand = fakeDataset('Brand photos', 24, now);
  const posters = fakeDataset('Poster styles', 12, now);
  const models = [
    fakeModel(
      { name: 'Brand v1', datasetId: brand.dataset_id, createdAgo: 9 * 24 * 60 * MINUTE },
      now,
    ),
    fakeModel(
      {
        name: 'Brand v2',
        status: 'TRAINING',
        datasetId: brand.dataset_id,
        createdAgo: 40 * MINUTE,
      },
      now,
    ),
    fakeModel(
      {
        name: 'Poster look',
        status: 'TRAINING',
        datasetId: posters.dataset_id,
        createdAgo: 90 * MINUTE,
      },
      now,
    ),
    fakeModel({ name: 'Fresh start', status: 'CREATING', createdAgo: 2 * MINUTE }, now),
    fakeModel({ name: 'Sketch idea', status: 'DRAFT' }, now),
    fakeModel({ name: 'Broken run', status: 'ERRORED', datasetId: posters.dataset_id }, now),
    fakeModel(
      { name: 'Old style', status: 'ARCHIVED', uri: 'model/old-style/version/3', available: false },
      now,
    ),
    fakeModel({ name: 'Unregistered', uri: null }, now),
    fakeModel({ name: '<img src=x onerror=alert(1)>' }, now),
    fakeModel({ name: 'Team mascot', owned: false, uri: 'model/team-mascot/version/2' }, now),
  ];
  return { apiKey, models, datasets: [brand, posters] };
}

/** Bytes that begin as a real image of `kind` does (all the fake checks), `size` long in all. */
export function fakeImageBytes(kind: 'jpeg' | 'png' | 'webp', size = 64): Uint8Array<ArrayBuffer> {
  const head = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    webp: [...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [0x57, 0x45, 0x42, 0x50]),
  }[kind];
  const bytes = new Uint8Array(Math.max(size, head.length));
  bytes.set(head);
  for (let i = head.length; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

export interface ZipSpecEntry {
  /** Its path in the archive (a trailing `/` makes a directory), or raw name bytes. */
  name: string | Uint8Array;
  data?: Uint8Array | string;
  /** The uncompressed size the archive claims, when a test needs more than it sends. */
  claimedSize?: number;
  /** Sets the UTF-8 name flag (bit 11); on by default for string names. */
  utf8?: boolean;
}

/**
 * A ZIP archive written by hand, every entry stored (not compressed), as any unzip tool reads
 * it. `zip64` writes its sizes and offsets the ZIP64 way, as some tools always do.
 */
export function storedZip(
  entries: ZipSpecEntry[],
  options: { comment?: string; zip64?: boolean } = {},
): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder();
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  const u64 = (n: number) => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];
  const max32 = 0xffffffff;
  const zip64 = options.zip64 ?? false;
  const out: number[] = [];
  const central: number[] = [];
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? text.encode(entry.name) : entry.name;
    const data = typeof entry.data === 'string' ? text.encode(entry.data) : (entry.data ?? []);
    const size = entry.claimedSize ?? data.length;
    const flags = (entry.utf8 ?? typeof entry.name === 'string') ? 0x800 : 0;
    const isDirectory = name.at(-1) === 0x2f;
    const offset = out.length;
    // Version, flags, method 0 (stored), time 00:00, date 1980-01-01, CRC-32, sizes.
    const common = [
      ...u16(zip64 ? 45 : 20),
      ...u16(flags),
      ...u16(0),
      ...u16(0),
      ...u16(0x21),
      ...u32(crc32(data)),
    ];
    const localExtra = zip64 ? [...u16(1), ...u16(16), ...u64(size), ...u64(data.length)] : [];
    out.push(
      ...u32(0x04034b50),
      ...common,
      ...u32(zip64 ? max32 : data.length),
      ...u32(zip64 ? max32 : size),
      ...u16(name.length),
      ...u16(localExtra.length),
      ...name,
      ...localExtra,
      ...data,
    );
    const extra = zip64
      ? [...u16(1), ...u16(24), ...u64(size), ...u64(data.length), ...u64(offset)]
      : [];
    central.push(
      ...u32(0x02014b50),
      ...u16(0x031e),
      ...common,
      ...u32(zip64 ? max32 : data.length),
      ...u32(zip64 ? max32 : size),
      ...u16(name.length),
      ...u16(extra.length),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(isDirectory ? 0x10 : 0),
      ...u32(zip64 ? max32 : offset),
      ...name,
      ...extra,
    );
  }
  const directoryOffset = out.length;
  out.push(...central);
  if (zip64) {
    const record = out.length;
    out.push(...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0));
    out.push(...u64(entries.length), ...u64(entries.length));
    out.push(...u64(central.length), ...u64(directoryOffset));
    out.push(...u32(0x07064b50), ...u32(0), ...u64(record), ...u32(1));
  }
  const comment = text.encode(options.comment ?? '');
  const count = zip64 ? 0xffff : entries.length;
  out.push(...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count));
  out.push(...u32(zip64 ? max32 : central.length), ...u32(zip64 ? max32 : directoryOffset));
  out.push(...u16(comment.length), ...comment);
  return new Uint8Array(out);
}

function crc32(bytes: ArrayLike<number>): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
