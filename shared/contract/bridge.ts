import type { AnyEvent } from './events';
import type { MethodName, RequestOf, ResponseOf } from './api';
import type { Envelope } from './envelope';

/** The name under which the Electron preload exposes amelia's API to the renderer (`window.amelia`). */
export const BRIDGE_KEY = 'amelia';

/** Every contract method, by name, as the preload exposes it. */
export type BridgeApi = {
  readonly [M in MethodName]: (request: RequestOf<M>) => Promise<Envelope<ResponseOf<M>>>;
};

/** What the preload exposes: the contract's methods, the event stream, and the native file picker. */
export interface AmeliaBridge {
  readonly api: BridgeApi;
  /** Calls `listener` with every engine event; returns a function that stops it. */
  onEvent(listener: (event: AnyEvent) => void): () => void;
  /** The native open dialog for videos; resolves with the chosen paths (none if cancelled). */
  pickVideoFiles(): Promise<string[]>;
}
