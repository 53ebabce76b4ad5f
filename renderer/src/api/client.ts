import type { AmeliaBridge } from '../../../shared/contract/bridge';
import { BRIDGE_KEY } from '../../../shared/contract/bridge';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/contract/api';
import type { ApiError } from '../../../shared/contract/envelope';
import { electronTransport } from './electronTransport';
import { httpTransport } from './httpTransport';
import type { Transport } from './transport';

/** A failed call, with the engine's error. */
export class ApiCallError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.error = error;
  }
}

/** The Electron bridge where the preload put one, else HTTP to the server that served this page. */
export function pickTransport(): Transport {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_KEY] as AmeliaBridge | undefined;
  return bridge ? electronTransport(bridge) : httpTransport();
}

export interface Client {
  readonly transport: Transport;
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
}

export function createClient(transport: Transport): Client {
  return {
    transport,
    async call(method, request) {
      const envelope = await transport.call(method, request);
      if (!envelope.ok) throw new ApiCallError(envelope.error);
      return envelope.value;
    },
  };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The client the store uses: an `unauthenticated` answer to anything but the auth methods (a session that
 * ended, a profile that was disabled) is told to `onLost`, which takes the user back to signing in.
 */
export function guardSession(client: Client, onLost: () => void): Client {
  return {
    transport: client.transport,
    async call(method, request) {
      try {
        return await client.call(method, request);
      } catch (err) {
        if (
          err instanceof ApiCallError &&
          err.error.code === 'unauthenticated' &&
          !method.startsWith('auth.')
        )
          onLost();
        throw err;
      }
    },
  };
}
