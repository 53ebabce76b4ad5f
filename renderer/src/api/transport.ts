import type { MethodName, ImportResult, RequestOf, ResponseOf } from '../../../shared/contract/api';
import type { Envelope } from '../../../shared/contract/envelope';
import type { AnyEvent } from '../../../shared/contract/events';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** How the renderer reaches the engine. Picked once at start; nothing else in the renderer knows which. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<Envelope<ResponseOf<M>>>;
  subscribe(listener: (event: AnyEvent) => void): () => void;
  /** Opens the event stream again (after signing in: the server refuses it without a session). */
  reconnectEvents?: () => void;
  /** The native file picker (Electron): paths to import. */
  pickVideoPaths?: () => Promise<string[]>;
  /** Sends a file's bytes to the server, which imports it (browser). */
  uploadVideo?: (
    file: File,
    onProgress: (p: UploadProgress) => void,
    signal?: AbortSignal,
  ) => Promise<Envelope<ImportResult>>;
}
