import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart';

/** The bytes and Content-Type the platform's own FormData encoding sends (as fetch does). */
async function encode(form: FormData): Promise<{ body: Uint8Array; type: string }> {
  const request = new Request('https://api.ideogram.ai/upload', { method: 'POST', body: form });
  return {
    body: new Uint8Array(await request.arrayBuffer()),
    type: request.headers.get('content-type')!,
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** Every byte value, and the sequences a sloppy parser would take for a boundary. */
const BINARY = new Uint8Array([
  ...Array.from({ length: 256 }, (_, i) => i),
  ...bytes('\r\n--\r\n\r\n--formdata-undici-\r\n------WebKitFormBoundary'),
  0x0d,
]);

describe('parseMultipart', () => {
  it('reads back files and fields as FormData sent them, binary content intact', async () => {
    const form = new FormData();
    form.append('files', new File([BINARY], 'photo.jpg', { type: 'image/jpeg' }));
    form.append('files', new File(['a caption\n'], 'photo.txt', { type: 'text/plain' }));
    form.append('note', 'plain field, ünïcode');
    form.append('files', new Blob([new Uint8Array([1, 2, 3])]));
    const { body, type } = await encode(form);
    const parts = parseMultipart(body, type);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['files', 'photo.jpg', 'image/jpeg'],
      ['files', 'photo.txt', 'text/plain'],
      ['note', null, null],
      ['files', 'blob', 'application/octet-stream'],
    ]);
    expect(parts[0]!.data).toEqual(BINARY);
    expect(text(parts[1]!.data)).toBe('a caption\n');
    expect(text(parts[2]!.data)).toBe('plain field, ünïcode');
    expect([...parts[3]!.data]).toEqual([1, 2, 3]);
  });

  it.each([
    'my photo 01.jpg',
    'ünïcödé 日本語 🌅.png',
    'he said "cheese".webp',
    'semi;colon=equals.jpg',
    'back\\slash.jpg',
    '%22 literally.jpg',
    'line\nbreak.jpg',
    "it's.txt",
  ])('gives back the file name %j', async (name) => {
    const form = new FormData();
    form.append('files', new File(['x'], name));
    const { body, type } = await encode(form);
    const [part] = parseMultipart(body, type);
    // The HTML standard's encoding writes a literal "%22" the way it writes a quote, so that one
    // name cannot come back as it was; every other one does.
    const expected = name === '%22 literally.jpg' ? '" literally.jpg' : name;
    expect(part!.filename).toBe(expected);
  });

  it('reads empty files, a file-less form, and a body with nothing in it', async () => {
    const form = new FormData();
    form.append('files', new File([], 'empty.txt'));
    form.append('empty', '');
    const { body, type } = await encode(form);
    const parts = parseMultipart(body, type);
    expect(parts.map((p) => [p.name, p.filename, p.data.length])).toEqual([
      ['files', 'empty.txt', 0],
      ['empty', null, 0],
    ]);
    const none = await encode(new FormData());
    expect(parseMultipart(none.body, none.type)).toEqual([]);
  });

  it('reads a hand-written body: quoted boundary, preamble, padding, odd header case', () => {
    const body = bytes(
      'This preamble is ignored.\r\n' +
        '--abc 123  \r\n' +
        'CONTENT-DISPOSITION: Form-Data; filename="a.jpg"; NAME="files"\r\n' +
        '\r\n' +
        'one\r\n' +
        '--abc 123\r\n' +
        'content-disposition: form-data; name=files; filename*=UTF-8\'\'caf%C3%A9%20%22x%22.png; filename="cafe.png"\r\n' +
        '\r\n' +
        'two\r\n' +
        '--abc 123--\r\n' +
        'and an epilogue, ignored too',
    );
    const parts = parseMultipart(body, 'multipart/form-data; charset=utf-8; boundary="abc 123"');
    expect(parts.map((p) => [p.name, p.filename, text(p.data)])).toEqual([
      ['files', 'a.jpg', 'one'],
      ['files', 'café "x".png', 'two'],
    ]);
  });

  it('reads a large body quickly', async () => {
    const big = new Uint8Array(8 * 1024 * 1024).fill(0x2d); // dashes: the worst case for a search
    const form = new FormData();
    for (let i = 0; i < 3; i++) form.append('files', new File([big], `big-${i}.jpg`));
    const { body, type } = await encode(form);
    const started = performance.now();
    const parts = parseMultipart(body, type);
    expect(parts.map((p) => p.data.length)).toEqual([big.length, big.length, big.length]);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it.each([
    ['application/json', /Not a multipart\/form-data body/],
    ['', /Not a multipart\/form-data body/],
    ['multipart/mixed; boundary=x', /Not a multipart\/form-data body/],
    ['multipart/form-data', /no usable boundary/],
    ['multipart/form-data; boundary=', /no usable boundary/],
    [`multipart/form-data; boundary=${'x'.repeat(71)}`, /no usable boundary/],
  ])('refuses the content type %j', (type, message) => {
    expect(() => parseMultipart(bytes('--x--\r\n'), type)).toThrow(message);
  });

  it('refuses a body cut short anywhere before its closing boundary', async () => {
    const form = new FormData();
    form.append('files', new File([BINARY.subarray(0, 40)], 'a.jpg'));
    form.append('field', 'value');
    const { body, type } = await encode(form);
    expect(parseMultipart(body, type)).toHaveLength(2);
    // The body ends `--boundary--\r\n`; without its final CRLF it is still whole.
    for (let length = 0; length < body.length - 2; length++) {
      expect(() => parseMultipart(body.subarray(0, length), type), `cut at ${length}`).toThrow(
        Error,
      );
    }
  });

  it.each([
    ['no boundary at all', 'just some bytes'],
    ['a boundary line not ended by CRLF', '--b junk\r\n\r\nx\r\n--b--'],
    ['headers that never end', '--b\r\nContent-Disposition: form-data; name="a"\r\n'],
    ['a part with no Content-Disposition', '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--'],
    ['a part with no name', '--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--'],
    [
      'an attachment, not form data',
      '--b\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--b--',
    ],
    [
      'a header line without a colon',
      '--b\r\nContent-Disposition: form-data; name="a"\r\nnonsense\r\n\r\nx\r\n--b--',
    ],
    ['an unclosed quote', '--b\r\nContent-Disposition: form-data; name="a\r\n\r\nx\r\n--b--'],
  ])('refuses a malformed body: %s', (_, body) => {
    expect(() => parseMultipart(bytes(body), 'multipart/form-data; boundary=b')).toThrow(
      /^Malformed/,
    );
  });
});
