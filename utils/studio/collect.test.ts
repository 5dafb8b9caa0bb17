import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeImageBytes } from '../../tests/fake-api';
import { MAX_UPLOAD_BYTES } from '../api/limits';
import { fetchImage } from './collect';

// An image from a page is read as a stream, bounded while it is read: its first bytes say what
// it is before more is read, and reading stops at the limit whatever the headers said.

const MB = 1024 * 1024;

/** A body of `chunks` chunks of `size` bytes (the first starting as `head`), counting reads. */
function streamed(head: Uint8Array, chunks: number, size = MB) {
  const pulled = { count: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count >= chunks) return controller.close();
      const chunk = new Uint8Array(size);
      if (pulled.count === 0) chunk.set(head);
      pulled.count += 1;
      controller.enqueue(chunk);
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  return { body, pulled };
}

const answer = (body: BodyInit, headers: Record<string, string> = {}) =>
  vi.stubGlobal('fetch', async () => new Response(body, { headers }));

afterEach(() => vi.unstubAllGlobals());

describe('fetchImage', () => {
  it('takes an image whose first bytes are JPEG, PNG or WebP, by what they say', async () => {
    answer(fakeImageBytes('webp', 2048), { 'content-type': 'image/png' });
    const fetched = await fetchImage('https://example.com/a.png');
    expect(fetched).toMatchObject({ ok: true, type: 'image/webp' });
    expect(fetched.ok && fetched.blob.size).toBe(2048);
  });

  it('stops at the limit a streamed body without a length passes, and says so', async () => {
    const { body, pulled } = streamed(fakeImageBytes('png'), 200);
    answer(body);
    const fetched = await fetchImage('https://example.com/big.png');
    expect(fetched).toEqual({
      ok: false,
      problem: `The image is over 10 MB: Ideogram takes images up to 10 MB.`,
    });
    // Read up to just past the limit (the stream fills its queue one chunk ahead), not the
    // 200 MB the body would have given.
    expect(pulled.count).toBeLessThanOrEqual(MAX_UPLOAD_BYTES / MB + 2);
    expect(pulled.cancelled).toBe(true);
  });

  it('counts decoded bytes, not the small length a compressed answer declares', async () => {
    const { body, pulled } = streamed(fakeImageBytes('jpeg'), 50);
    answer(body, { 'content-length': String(200 * 1024) });
    expect((await fetchImage('https://example.com/z.jpg')).ok).toBe(false);
    expect(pulled.count).toBeLessThanOrEqual(MAX_UPLOAD_BYTES / MB + 2);
  });

  it('refuses what is not an image after its first bytes, reading no further', async () => {
    const gif = new TextEncoder().encode('GIF89a-----------');
    const { body, pulled } = streamed(gif, 100);
    answer(body);
    expect(await fetchImage('https://example.com/anim.gif')).toEqual({
      ok: false,
      problem: expect.stringMatching(/JPEG, PNG or WebP/),
    });
    // Its first chunk, and the one the stream queued ahead: not the other 98.
    expect(pulled.count).toBeLessThanOrEqual(2);
    expect(pulled.cancelled).toBe(true);
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    const { body, pulled } = streamed(fakeImageBytes('png'), 1);
    answer(body, { 'content-length': String(40 * MB) });
    expect(await fetchImage('https://example.com/x.png')).toEqual({
      ok: false,
      problem: 'The image is 40 MB: Ideogram takes images up to 10 MB.',
    });
    expect(pulled.count).toBeLessThanOrEqual(1);
  });

  it('says the site was too slow when the time runs out while the body is read', async () => {
    const timeout = new AbortController();
    vi.spyOn(AbortSignal, 'timeout').mockReturnValue(timeout.signal);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(fakeImageBytes('png'));
        timeout.signal.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    });
    answer(body);
    const fetching = fetchImage('https://slow.example.com/a.png');
    setTimeout(() => timeout.abort(), 10);
    expect(await fetching).toEqual({
      ok: false,
      problem: expect.stringMatching(/^slow\.example\.com took over 30 s to send the image/),
    });
    vi.restoreAllMocks();
  });
});
