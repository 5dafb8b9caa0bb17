import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeApi } from './index';
import { fakeRequestOf } from './request';

// The fake API as a real HTTPS server, for browsers whose test driver cannot intercept the
// background's requests (Firefox over WebDriver BiDi): a local proxy answers
// `CONNECT api.ideogram.ai:443` and hands the connection to an HTTPS server that speaks for the
// fakes, with a certificate made here for api.ideogram.ai (the browser is told to accept it).
// Every other CONNECT is refused, so nothing else leaves the machine.

let certificate: { key: Buffer; cert: Buffer } | undefined;

/** A self-signed certificate for api.ideogram.ai, made once per test process. */
function certificateFor(): { key: Buffer; cert: Buffer } {
  if (certificate) return certificate;
  const dir = mkdtempSync(path.join(tmpdir(), 'model-watch-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${dir}/key.pem`,
      '-out',
      `${dir}/cert.pem`,
      '-days',
      '2',
      '-subj',
      '/CN=api.ideogram.ai',
      '-addext',
      'subjectAltName=DNS:api.ideogram.ai',
    ],
    { stdio: 'ignore' },
  );
  certificate = { key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) };
  return certificate;
}

export interface FakeApiProxy {
  port: number;
  /** Hosts the browser asked the proxy to reach (all but api.ideogram.ai are refused). */
  connects: string[];
  /** While on, api.ideogram.ai cannot be reached either (a failed connection). */
  refuse(on: boolean): void;
  /** Between tests: every connection closed, the log emptied, connections allowed. */
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

export async function startFakeApiProxy(
  /** The fakes answering now (a browser shared by several tests answers from each test's own). */
  fakesNow: () => FakeApi[],
): Promise<FakeApiProxy> {
  const sockets = new Set<Socket>();
  const api = https.createServer(certificateFor(), async (req, res) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    const url = `https://api.ideogram.ai${req.url ?? '/'}`;
    const fakes = fakesNow();
    const fake = fakes.find((f) => f.account.apiKey === headers['api-key']) ?? fakes[0];
    if (!fake) {
      req.socket.destroy();
      return;
    }
    // The whole body first (an upload's files, a training's settings), as a server reads it.
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      return; // the browser gave up mid-upload: there is no one to answer
    }
    const method = req.method ?? 'GET';
    const outcome = fake.respond(
      await fakeRequestOf({
        method,
        url,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      }),
    );
    void fake.gateFor(url).then(() => {
      if (outcome.type === 'drop') req.socket.destroy();
      // Never answered: the extension's own timeout has to end it.
      else if (outcome.type === 'hang') return;
      else {
        res.writeHead(outcome.reply.status, outcome.reply.headers);
        res.end(outcome.reply.body);
      }
    });
  });
  let refusing = false;
  const connects: string[] = [];
  const proxy = http.createServer((_req, res) => {
    res.writeHead(403);
    res.end();
  });
  proxy.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    connects.push(req.url ?? '');
    if (req.url !== 'api.ideogram.ai:443' || refusing) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    api.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    connects,
    refuse(on) {
      refusing = on;
      // Connections already open (kept alive) fail too, as a lost network would make them.
      if (on) for (const socket of sockets) socket.destroy();
    },
    reset() {
      refusing = false;
      for (const socket of sockets) socket.destroy();
      connects.length = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      api.close();
    },
  };
}
