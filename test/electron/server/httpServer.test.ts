import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { basename, join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/contract/api';
import type { AnyEvent } from '../../../shared/contract/events';
import type { Video } from '../../../shared/domain/video';
import type { Engine } from '../../../electron/engine/engine';
import { createEngine } from '../../../electron/engine/engine';
import type { RunningServer } from '../../../electron/server/httpServer';
import { startHttpServer } from '../../../electron/server/httpServer';
import { dataPath } from '../../support/data';
import { tempDir } from '../../support/tempProject';

const TA_CHI = dataPath('mmskeleton', 'ta_chi.mp4');
const ONE_FRAME = dataPath('tricky', 'one_frame.mp4');
const SSE_CLIP = dataPath('tricky', 'frame_numbers_25fps.mp4');
const RANDOM_BYTES = dataPath('tricky', 'random_bytes.mp4');
const INDEX_HTML = '<!doctype html><title>amelia test renderer</title>';

const project = tempDir('amelia-http-project-');
/** The renderer lives one level down, so that files beside it are inside the temporary folder too. */
const rendererParent = tempDir('amelia-http-renderer-');
const renderer = { dir: join(rendererParent.dir, 'renderer'), remove: rendererParent.remove };
let engine: Engine;
let server: RunningServer;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request with node:http, which (unlike fetch) sends the Host header and path exactly as given. */
function raw(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function importClip(path: string): Promise<ImportResult> {
  const res = await api('videos.import', { paths: [path] });
  expect(res.status).toBe(200);
  const envelope = (await res.json()) as { ok: true; value: ImportResult };
  expect(envelope.ok).toBe(true);
  return envelope.value;
}

function upload(bytes: Buffer, name: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (name !== null) headers['x-amelia-file-name'] = encodeURIComponent(name);
  return fetch(`${server.url}upload`, { method: 'POST', headers, body: bytes });
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function expectNoPasswd(body: Buffer): void {
  expect(body.toString('utf8')).not.toMatch(/root:.*:0:0:/);
}

beforeAll(async () => {
  mkdirSync(renderer.dir);
  writeFileSync(join(renderer.dir, 'index.html'), INDEX_HTML);
  engine = await createEngine({ projectDir: project.dir, runJobs: true });
  server = await startHttpServer({ engine, rendererDir: renderer.dir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
  project.remove();
  renderer.remove();
});

describe('the server', () => {
  it('listens on loopback, on the port the system picked', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('prints a URL that reaches it when bound to IPv6 loopback', async () => {
    const v6 = await startHttpServer({ engine, rendererDir: renderer.dir, host: '::1', port: 0 });
    try {
      expect(v6.url).toBe(`http://[::1]:${v6.port}/`);
      const res = await fetch(`${v6.url}api/system.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: v6.url.slice(0, -1) },
        body: '{}',
      });
      expect(res.status).toBe(200);
    } finally {
      await v6.close();
    }
  });

  it('serves the renderer with the security headers', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(INDEX_HTML);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers client routes with index.html and missing assets with 404', async () => {
    const route = await fetch(`${server.url}videos/abc`);
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX_HTML);
    const missing = await fetch(`${server.url}assets/missing.js`);
    expect(missing.status).toBe(404);
  });

  it('puts the security headers on API replies and errors too', async () => {
    for (const res of [
      await api('system.info', {}),
      await api('no.such', {}),
      await fetch(`${server.url}nope.js`),
    ]) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });
});

describe('the API', () => {
  it('answers POST /api/system.info with the project and the binaries', async () => {
    const res = await api('system.info', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      ok: boolean;
      value: { project: { dir: string }; ffprobe: { path: string } };
    };
    expect(body.ok).toBe(true);
    expect(body.value.project.dir).toBe(engine.project.dir);
    expect(body.value.ffprobe.path).toBe(engine.binaries.ffprobe.path);
  });

  it('takes an empty body as an empty request', async () => {
    const res = await fetch(`${server.url}api/videos.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: expect.any(Array) });
  });

  it('refuses an unknown method with 400 unknown_method', async () => {
    const res = await api('videos.explode', {});
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('unknown_method');
  });

  it('does not take inherited object properties for methods', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const res = await api(name, {});
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_method');
    }
  });

  it('refuses malformed JSON with 400 invalid_request', async () => {
    const res = await fetch(`${server.url}api/system.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: { code: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses a request that does not fit the contract with 400, naming the field', async () => {
    const res = await api('videos.get', { videoId: '../etc' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', where: 'videoId' },
    });
    const extra = await api('system.info', { sneaky: true });
    expect(extra.status).toBe(400);
  });

  it('answers a missing video with 404 not_found', async () => {
    const res = await api('videos.get', { videoId: 'no-such-video' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses GET on an API method with 400 and names POST', async () => {
    const res = await fetch(`${server.url}api/system.info`);
    expect(res.status).toBe(400);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a body sent as %s (what a cross-site form can send) with 400',
    async (type) => {
      const res = await fetch(`${server.url}api/system.info`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{}',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    },
  );

  it('refuses a request without a content type with 400', async () => {
    const res = await raw({ method: 'POST', path: '/api/system.info', body: '{}' });
    expect(res.status).toBe(400);
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it.each(['evil.example', 'evil.example:80', `evil.example:${7450}`, '127.0.0.1.evil.example', '127.0.0.1'])(
    'refuses a request whose Host is %j with 403',
    async (host) => {
      const res = await raw({
        method: 'POST',
        path: '/api/system.info',
        headers: { Host: host, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(res.body.toString('utf8')).not.toContain(engine.project.dir);
    },
  );

  it('refuses GETs of pages and media for a foreign Host too', async () => {
    const page = await raw({ path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(page.body.toString('utf8')).not.toContain(INDEX_HTML);
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('answers Host %s with the bound port', async (name) => {
    const res = await raw({
      method: 'POST',
      path: '/api/system.info',
      headers: { Host: `${name}:${server.port}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it.each(['http://evil.example', 'null', 'https://127.0.0.1:1', 'http://127.0.0.1', 'not a url'])(
    'refuses a POST with Origin %j with 403',
    async (origin) => {
      const res = await api('system.info', {}, { origin });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    },
  );

  it('takes a POST from its own origin', async () => {
    const res = await api('system.info', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(res.status).toBe(200);
  });

  it('refuses an upload from another origin without importing it', async () => {
    const before = readdirSync(engine.layout.media);
    const res = await fetch(`${server.url}upload`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'x-amelia-file-name': 'x.mp4' },
      body: readFileSync(ONE_FRAME),
    });
    expect(res.status).toBe(403);
    expect(readdirSync(engine.layout.media)).toEqual(before);
  });
});

describe('media', () => {
  let video: Video;
  let size: number;

  beforeAll(async () => {
    const result = await importClip(TA_CHI);
    expect(result.failed).toEqual([]);
    video = result.imported[0] as Video;
    expect(video).toBeDefined();
    size = statSync(TA_CHI).size;
  });

  it('sends a byte range of the source with 206', async () => {
    const res = await fetch(`${server.url}media/${video.id}/source`, { headers: { range: 'bytes=0-99' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(100);
    expect(body.equals(readFileSync(TA_CHI).subarray(0, 100))).toBe(true);
  });

  it('sends a range from the middle and a suffix range', async () => {
    const file = readFileSync(TA_CHI);
    const mid = await fetch(`${server.url}media/${video.id}/source`, {
      headers: { range: 'bytes=1000-1999' },
    });
    expect(mid.status).toBe(206);
    expect(Buffer.from(await mid.arrayBuffer()).equals(file.subarray(1000, 2000))).toBe(true);
    const tail = await fetch(`${server.url}media/${video.id}/source`, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(file.subarray(size - 10))).toBe(true);
  });

  it('sends the whole file without a range', async () => {
    const res = await fetch(`${server.url}media/${video.id}/source`);
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(size));
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(TA_CHI))).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await raw({ method: 'HEAD', path: `/media/${video.id}/source` });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(size));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.length).toBe(0);
    const ranged = await raw({
      method: 'HEAD',
      path: `/media/${video.id}/source`,
      headers: { range: 'bytes=0-9' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 0-9/${size}`);
    expect(ranged.body.length).toBe(0);
  });

  it('refuses a range past the end with 416 and names the size', async () => {
    const res = await fetch(`${server.url}media/${video.id}/source`, {
      headers: { range: 'bytes=999999999-' },
    });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves the poster as a JPEG', async () => {
    const res = await fetch(`${server.url}media/${video.id}/poster.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
  });

  it('has no proxy for a video the browser plays as it is', async () => {
    expect(video.proxyState).toBe('not-needed');
    const res = await fetch(`${server.url}media/${video.id}/proxy.mp4`);
    expect(res.status).toBe(404);
  });

  it('answers 404 for the media of an unknown video', async () => {
    for (const file of ['source', 'poster.jpg', 'proxy.mp4', 'thumbs/0.jpg']) {
      const res = await fetch(`${server.url}media/00000000-0000-0000-0000-000000000000/${file}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('answers 404 for a thumbnail index past the strip', async () => {
    const res = await fetch(`${server.url}media/${video.id}/thumbs/9999.jpg`);
    expect(res.status).toBe(404);
  });

  it.each([
    '/media/../../etc/passwd',
    '/media/../../../../../../etc/passwd',
    '/media/%2e%2e/%2e%2e/etc/passwd',
    '/media/%2E%2E/%2E%2E/etc/passwd',
    '/media/..%2f..%2f..%2fetc%2fpasswd',
    '/media/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/media/..%5c..%5cetc%5cpasswd',
    '/media/..\\..\\..\\etc\\passwd',
    '/media/%252e%252e/%252e%252e/etc/passwd',
    '/media/x/../../../etc/passwd',
    '/media/%00/etc/passwd',
  ])('answers 404 for %s, never a file', async (path) => {
    const res = await raw({ path });
    expect(res.status).toBe(404);
    expectNoPasswd(res.body);
    expect(res.body.toString('utf8')).not.toContain(INDEX_HTML);
  });

  it('never serves a video file by its path on disk', async () => {
    const res = await raw({ path: `/media/${encodeURIComponent(TA_CHI)}` });
    expect(res.status).toBe(404);
    const viaSource = await raw({ path: `/media/${video.id}/source/..%2f..%2f..%2f..%2fetc%2fpasswd` });
    expect(viaSource.status).toBe(404);
    expectNoPasswd(viaSource.body);
  });
});

describe('static files', () => {
  it.each([
    '/../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/index.html%00.js',
  ])('refuses %s without sending a file outside the renderer', async (path) => {
    const res = await raw({ path });
    expectNoPasswd(res.body);
    expect(res.status).toBe(404);
  });

  it('reads a target with doubled slashes as a path, not a host: // is the app, //etc/passwd nothing', async () => {
    const root = await raw({ path: '//' });
    expect(root.status).toBe(200);
    expect(root.body.toString('utf8')).toContain('<!doctype html>');
    const passwd = await raw({ path: '//etc/passwd' });
    expectNoPasswd(passwd.body);
    const api = await raw({ path: '//api/system.info', method: 'POST' });
    expect(api.status).not.toBe(500);
  });

  it('does not serve the project database or other files beside the renderer', async () => {
    writeFileSync(join(renderer.dir, '..', `${basename(renderer.dir)}-secret.txt`), 'secret');
    const res = await raw({ path: `/..%2f${basename(renderer.dir)}-secret.txt` });
    expect(res.status).toBe(404);
    expect(res.body.toString('utf8')).not.toContain('secret');
    const db = await raw({ path: `/${encodeURIComponent(engine.layout.database)}` });
    expect(db.body.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('refuses other HTTP methods', async () => {
    const res = await fetch(server.url, { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

describe('server-sent events', () => {
  it('delivers engine events about a video just imported', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const res = await fetch(`${server.url}events`, { signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      let connected = false;
      const seen: AnyEvent[] = [];
      /** Reads the stream until `done` holds for what has come. */
      const readUntil = async (done: () => boolean) => {
        while (!done()) {
          const chunk = await reader.read();
          if (chunk.done) throw new Error('the event stream ended');
          text += decoder.decode(chunk.value, { stream: true });
          const blocks = text.split('\n\n');
          text = blocks.pop() ?? '';
          for (const block of blocks) {
            if (block.startsWith(': connected')) connected = true;
            for (const line of block.split('\n'))
              if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)) as AnyEvent);
          }
        }
      };
      // The server has taken the subscription once it says so: import only then.
      await readUntil(() => connected);
      const result = await importClip(SSE_CLIP);
      const id = result.imported[0]?.id as string;
      expect(id).toBeDefined();
      const about = (e: AnyEvent) =>
        e.name === 'data.changed' ? e.payload.ids.includes(id) : e.payload.videoId === id;
      await readUntil(() => seen.some(about));
      const event = seen.find(about) as AnyEvent;
      if (event.name === 'data.changed')
        expect(event.payload).toMatchObject({ entity: 'video', ids: [id], removed: false });
      else
        expect(event.payload).toMatchObject({
          videoId: id,
          kind: expect.stringMatching(/^(thumbnails|proxy)$/),
        });
      await reader.cancel();
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  });
});

describe('uploads', () => {
  it('imports an upload under the given name, into a file of the project named by no part of it', async () => {
    const name = 'Kitchen, morning ü.mp4';
    const bytes = readFileSync(ONE_FRAME);
    const res = await upload(bytes, name);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; value: ImportResult };
    expect(body.ok).toBe(true);
    expect(body.value.failed).toEqual([]);
    const video = body.value.imported[0] as Video;
    expect(video.name).toBe(name);
    expect(video.frameCount).toBe(1);
    // The project keeps its own copy, under media/<id>/, named by nothing the uploader chose.
    expect(video.sourcePath.startsWith(engine.layout.media + sep)).toBe(true);
    expect(video.sourcePath.startsWith(join(engine.layout.media, video.id) + sep)).toBe(true);
    expect(basename(video.sourcePath)).not.toContain('Kitchen');
    expect(basename(video.sourcePath)).toMatch(/^source\.mp4$/);
    expect(readFileSync(video.sourcePath).equals(bytes)).toBe(true);
    // No temporary upload is left.
    expect(filesUnder(engine.layout.staging).filter((f) => f.endsWith('upload.bin'))).toEqual([]);
    // It plays from the server like any other video.
    const media = await fetch(`${server.url}media/${video.id}/source`, { headers: { range: 'bytes=0-9' } });
    expect(media.status).toBe(206);
  });

  it('keeps a name with path separators as a name only', async () => {
    const res = await upload(readFileSync(dataPath('tricky', 'vp9.webm')), '../../../evil/x.webm');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; value: ImportResult };
    const video = body.value.imported[0] as Video;
    expect(video.name).not.toContain('/');
    expect(video.sourcePath).toBe(join(engine.layout.media, video.id, 'source.webm'));
    expect(existsSync(join(engine.layout.dir, '..', 'evil'))).toBe(false);
  });

  it('refuses an upload without the file-name header with 400', async () => {
    const before = filesUnder(engine.layout.media);
    const res = await upload(readFileSync(ONE_FRAME), null);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(filesUnder(engine.layout.media)).toEqual(before);
  });

  it('refuses an upload sent with GET', async () => {
    const res = await fetch(`${server.url}upload`, { headers: { 'x-amelia-file-name': 'x.mp4' } });
    expect(res.status).toBe(400);
  });

  it('reports an upload that is not a video as failed and keeps nothing of it', async () => {
    const garbage = readFileSync(RANDOM_BYTES);
    const mediaBefore = readdirSync(engine.layout.media).sort();
    const videosBefore = ((await (await api('videos.list', {})).json()) as { value: Video[] }).value.length;
    const res = await upload(garbage, 'holiday.mp4');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; value: ImportResult };
    expect(body.value.imported).toEqual([]);
    expect(body.value.failed).toHaveLength(1);
    expect(body.value.failed[0]).toMatchObject({
      path: 'holiday.mp4',
      code: expect.stringMatching(/media_error|unsupported/),
    });
    expect(body.value.failed[0]?.message).toMatch(/not a video/);
    expect(readdirSync(engine.layout.media).sort()).toEqual(mediaBefore);
    const videosAfter = ((await (await api('videos.list', {})).json()) as { value: Video[] }).value.length;
    expect(videosAfter).toBe(videosBefore);
    const leftovers = filesUnder(engine.layout.dir).filter((f) => {
      const st = statSync(f);
      return st.size === garbage.length && readFileSync(f).equals(garbage);
    });
    expect(leftovers).toEqual([]);
    expect(filesUnder(engine.layout.staging).filter((f) => f.endsWith('upload.bin'))).toEqual([]);
  });

  it('refuses an upload larger than the limit', async () => {
    const small = await startHttpServer({ engine, rendererDir: renderer.dir, port: 0, maxUploadBytes: 1000 });
    try {
      const res = await fetch(`${small.url}upload`, {
        method: 'POST',
        headers: { 'x-amelia-file-name': 'big.mp4' },
        body: readFileSync(ONE_FRAME),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    } finally {
      await small.close();
    }
    expect(filesUnder(engine.layout.staging).filter((f) => f.endsWith('upload.bin'))).toEqual([]);
  });

  it.each([
    ['all of it arrives before the server sees the size', 20, 600],
    ['the server cuts it off while it is sent', 200, 64 * 1024],
  ])(
    'answers a streamed upload past the limit with 400 (%s) and keeps nothing of it',
    async (_case, chunks, chunkSize) => {
      const small = await startHttpServer({
        engine,
        rendererDir: renderer.dir,
        port: 0,
        maxUploadBytes: 1000,
      });
      const mediaBefore = readdirSync(engine.layout.media).sort();
      try {
        const chunk = new Uint8Array(chunkSize);
        let sent = 0;
        // No Content-Length: the server finds out only while it reads.
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < chunks) controller.enqueue(chunk);
            else controller.close();
          },
        });
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        const outcome = await fetch(`${small.url}upload`, {
          method: 'POST',
          headers: { 'x-amelia-file-name': 'stream.mp4' },
          body,
          duplex: 'half',
          signal: controller.signal,
        } as RequestInit)
          .then(
            async (res) => ({ status: res.status, body: (await res.json()) as unknown }),
            (err: Error) => ({
              status: controller.signal.aborted ? 'no answer' : 'connection closed',
              body: String(err),
            }),
          )
          .finally(() => clearTimeout(timer));
        if (chunks * chunkSize < 64 * 1024) {
          // The whole body was read: the client must hear why.
          expect(outcome).toEqual({
            status: 400,
            body: {
              ok: false,
              error: { code: 'invalid_request', message: expect.stringContaining('too large') },
            },
          });
        } else {
          expect([400, 'connection closed']).toContain(outcome.status);
        }
      } finally {
        await small.close();
      }
      expect(readdirSync(engine.layout.media).sort()).toEqual(mediaBefore);
      expect(filesUnder(engine.layout.staging).filter((f) => f.endsWith('upload.bin'))).toEqual([]);
    },
  );
});
