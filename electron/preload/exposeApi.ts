import type { AmeliaBridge, BridgeApi } from '../../shared/contract/bridge';
import { BRIDGE_KEY } from '../../shared/contract/bridge';
import type { AnyEvent } from '../../shared/contract/events';
import { methodNames } from '../../shared/contract/api';
import { IPC_EVENT_CHANNEL, IPC_PICK_VIDEOS_CHANNEL, ipcChannel } from '../../shared/contract/transport';

/** The parts of `contextBridge` and `ipcRenderer` the preload uses, so the surface can be tested without Electron. */
export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the one object the renderer sees: a function per contract method (each sends on its own channel),
 * an event subscription and the file picker. `ipcRenderer` itself, its `send`, and any way to name an
 * arbitrary channel stay inside the preload.
 */
export function buildBridge(ipc: IpcRendererLike): AmeliaBridge {
  const api = Object.fromEntries(
    methodNames.map((m) => [m, (request: unknown) => ipc.invoke(ipcChannel(m), request ?? {})]),
  ) as unknown as BridgeApi;
  return Object.freeze({
    api: Object.freeze(api),
    onEvent(listener: (event: AnyEvent) => void): () => void {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as AnyEvent);
      ipc.on(IPC_EVENT_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, wrapped);
      };
    },
    pickVideoFiles: () => ipc.invoke(IPC_PICK_VIDEOS_CHANNEL) as Promise<string[]>,
  });
}

export function exposeBridge(bridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld(BRIDGE_KEY, buildBridge(ipc));
}
