import { browser } from 'wxt/browser';
import { MAX_UPLOAD_BYTES, megabytes } from '../api/limits';
import { extensionForType, sniffImageType, uniqueName } from './rules';
import { newTrayId, putInTray, siteAddressOf, type TrayItem, trayOf } from './tray';

// Right-click "Add image to Ideogram dataset": the image is fetched by the extension (with no
// cookies, no referrer and never the API key) and put in the dataset's tray, not sent anywhere.
// Fetching from a site needs access to it: asked for, as an optional permission, the first time
// an image of that site is collected. Without it, the image waits in the tray by its address
// until the user allows access from the studio. Firefox also asks, in the same question, for the
// user's consent to send website content (the images collected) out of the browser, to Ideogram:
// an optional data permission of its built-in consent, never asked at install.

/** Images over this size are not collected: the size an image may be (utils/api/limits.ts). */
export const MAX_COLLECTED_BYTES = MAX_UPLOAD_BYTES;
const FETCH_TIMEOUT_MS = 30_000;

/** What collecting needs beyond the site itself: Firefox's consent to send website content. */
const CONTENT_CONSENT: { data_collection?: string[] } = import.meta.env.FIREFOX
  ? { data_collection: ['websiteContent'] }
  : {};

/** What to ask for to fetch an image: its site's permission pattern (with Firefox's consent to
 * send the image on), or null for addresses needing none (data:). */
export function siteAccessFor(
  src: string,
): { origins: string[]; data_collection?: string[] } | null | 'unsupported' {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return 'unsupported';
  }
  if (url.protocol === 'data:') return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'unsupported';
  return { origins: [`${url.protocol}//${url.hostname}/*`], ...CONTENT_CONSENT };
}

/** The site's name as people read it: `images.example.com`. */
export function siteOf(src: string): string {
  try {
    return new URL(src).hostname || 'this site';
  } catch {
    return 'this site';
  }
}

/**
 * Asks for access to the image's site. Must be called in the click's own turn, before any await:
 * browsers allow the question only during the user's gesture. Resolves whether access is held.
 */
export function askSiteAccess(src: string | undefined): Promise<boolean> {
  const access = src === undefined ? 'unsupported' : siteAccessFor(src);
  if (access === null) return Promise.resolve(true);
  if (access === 'unsupported') return Promise.resolve(false);
  let asked: Promise<boolean>;
  try {
    asked = browser.permissions.request(access);
  } catch {
    asked = Promise.resolve(false);
  }
  // Outside a gesture (a test's dispatched click) the question fails: what is held still counts.
  return asked
    .catch(() => false)
    .then((granted) => granted || browser.permissions.contains(access).catch(() => false));
}

/** A file name for an image from its address: its own name when it has one, else `image`. */
export function nameFromUrl(src: string, type: string): string {
  const ext = extensionForType(type) ?? 'jpg';
  let base = '';
  try {
    const url = new URL(src);
    if (url.protocol !== 'data:') base = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  } catch {
    base = '';
  }
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} _-]+/gu, '-')
    .slice(0, 60);
  return `${stem.replace(/^-+|-+$/g, '') || 'image'}.${ext}`;
}

export type Fetched = { ok: true; blob: Blob; type: string } | { ok: false; problem: string };

/**
 * Fetches the image itself: no cookies, no referrer, no key; JPEG, PNG or WebP only. The body is
 * read as a stream of decoded bytes: its first bytes say whether it is an image before more is
 * read, and reading stops at the size limit, whatever `Content-Length` said (it gives the
 * compressed size, or nothing for a chunked answer).
 */
export async function fetchImage(src: string): Promise<Fetched> {
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const site = siteOf(src);
  const tooSlow = `${site} took over ${FETCH_TIMEOUT_MS / 1000} s to send the image: try again, or save it and add the file in the studio.`;
  let response: Response;
  try {
    response = await fetch(src, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'follow',
      signal,
    });
  } catch {
    return {
      ok: false,
      problem: signal.aborted
        ? tooSlow
        : `Could not fetch the image from ${site}: check the connection, or save it and add the file in the studio.`,
    };
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => {});
    return {
      ok: false,
      problem: `${site} answered HTTP ${response.status} for the image: save it and add the file in the studio.`,
    };
  }
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > MAX_COLLECTED_BYTES) {
    void response.body?.cancel().catch(() => {});
    return { ok: false, problem: tooLarge(declared) };
  }
  return readImageBody(response, signal, tooSlow);
}

