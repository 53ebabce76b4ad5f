import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainEvent } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  BLAZEPOSE_DETECTOR_FILE,
  BLAZEPOSE_LANDMARK_FILES,
  MOVENET_MULTIPOSE_FILE,
} from '../../models/pose/constants';
import type { FromWorker, ToWorker } from '../../models/pose/protocol';
import { readWeightFile } from '../../models/pose/weights/fileModelSource';
import {
  APP_ORIGIN,
  IPC_POSE_GPU_IN,
  IPC_POSE_GPU_OUT,
  POSE_GPU_PAGE,
} from '../../shared/contract/transport';
import type { GpuPoseHost } from '../engine/poses/posesJob';
import type { InitMessage, RunnerEndpoint } from '../engine/poses/workerPool';
import { PoseWorkerPool } from '../engine/poses/workerPool';
import { mainWindowOptions } from './windowOptions';

/** The hidden GPU window's options: those of every amelia window (isolated, sandboxed), never shown. */
export function poseGpuWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  const base = mainWindowOptions(preloadPath);
  return {
    ...base,
    width: 320,
    height: 240,
    show: false,
    skipTaskbar: true,
    title: 'amelia pose GPU',
    webPreferences: { ...base.webPreferences, backgroundThrottling: false },
  };
}

type Hello = { type: 'hello'; webgpu: boolean; webgl: boolean };
type Out = FromWorker | Hello;

interface OpenWindow {
  win: BrowserWindow;
  hello: Hello;
  listeners: Set<(msg: Out) => void>;
}

async function openWindow(preloadPath: string, timeoutMs = 30_000): Promise<OpenWindow> {
  const win = new BrowserWindow(poseGpuWindowOptions(preloadPath));
  const listeners = new Set<(msg: Out) => void>();
  const onOut = (event: IpcMainEvent, msg: Out) => {
    if (event.sender !== win.webContents) return;
    for (const l of listeners) l(msg);
  };
  ipcMain.on(IPC_POSE_GPU_OUT, onOut);
  win.once('closed', () => ipcMain.off(IPC_POSE_GPU_OUT, onOut));
  const hello = new Promise<Hello>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The pose GPU window did not start.')), timeoutMs);
    const l = (msg: Out) => {
      if (msg.type === 'hello') {
        clearTimeout(timer);
        listeners.delete(l);
        resolve(msg);
      }
    };
    listeners.add(l);
  });
  await win.loadURL(`${APP_ORIGIN}/${POSE_GPU_PAGE}`);
  try {
    return { win, hello: await hello, listeners };
  } catch (err) {
    win.destroy();
    throw err;
  }
}

function weightsFor(init: InitMessage): Record<string, Uint8Array> {
  const names =
    init.task === 'blazepose'
      ? [BLAZEPOSE_DETECTOR_FILE, BLAZEPOSE_LANDMARK_FILES[init.model]]
      : [MOVENET_MULTIPOSE_FILE];
  const out: Record<string, Uint8Array> = {};
  for (const name of names) {
    for (const ext of ['json', 'bin'])
      out[`${name}.${ext}`] = readWeightFile(init.weightsDir, `${name}.${ext}`);
  }
  return out;
}

function windowEndpoint(open: OpenWindow): RunnerEndpoint {
  const { win, listeners } = open;
  const stopped = new Promise<void>((resolve) => win.once('closed', () => resolve()));
  const failures = new Set<(err: Error) => void>();
  win.webContents.on('render-process-gone', (_e, details) => {
    for (const f of failures) f(new Error(`The pose GPU window stopped (${details.reason}).`));
  });
  return {
    post(msg: ToWorker) {
      if (win.isDestroyed()) return;
      win.webContents.send(IPC_POSE_GPU_IN, msg);
    },
    onMessage(l) {
      const wrapped = l as (msg: Out) => void;
      listeners.add(wrapped);
      // After the close message the window reports its tensors, then goes.
      listeners.add((msg) => {
        if (msg.type === 'memory' && !win.isDestroyed()) win.destroy();
      });
    },
    offMessage(l) {
      listeners.delete(l as (msg: Out) => void);
    },
    onFailure(l) {
      failures.add(l);
    },
    whenStopped: () => stopped,
    async terminate() {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}

/**
 * Pose extraction on the GPU of any desktop: a hidden, sandboxed window of the app's own origin runs the
 * models with WebGPU or WebGL; crops go in and poses come out over IPC.
 */
export function createPoseGpuHost(preloadPath: string): GpuPoseHost & {
  probe(): Promise<{ webgpu: boolean; webgl: boolean }>;
} {
  return {
    async probe() {
      const open = await openWindow(preloadPath);
      open.win.destroy();
      return { webgpu: open.hello.webgpu, webgl: open.hello.webgl };
    },
    async start(init) {
      const open = await openWindow(preloadPath);
      return PoseWorkerPool.open([windowEndpoint(open)], { ...init, weights: weightsFor(init) });
    },
  };
}
