import { contextBridge, ipcRenderer } from 'electron';

/**
 * The preload of the hidden pose GPU window: one object with two functions, messages in and out on the
 * window's own channels (never ipcRenderer itself). A sandboxed preload is one file that requires nothing
 * but electron, so the names are spelled here; a test holds them equal to shared/contract/transport.ts's.
 */
export const POSE_GPU_PRELOAD_NAMES = {
  bridgeKey: 'ameliaPoseGpu',
  in: 'amelia:poseGpu.in',
  out: 'amelia:poseGpu.out',
} as const;

contextBridge.exposeInMainWorld(POSE_GPU_PRELOAD_NAMES.bridgeKey, {
  post: (msg: unknown) => ipcRenderer.send(POSE_GPU_PRELOAD_NAMES.out, msg),
  onMessage: (listener: (msg: unknown) => void) => {
    ipcRenderer.on(POSE_GPU_PRELOAD_NAMES.in, (_event, msg: unknown) => listener(msg));
  },
});