const NOT_AN_IMAGE =
  'Ideogram takes JPEG, PNG or WebP images, and this one is another kind (GIF, SVG or AVIF, say).';

/** The first 16 bytes of what was read so far (enough to tell an image's type). */
const head = (chunks: readonly Uint8Array[]) =>
  Uint8Array.from(
    chunks
      .slice(0, 16)
      .flatMap((chunk) => [...chunk.subarray(0, 16)])
      .slice(0, 16),
  );

/** Reads the body up to the limit, its type checked from its first 16 bytes before reading on. */
async function readImageBody(
  response: Response,
  signal: AbortSignal,
  tooSlow: string,
): Promise<Fetched> {
  const reader = response.body?.getReader();
  const refuse = (problem: string): Fetched => {
    void reader?.cancel().catch(() => {});
    return { ok: false, problem };
  };
  if (!reader) return refuse(NOT_AN_IMAGE);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  let type: string | null | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > MAX_COLLECTED_BYTES) return refuse(tooLarge());
      chunks.push(new Uint8Array(value));
      if (type === undefined && received >= 16) {
        type = sniffImageType(head(chunks));
        if (type === null) return refuse(NOT_AN_IMAGE);
      }
    }
  } catch {
    return refuse(
      signal.aborted ? tooSlow : 'The connection broke while the image was read: try again.',
    );
  }
  type ??= sniffImageType(head(chunks));
  if (type === null) return refuse(NOT_AN_IMAGE);
  return { ok: true, blob: new Blob(chunks, { type }), type };
}

/** Its declared size, or (streamed without one) the limit it passed. */
function tooLarge(declared?: number): string {
  const size =
    declared === undefined ? `over ${megabytes(MAX_COLLECTED_BYTES)}` : megabytes(declared);
  return `The image is ${size} MB: Ideogram takes images up to ${megabytes(MAX_UPLOAD_BYTES)} MB.`;
}

export interface CollectRequest {
  src: string;
  accountId: string;
  datasetId: string;
  /** Whether the image's site may be fetched (askSiteAccess). */
  access: boolean;
}

export type Collected =
  { ok: true; item: TrayItem } | { ok: false; problem: string; waiting?: TrayItem };

/** Puts the image in the dataset's tray: fetched now, or waiting for access to its site. */
export async function collectImage(request: CollectRequest, now: number): Promise<Collected> {
  const { src, accountId, datasetId } = request;
  if (siteAccessFor(src) === 'unsupported') {
    return {
      ok: false,
      problem:
        'This image has no address Model Watch can fetch: save it and add the file in the studio.',
    };
  }
  const taken = (await trayOf(accountId, datasetId)).map((item) => item.name);
  const base: Omit<TrayItem, 'name' | 'type' | 'size' | 'blob'> = {
    id: newTrayId(),
    accountId,
    datasetId,
    kind: 'image',
    caption: '',
    addedAt: now,
    // Its whole address only while it waits to be fetched; the page it was on, never.
    source: { url: src.slice(0, 2000) },
  };
  if (!request.access) {
    const waiting: TrayItem = {
      ...base,
      name: uniqueName(nameFromUrl(src, 'image/jpeg'), taken),
      type: '',
      size: 0,
      blob: null,
    };
    await putInTray([waiting]);
    return {
      ok: false,
      problem: `Model Watch needs your permission to fetch images from ${siteOf(src)}. The image waits in the studio: allow access there.`,
      waiting,
    };
  }
  const fetched = await fetchImage(src);
  if (!fetched.ok) return fetched;
  const item: TrayItem = {
    ...base,
    name: uniqueName(nameFromUrl(src, fetched.type), taken),
    type: fetched.type,
    size: fetched.blob.size,
    blob: fetched.blob,
    source: { url: siteAddressOf(src) },
  };
  await putInTray([item]);
  return { ok: true, item };
}
