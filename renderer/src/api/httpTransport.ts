import type { ImportResult, MethodName, RequestOf, ResponseOf } from '../../../shared/contract/api';
import type { Envelope } from '../../../shared/contract/envelope';
import { fail } from '../../../shared/contract/envelope';
import type { AnyEvent } from '../../../shared/contract/events';
import {
  HTTP_EVENTS_PATH,
  HTTP_UPLOAD_PATH,
  UPLOAD_NAME_HEADER,
  httpMethodPath,
} from '../../../shared/contract/transport';
import type { Transport, UploadProgress } from './transport';

function parseEnvelope<T>(text: string, status: number): Envelope<T> {
  try {
    const body = JSON.parse(text) as Envelope<T>;
    if (typeof body === 'object' && body !== null && 'ok' in body) return body;
  } catch {
    // fall through
  }
  return fail('internal', `The server answered ${status} with something that is not an amelia reply.`);
}

/** Calls `amelia serve` over HTTP on the page's own origin; events come as server-sent events. */
export function httpTransport(): Transport {
  const listeners = new Set<(event: AnyEvent) => void>();
  let source: EventSource | null = null;

  function ensureEvents(): void {
    if (source) return;
    const opened = new EventSource(HTTP_EVENTS_PATH);
    source = opened;
    // A refused stream (no session yet) is closed for good; signing in opens another.
    opened.onerror = () => {
      if (opened.readyState === EventSource.CLOSED && source === opened) source = null;
    };
    opened.onmessage = (msg: MessageEvent<string>) => {
      let event: AnyEvent;
      try {
        event = JSON.parse(msg.data) as AnyEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
  }

  return {
    kind: 'http',
    async call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<Envelope<ResponseOf<M>>> {
      let res: Response;
      try {
        res = await fetch(httpMethodPath(method), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
        });
      } catch (err) {
        return fail(
          'internal',
          `The amelia server cannot be reached (${(err as Error).message}). Is it still running?`,
        );
      }
      return parseEnvelope<ResponseOf<M>>(await res.text(), res.status);
    },
    reconnectEvents() {
      source?.close();
      source = null;
      if (listeners.size > 0) ensureEvents();
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    uploadVideo(
      file: File,
      onProgress: (p: UploadProgress) => void,
      signal?: AbortSignal,
    ): Promise<Envelope<ImportResult>> {
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', HTTP_UPLOAD_PATH);
        xhr.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
        xhr.upload.onprogress = (e) =>
          onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
        xhr.onload = () => resolve(parseEnvelope<ImportResult>(xhr.responseText, xhr.status));
        xhr.onerror = () => resolve(fail('internal', `The upload of ${file.name} broke off.`));
        xhr.onabort = () => resolve(fail('cancelled', `The upload of ${file.name} was cancelled.`));
        signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      });
    },
  };
}
