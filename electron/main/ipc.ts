import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { MethodName } from '../../shared/contract/api';
import { methodNames } from '../../shared/contract/api';
import type { User } from '../../shared/domain/user';
import type { Envelope } from '../../shared/contract/envelope';
import { fail, ok } from '../../shared/contract/envelope';
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
 * call. Each window calls as the profile it picked (`auth.pickProfile`, until `auth.signOut`), kept here
 * by the window's contents, never by the page. Engine events go to every window.
 */
export function registerIpc(
  ipcMain: IpcMain,
  engine: Engine,
  windows: () => BrowserWindow[],
  pickVideos: (win: BrowserWindow | null) => Promise<string[]>,
): () => void {
  const profiles = new Map<number, string>();
  async function call(
    event: IpcMainInvokeEvent,
    method: MethodName,
    request: unknown,
  ): Promise<Envelope<unknown>> {
    if (!fromApp(event)) return fail('forbidden', 'Only the amelia window may call the engine.');
    const windowId = event.sender.id;
    const reply: Envelope<unknown> = await engine.call(method, request, {
      userId: profiles.get(windowId) ?? null,
      desktop: true,
    });
    if (method === 'auth.pickProfile' && reply.ok) profiles.set(windowId, (reply.value as User).id);
    if (method === 'auth.signOut' && reply.ok) {
      const had = profiles.delete(windowId);
      return ok({ signedOut: had });
    }
    return reply;
  }
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel(method), (event, request: unknown) => call(event, method, request));
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
