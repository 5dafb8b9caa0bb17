import { createFakeApi, fakeImageBytes, TEST_KEY } from '.';
import type { FakeAccount, FakeDataset } from './model';
import { fakeFetch } from './request';
import { createFakeIdeogram, type FakeOptions } from './server';

// How the fake API's own tests call it: reads through its request log (as routing does), writes
// through `fakeFetch` with real request bodies (FormData encoded by the platform, as the
// extension's uploads are, so the multipart reading is exercised for real).

export const MINUTE = 60_000;

export function get(fake: ReturnType<typeof createFakeApi>, path: string, key = TEST_KEY) {
  const outcome = fake.respond({
    method: 'GET',
    url: `https://api.ideogram.ai${path}`,
    headers: { 'Api-Key': key },
  });
  if (outcome.type !== 'reply') throw new Error('expected a reply');
  return { status: outcome.reply.status, body: JSON.parse(String(outcome.reply.body)) };
}

export const names = (body: { models: { name: string }[] }) =>
  body.models.map((m) => m.name).sort();

export const KEY = 'write-key';
export const API = 'https://api.ideogram.ai';
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
export const SECOND = 1000;
export const ID = /^[A-Za-z0-9_-]{22}$/;
export const MB = 1024 * 1024;

export function writable(
  datasets: FakeDataset[] = [],
  extra: Partial<FakeAccount> = {},
  options?: FakeOptions,
) {
  let clock = T0;
  const server = createFakeIdeogram(
    { apiKey: KEY, models: [], datasets, ...extra },
    () => clock,
    options,
  );
  const fetch = fakeFetch(server.handle);
  async function call(method: string, path: string, body?: BodyInit, headers = {}) {
    const response = await fetch(`${API}${path}`, {
      method,
      body,
      headers: { 'Api-Key': KEY, ...headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  return {
    account: server.account,
    advance(ms: number) {
      clock += ms;
    },
    call,
    get: (path: string) => call('GET', path),
    postJson: (path: string, body: unknown, headers = {}) =>
      call('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers }),
    upload(datasetId: string, files: File[]) {
      const form = new FormData();
      for (const file of files) form.append('files', file);
      return call('POST', `/datasets/${datasetId}/upload_assets`, form);
    },
  };
}

/** A file whose bytes start as an image of the kind its extension says (JPEG otherwise). */
export function image(name: string, size?: number): File {
  const kind = /\.png$/i.test(name) ? 'png' : /\.webp$/i.test(name) ? 'webp' : 'jpeg';
  return new File([fakeImageBytes(kind, size)], name);
}

export const textFile = (name: string, content: string | Uint8Array<ArrayBuffer>) =>
  new File([content], name);

/** The dataset's files as GET /datasets/{id} shows them. */
export async function filesOf(api: ReturnType<typeof writable>, id: string) {
  return (await api.get(`/datasets/${id}`)).body.files as Record<string, unknown>[];
}

export const failures = (body: {
  failed_assets: { file_name: string; failure_reason: string }[];
}) => body.failed_assets.map((f) => [f.file_name, f.failure_reason]);
export const successes = (body: { successful_assets: { file_name: string }[] }) =>
  body.successful_assets.map((a) => a.file_name);
