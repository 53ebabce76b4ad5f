import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ErrorCode } from '../../shared/contract/envelope';
import { fail } from '../../shared/contract/envelope';
import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_UPLOAD_PATH,
  MEDIA_PREFIX,
  UPLOAD_NAME_HEADER,
  parseMediaPath,
} from '../../shared/contract/transport';
import type { Engine } from '../engine/engine';
import type { Caller } from '../engine/api/types';
import { planRange, rangeHeaders } from '../web/byteRange';
import { SECURITY_HEADERS } from '../web/securityHeaders';
import { contentTypeOf, resolveAsset } from '../web/staticAssets';

export const DEFAULT_PORT = 7450;
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const SSE_HEARTBEAT_MS = 15_000;

export interface ServeOptions {
  engine: Engine;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Largest upload taken, bytes. */
  maxUploadBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** A `.` or `..` segment, plain or percent-encoded: clients resolve them, so only path tricks send one. */
const DOT_SEGMENT = /(^|[/\\])(\.|%2e){1,2}(?=[/\\]|$)/i;

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_request':
    case 'unknown_method':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'duplicate':
      return 409;
    case 'internal':
      return 500;
    case 'media_error':
    case 'unsupported':
    case 'cancelled':
      return 422;
  }
}

export const SESSION_COOKIE = 'amelia_session';

function sessionCookie(token: string, maxAgeSec: number): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSec}`;
}

/** The caller of a request: the session its cookie names (the engine checks it). */
export function callerOf(req: IncomingMessage): Caller {
  const cookies = req.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return { userId: null, sessionToken: v.join('=') || null };
  }
  return { userId: null, sessionToken: null };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  send(res, httpStatusOf(code), fail(code, message));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new Error(`request body over ${MAX_JSON_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? {} : (JSON.parse(text) as unknown);
}

/**
 * `amelia serve`: the contract over HTTP (`POST /api/<method>`), events as server-sent events, video files
 * with byte ranges (so a browser can seek), uploads, and the built renderer. Bound to loopback unless told
 * otherwise; requests naming another host or coming from another origin are refused (DNS rebinding, CSRF).
 */
