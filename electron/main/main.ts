import { BrowserWindow, app, dialog, ipcMain, protocol, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN, APP_SCHEME } from '../../shared/contract/transport';
import type { Engine } from '../engine/engine';
import { createEngine } from '../engine/engine';
import { describeBinaries } from '../engine/media/binaries';
import { defaultProjectDir } from '../engine/project/layout';
import { appProtocolHandler } from './appProtocol';
import { denyAllPermissions, hardenContents } from './hardenContents';
import { VIDEO_EXTENSIONS, registerIpc } from './ipc';
import { mainWindowOptions } from './windowOptions';

const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

function projectDirFromArgs(argv: string[]): string {
  const arg = argv.find((a) => a.startsWith('--project='));
  return arg ? arg.slice('--project='.length) : defaultProjectDir();
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

let engine: Engine | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler(denyAllPermissions);
  session.defaultSession.setPermissionCheckHandler(() => false);
  try {
    engine = await createEngine({ projectDir: projectDirFromArgs(process.argv), runJobs: true });
  } catch (err) {
    dialog.showErrorBox('amelia cannot open the project', err instanceof Error ? err.message : String(err));
    app.quit();
    return;
  }
  console.log(`amelia: project ${engine.project.dir}\n${describeBinaries(engine.binaries)}`);
  protocol.handle(APP_SCHEME, appProtocolHandler(engine, rendererDir));
  registerIpc(
    ipcMain,
    engine,
    () => BrowserWindow.getAllWindows(),
    async (win) => {
      const options = {
        title: 'Import videos',
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [
          { name: 'Videos', extensions: VIDEO_EXTENSIONS },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

let closing = false;
app.on('before-quit', (event) => {
  if (!engine || closing) return;
  closing = true;
  event.preventDefault();
  const e = engine;
  engine = null;
  void e.close().finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
