import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames } from '../../shared/contract/api';
import { fail } from '../../shared/contract/envelope';
import { IPC_EVENT_CHANNEL, IPC_PICK_VIDEOS_CHANNEL, ipcChannel } from '../../shared/contract/transport';
import type { Engine } from '../engine/engine';
import { isAppUrl } from './hardenContents';

/** Video files the open dialog offers. */
export const VIDEO_EXTENSIONS = [
  'mp4',
  'm4v',
  'mov',
  'avi',
  'mkv',
  'webm',
  'mpg',
  'mpeg',
  'mts',
  'm2ts',
  'wmv',
  'flv',
  '3gp',
];

function fromApp(event: IpcMainInvokeEvent): boolean {
  return isAppUrl(event.senderFrame?.url ?? '');
}

/**
 * One IPC handler per contract method, on the channel the contract names; only the app's own pages may
 * call. Engine events go to every window.
 */
export function registerIpc(
  ipcMain: IpcMain,
  engine: Engine,
  windows: () => BrowserWindow[],
  pickVideos: (win: BrowserWindow | null) => Promise<string[]>,
): () => void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel(method), (event, request: unknown) =>
      fromApp(event)
        ? engine.call(method, request)
        : fail('forbidden', 'Only the amelia window may call the engine.'),
    );
  }
  ipcMain.handle(IPC_PICK_VIDEOS_CHANNEL, async (event) => {
    if (!fromApp(event)) return [];
    const win = windows().find((w) => w.webContents.id === event.sender.id) ?? null;
    return pickVideos(win);
  });
  const off = engine.on((event) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  return () => {
    off();
    for (const method of methodNames) ipcMain.removeHandler(ipcChannel(method));
    ipcMain.removeHandler(IPC_PICK_VIDEOS_CHANNEL);
  };
}