export async function startHttpServer(options: ServeOptions): Promise<RunningServer> {
  const { engine, rendererDir } = options;
  const host = options.host ?? '127.0.0.1';
  const maxUpload = options.maxUploadBytes ?? 64 * 1024 ** 3;
  const wildcard = host === '0.0.0.0' || host === '::';
  let allowedHosts = new Set<string>();
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('amelia serve: request failed:', err);
      if (!res.headersSent) sendError(res, 'internal', 'internal error');
      else res.destroy();
    });
  });

  function hostAllowed(req: IncomingMessage): boolean {
    if (wildcard) return true;
    return allowedHosts.has((req.headers.host ?? '').toLowerCase());
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    try {
      const u = new URL(origin);
      return u.protocol === 'http:' && (wildcard ? u.host === req.headers.host : allowedHosts.has(u.host));
    } catch {
      return false;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The request target is a path: leading slashes collapse to one, so that `//x` is not read as a host
    // (`new URL('//x', base)` names host `x`, and `//` alone does not parse).
    const url = new URL(`/${(req.url ?? '/').replace(/^\/+/, '')}`, 'http://local');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (!hostAllowed(req)) {
      sendError(res, 'forbidden', `This server answers only to ${[...allowedHosts][0] ?? host}.`);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD' && !originAllowed(req)) {
      sendError(res, 'forbidden', 'Cross-origin requests are refused.');
      return;
    }
    // `new URL` would resolve them, turning `/media/../../x` into a request for some other route.
    if (DOT_SEGMENT.test((req.url ?? '/').split('?')[0] ?? '')) {
      sendError(res, 'not_found', 'Not found.');
      return;
    }

    if (path.startsWith(HTTP_API_PREFIX)) {
      if (method !== 'POST') {
        res.setHeader('Allow', 'POST');
        sendError(res, 'invalid_request', 'API methods are called with POST.');
        return;
      }
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        sendError(res, 'invalid_request', 'API requests must be sent as application/json.');
        return;
      }
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (err) {
        sendError(res, 'invalid_request', `The request body is not valid JSON: ${(err as Error).message}`);
        return;
      }
      const name = path.slice(HTTP_API_PREFIX.length);
      const envelope = await engine.callByName(name, body, callerOf(req));
      if (envelope.ok && name === 'auth.signIn') {
        // The session lives in an HttpOnly cookie: page scripts never see its token.
        const value = envelope.value as { user: unknown; session: { token: string; expiresAt: string } };
        const maxAge = Math.max(0, Math.floor((Date.parse(value.session.expiresAt) - Date.now()) / 1000));
        res.setHeader('Set-Cookie', sessionCookie(value.session.token, maxAge));
        send(res, 200, {
          ok: true,
          value: { user: value.user, session: { token: '', expiresAt: value.session.expiresAt } },
        });
        return;
      }
      if (name === 'auth.signOut') res.setHeader('Set-Cookie', sessionCookie('', 0));
      send(res, envelope.ok ? 200 : httpStatusOf(envelope.error.code), envelope);
      return;
    }

    if (path === HTTP_EVENTS_PATH && method === 'GET') {
      const refused = engine.permit(callerOf(req), { kind: 'events' });
      if (refused) {
        sendError(res, refused.code, refused.message);
        return;
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      const off = engine.on((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const beat = setInterval(() => res.write(': ping\n\n'), SSE_HEARTBEAT_MS);
      req.on('close', () => {
        off();
        clearInterval(beat);
        streams.delete(res);
      });
      return;
    }

    if (path === HTTP_UPLOAD_PATH) {
      if (method !== 'POST') {
        sendError(res, 'invalid_request', 'Uploads are sent with POST.');
        return;
      }
      const refused = engine.permit(callerOf(req), { kind: 'upload' });
      if (refused) {
        sendError(res, refused.code, refused.message);
        return;
      }
      await receiveUpload(req, res);
      return;
    }

    if (path.startsWith(MEDIA_PREFIX) && (method === 'GET' || method === 'HEAD')) {
      const ref = parseMediaPath(path.slice(MEDIA_PREFIX.length));
      const refused = ref ? engine.permit(callerOf(req), { kind: 'media', videoId: ref.videoId }) : null;
      if (refused) {
        sendError(res, refused.code, refused.message);
        return;
      }
      const info = ref ? engine.mediaFile(ref.videoId, ref.file) : null;
      if (!info) {
        sendError(res, 'not_found', 'No such media file.');
        return;
      }
      const plan = planRange(info.size, req.headers.range);
      res.writeHead(plan.status, {
        ...SECURITY_HEADERS,
        ...rangeHeaders(plan, info.size, info.contentType),
        'Cache-Control': ref?.file.kind === 'source' ? 'no-cache' : 'private, max-age=3600',
      });
      if (plan.status === 416 || method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(createReadStream(info.path, { start: plan.start, end: plan.end }), res).catch(() =>
        res.destroy(),
      );
      return;
    }

    if (method === 'GET' || method === 'HEAD') {
      const file = resolveAsset(rendererDir, path === '/' ? '/index.html' : path);
      if (!file) {
        sendError(res, 'not_found', 'Not found.');
        return;
      }
      const type = contentTypeOf(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': type,
        'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(createReadStream(file), res).catch(() => res.destroy());
      return;
    }
    res.setHeader('Allow', 'GET, HEAD, POST');
    sendError(res, 'invalid_request', `${method} is not supported here.`);
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawName = req.headers[UPLOAD_NAME_HEADER];
    let name: string;
    try {
      name = typeof rawName === 'string' ? decodeURIComponent(rawName) : '';
    } catch {
      name = '';
    }
    name = name
      .replace(/[\\/\0]/g, '_')
      .trim()
      .slice(0, 255);
    if (!name) {
      sendError(res, 'invalid_request', `An upload names its file in the ${UPLOAD_NAME_HEADER} header.`);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxUpload) {
      sendError(res, 'invalid_request', `The file is larger than the ${maxUpload} bytes an upload may be.`);
      return;
    }
    const dir = await engine.uploadDir();
    const file = join(dir, 'upload.bin');
    let received = 0;
    try {
      await pipeline(
        req,
        async function* limit(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            received += chunk.length;
            if (received > maxUpload) throw new Error('upload too large');
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      // The request is destroyed here even where its socket is not (all of the body had arrived): answer
      // while the client can hear it, and close the connection, as the rest of the body is not read.
      if (!res.headersSent && res.socket && !res.socket.destroyed) {
        res.setHeader('Connection', 'close');
        sendError(res, 'invalid_request', `The upload failed: ${(err as Error).message}`);
      }
      return;
    }
    try {
      const result = await engine.importUpload(file, name);
      send(res, 200, { ok: true, value: result });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const port = options.port ?? DEFAULT_PORT;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is in use: pass another with --port, or --port 0 for any free one.`,
            )
          : err,
      );
    });
    server.listen(port, host, () => resolvePromise());
  });
  const bound = (server.address() as AddressInfo).port;
  allowedHosts = new Set([...LOOPBACK].map((h) => `${h}:${bound}`));
  // An IPv6 address is written in brackets in a URL and in the Host header.
  const urlHost = isIPv6(host) ? `[${host.toLowerCase()}]` : host.toLowerCase();
  if (!wildcard && !LOOPBACK.has(host)) allowedHosts.add(`${urlHost}:${bound}`);
  const shownHost = wildcard ? '127.0.0.1' : urlHost;
  return {
    url: `http://${shownHost}:${bound}/`,
    port: bound,
    host,
    async close() {
      for (const s of streams) s.end();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
