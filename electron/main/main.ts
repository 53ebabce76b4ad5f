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
import { createPoseGpuHost } from './poseGpuWindow';
import { probeNodeBackends } from '../../models/pose/backends/probe';
import { nodePoseRuntime } from '../engine/poses/posesJob';
import type { PoseRuntime } from '../engine/poses/posesJob';

const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const poseGpuPreloadPath = fileURLToPath(new URL('../preload/pose-gpu-preload.cjs', import.meta.url));
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

/**
 * Pose backends of the desktop app: Node's (workers), plus WebGPU or WebGL in a hidden window where this
 * machine's GPU offers them (found once the app's origin is served; until then, and where the window
 * cannot start, Node's alone).
 */
function gpuPoseRuntime(): PoseRuntime & { probe(): Promise<void> } {
  const host = createPoseGpuHost(poseGpuPreloadPath);
  const node = nodePoseRuntime(probeNodeBackends);
  let gpu = { webgpu: false, webgl: false };
  let note = 'the GPU window is still starting';
  return {
    availability: () => {
      const a = node.availability();
      return {
        ...a,
        webgpu: gpu.webgpu,
        webgl: gpu.webgl,
        notes: { ...a.notes, ...(gpu.webgpu ? {} : { webgpu: note }), ...(gpu.webgl ? {} : { webgl: note }) },
      };
    },
    cores: node.cores,
    gpu: host,
    async probe() {
      try {
        gpu = await host.probe();
        note = 'this GPU offers no such adapter';
        console.log(
          `amelia: pose GPU window: WebGPU ${gpu.webgpu ? 'yes' : 'no'}, WebGL ${gpu.webgl ? 'yes' : 'no'}`,
        );
      } catch (err) {
        note = `the GPU window could not start (${err instanceof Error ? err.message : String(err)})`;
        console.warn(`amelia: no GPU window for poses: ${note}`);
      }
    },
  };
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
  const poseRuntime = gpuPoseRuntime();
  try {
    engine = await createEngine({ projectDir: projectDirFromArgs(process.argv), runJobs: true, poseRuntime });
  } catch (err) {
    dialog.showErrorBox('amelia cannot open the project', err instanceof Error ? err.message : String(err));
    app.quit();
    return;
  }
  console.log(`amelia: project ${engine.project.dir}\n${describeBinaries(engine.binaries)}`);
  protocol.handle(APP_SCHEME, appProtocolHandler(engine, rendererDir));
  void poseRuntime.probe();
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
