import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { MEDIA_PREFIX, parseMediaPath } from '../../shared/contract/transport';
import type { Engine } from '../engine/engine';
import { planRange, rangeHeaders } from '../web/byteRange';
import { SECURITY_HEADERS } from '../web/securityHeaders';
import { contentTypeOf, resolveAsset } from '../web/staticAssets';
import { isAppUrl } from './hardenContents';

function fileBody(path: string, start?: number, end?: number): ReadableStream {
  const stream = start === undefined ? createReadStream(path) : createReadStream(path, { start, end });
  return Readable.toWeb(stream) as ReadableStream;
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' },
  });
}

/**
 * Answers `amelia://app/...` in the Electron window: the built renderer, and video files with byte ranges
 * (Electron's own file handling does not seek), from the same code the HTTP server uses.
 */
export function appProtocolHandler(engine: Engine, rendererDir: string): (request: Request) => Response {
  return (request) => {
    if (!isAppUrl(request.url)) return notFound();
    const url = new URL(request.url);
    // Media paths are plain ASCII, as the HTTP server reads them; decoding would throw on a malformed escape.
    const path = url.pathname;
    if (path.startsWith(MEDIA_PREFIX)) {
      const ref = parseMediaPath(path.slice(MEDIA_PREFIX.length));
      const info = ref ? engine.mediaFile(ref.videoId, ref.file) : null;
      if (!info) return notFound();
      const plan = planRange(info.size, request.headers.get('range'));
      const headers = { ...SECURITY_HEADERS, ...rangeHeaders(plan, info.size, info.contentType) };
      if (plan.status === 416 || request.method === 'HEAD')
        return new Response(null, { status: plan.status, headers });
      return new Response(fileBody(info.path, plan.start, plan.end), { status: plan.status, headers });
    }
    const file = resolveAsset(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return notFound();
    return new Response(fileBody(file), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
    });
  };
}
