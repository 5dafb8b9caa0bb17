// A request and an answer as the fake API takes and gives them, and the bridges to `fetch`: the
// same for the unit tests' fetch, Playwright's routing and the HTTPS server for Firefox.

/** One part of a multipart form: a file (with its name) or a text field (`filename` null). */
export interface FormPart {
  name: string;
  filename: string | null;
  data: Uint8Array;
}

export interface FakeRequest {
  method: string;
  url: string;
  /** Header names in any case. */
  headers: Record<string, string>;
  /** The request's body as sent, for the methods that have one. */
  body?: Uint8Array;
  /**
   * A multipart body, read by the platform (`Request.formData()`, as a server's framework would):
   * its parts, or 'malformed' when it could not be read.
   */
  form?: FormPart[] | 'malformed';
}

export interface FakeReply {
  status: number;
  headers: Record<string, string>;
  /** Text (every API answer); bytes only for the files tests serve beside it (an image). */
  body: string | Uint8Array;
}

/** A request's header, whatever the case of its name. */
export function requestHeader(request: FakeRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers).find(([n]) => n.toLowerCase() === wanted)?.[1];
}

/** A fetch Request as the fake takes it, without its body. */
export function requestHead(request: Request): FakeRequest {
  return { method: request.method, url: request.url, headers: Object.fromEntries(request.headers) };
}

/** A fetch Request as the fake takes it, its body read (GET and HEAD have none). */
export async function toFakeRequest(request: Request): Promise<FakeRequest> {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || request.body === null) return requestHead(request);
  const body = new Uint8Array(await request.clone().arrayBuffer());
  const read: FakeRequest = { ...requestHead(request), body };
  if (/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) {
    read.form = await formOf(request);
  }
  return read;
}

/** The request as the fake takes it, from the parts Playwright's routing and node's server give. */
export function fakeRequestOf(parts: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}): Promise<FakeRequest> {
  const { method, url, headers, body } = parts;
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return toFakeRequest(
    new Request(url, { method, headers, ...(hasBody && { body: new Uint8Array(body) }) }),
  );
}

async function formOf(request: Request): Promise<FormPart[] | 'malformed'> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return 'malformed';
  }
  const parts: FormPart[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      parts.push({ name, filename: null, data: new TextEncoder().encode(value) });
    } else {
      parts.push({ name, filename: value.name, data: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return parts;
}

/** A `fetch` answered by `handle` instead of the network. */
export function fakeFetch(handle: (request: FakeRequest) => FakeReply): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    init?.signal?.throwIfAborted();
    const reply = handle(await toFakeRequest(request));
    return new Response(reply.status === 204 ? null : (reply.body as BodyInit), {
      status: reply.status,
      headers: reply.headers,
    });
  };
}
