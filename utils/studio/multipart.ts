// Reads a multipart/form-data body (RFC 7578) back into its parts, from bytes and synchronously:
// the fake API takes dataset uploads this way, at run time in sample mode and in the tests, so
// it sees exactly what the extension's FormData put on the wire. No Node API, so it runs in the
// extension too.

export interface MultipartPart {
  /** The form field's name (`files` for Ideogram's uploads). */
  name: string;
  /** The file's name, for a file; null for a plain field. */
  filename: string | null;
  /** The part's own Content-Type, when it has one. */
  contentType: string | null;
  data: Uint8Array;
}

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8');

/**
 * The parts of a multipart/form-data body, in order. Throws an Error when the content type is
 * not multipart/form-data with a boundary, or when the body does not follow it.
 */
export function parseMultipart(body: Uint8Array, contentType: string): MultipartPart[] {
  const boundary = boundaryOf(contentType);
  const delimiter = encoder.encode(`--${boundary}`);
  // Every delimiter after the first follows a line break, which belongs to the delimiter.
  const separator = encoder.encode(`\r\n--${boundary}`);
  let at = startsWith(body, delimiter, 0) ? 0 : indexOf(body, separator, 0);
  if (at === -1) throw new Error('Malformed multipart body: the boundary never appears.');
  at += at === 0 ? delimiter.length : separator.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    // `--` after a delimiter closes the body; anything after that is an epilogue, ignored.
    if (body[at] === DASH && body[at + 1] === DASH) return parts;
    at = skipLineEnd(body, at);
    // From the delimiter line's own CRLF: a part without headers has its blank line right there.
    const headersEnd = indexOf(body, encoder.encode('\r\n\r\n'), at - 2);
    if (headersEnd === -1) throw new Error('Malformed multipart body: a part’s headers never end.');
    const headers = at >= headersEnd ? '' : utf8.decode(body.subarray(at, headersEnd));
    const dataStart = headersEnd + 4;
    const dataEnd = indexOf(body, separator, dataStart);
    if (dataEnd === -1) throw new Error('Malformed multipart body: it ends inside a part.');
    parts.push(partOf(headers, body.subarray(dataStart, dataEnd)));
    at = dataEnd + separator.length;
  }
}

/** The boundary parameter of a multipart/form-data content type. */
function boundaryOf(contentType: string): string {
  const [type = '', ...rest] = splitParameters(contentType);
  if (type.trim().toLowerCase() !== 'multipart/form-data') {
    throw new Error(`Not a multipart/form-data body (Content-Type: ${contentType || 'none'}).`);
  }
  const boundary = parameters(rest).get('boundary');
  // RFC 2046: 1 to 70 characters.
  if (!boundary || boundary.length > 70) {
    throw new Error('The multipart/form-data Content-Type has no usable boundary.');
  }
  return boundary;
}

/** Past the line break that ends a delimiter line (after any padding whitespace). */
function skipLineEnd(body: Uint8Array, from: number): number {
  let at = from;
  while (body[at] === 0x20 || body[at] === 0x09) at++;
  if (body[at] !== CR || body[at + 1] !== LF) {
    throw new Error('Malformed multipart body: a boundary line does not end in CRLF.');
  }
  return at + 2;
}

function partOf(headerBlock: string, data: Uint8Array): MultipartPart {
  const headers = new Map<string, string>();
  for (const line of headerBlock.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`Malformed multipart body: a bad header line (${line}).`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (disposition === undefined) {
    throw new Error('Malformed multipart body: a part has no Content-Disposition.');
  }
  const [kind = '', ...rest] = splitParameters(disposition);
  const params = parameters(rest);
  const name = params.get('name');
  if (kind.trim().toLowerCase() !== 'form-data' || name === undefined) {
    throw new Error(`Malformed multipart body: a part is not a named form field (${disposition}).`);
  }
  return {
    name: unescapeFormName(name),
    filename: fileNameOf(params),
    contentType: headers.get('content-type') ?? null,
    data,
  };
}

/** The file name, preferring RFC 5987's `filename*` (UTF-8, percent-encoded) when sent. */
function fileNameOf(params: Map<string, string>): string | null {
  const extended = params.get('filename*');
  if (extended !== undefined) {
    const match = /^utf-8'[^']*'(.*)$/i.exec(extended);
    if (match) {
      try {
        return decodeURIComponent(match[1]!);
      } catch {
        // Not percent-encoded properly: fall back to the plain parameter.
      }
    }
  }
  const plain = params.get('filename');
  return plain === undefined ? null : unescapeFormName(plain);
}

/**
 * Browsers and Node's FormData (the HTML standard's encoding) write `"`, CR and LF in names as
 * `%22`, `%0D` and `%0A` and send everything else, non-ASCII included, as raw UTF-8. Undone
 * here, so the name read back is the one the sender gave.
 */
function unescapeFormName(value: string): string {
  return value.replace(/%(22|0D|0A)/gi, (code) => String.fromCharCode(parseInt(code.slice(1), 16)));
}

/**
 * Splits `type; a=1; b="x;y"` at the semicolons outside quotes. A backslash escapes nothing: in
 * the HTML standard's encoding a quote inside a value is always `%22`, and a backslash is part of
 * the name (`a\b.jpg` is sent as `"a\b.jpg"`).
 */
function splitParameters(header: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) throw new Error(`Malformed header: an unclosed quote (${header}).`);
  pieces.push(current);
  return pieces;
}

/** `name=value` pieces into a map (names in lower case, quoted values unquoted). */
function parameters(pieces: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const piece of pieces) {
    const equals = piece.indexOf('=');
    if (equals === -1) continue;
    const key = piece.slice(0, equals).trim().toLowerCase();
    const raw = piece.slice(equals + 1).trim();
    const value =
      raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    // The first occurrence wins, as a second `name=` is most likely an attack on a sloppy reader.
    if (!map.has(key)) map.set(key, value);
  }
  return map;
}

function startsWith(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}

/** The first index of `needle` in `haystack` from `from` on; -1 when absent. */
function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let at = haystack.indexOf(first, Math.max(0, from)); at !== -1;) {
    if (startsWith(haystack, needle, at)) return at;
    at = haystack.indexOf(first, at + 1);
  }
  return -1;
}
