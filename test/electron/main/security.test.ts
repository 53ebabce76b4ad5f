import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract/api';
import type { MethodName } from '../../../shared/contract/api';
import type { AmeliaBridge } from '../../../shared/contract/bridge';
import { BRIDGE_KEY } from '../../../shared/contract/bridge';
import type { AnyEvent } from '../../../shared/contract/events';
import type { MediaFile } from '../../../shared/contract/transport';
import {
  IPC_EVENT_CHANNEL,
  IPC_PICK_VIDEOS_CHANNEL,
  IPC_POSE_GPU_IN,
  IPC_POSE_GPU_OUT,
  POSE_GPU_BRIDGE_KEY,
  ipcChannel,
} from '../../../shared/contract/transport';
import { appProtocolHandler } from '../../../electron/main/appProtocol';
import type { WebContentsLike } from '../../../electron/main/hardenContents';
import { denyAllPermissions, hardenContents, isAppUrl } from '../../../electron/main/hardenContents';
import { registerIpc } from '../../../electron/main/ipc';
import { mainWindowOptions } from '../../../electron/main/windowOptions';
import type { ContextBridgeLike, IpcRendererLike } from '../../../electron/preload/exposeApi';
import { buildBridge, exposeBridge } from '../../../electron/preload/exposeApi';
import type { Engine, MediaFileInfo } from '../../../electron/engine/engine';
import { tempDir } from '../../support/tempProject';

const ROOT = resolve(import.meta.dirname, '../../..');

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer that records what the preload does with it. */
class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<IpcListener>>();
  readonly sent: unknown[] = [];

  invoke = (channel: string, ...args: unknown[]): Promise<unknown> => {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: { channel } });
  };

  on = (channel: string, listener: IpcListener): this => {
    const set = this.listeners.get(channel) ?? new Set<IpcListener>();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  };

  removeListener = (channel: string, listener: IpcListener): this => {
    this.listeners.get(channel)?.delete(listener);
    return this;
  };

  send = (...args: unknown[]): void => {
    this.sent.push(args);
  };

  emit(channel: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: this, senderId: 0 }, ...args);
  }
}

function exposed(): { key: string; value: AmeliaBridge; ipc: FakeIpcRenderer } {
  const ipc = new FakeIpcRenderer();
  const calls: [string, unknown][] = [];
  const bridge: ContextBridgeLike = { exposeInMainWorld: (key, api) => calls.push([key, api]) };
  exposeBridge(bridge, ipc);
  expect(calls).toHaveLength(1);
  const [key, value] = calls[0] as [string, AmeliaBridge];
  return { key, value, ipc };
}

/** Everything reachable from a value through own properties (functions included). */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) walk(d.value);
    }
  };
  walk(root);
  return [...seen];
}

describe('the window', () => {
  const options = mainWindowOptions('/app/out/preload/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('isolates the renderer from Node and Electron and sandboxes it', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and nothing else', () => {
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('starts hidden (shown when ready)', () => {
    expect(options.show).toBe(false);
  });
});

describe('the preload bridge', () => {
  it('exposes exactly one key, amelia, with api, onEvent and pickVideoFiles', () => {
    const { key, value } = exposed();
    expect(key).toBe(BRIDGE_KEY);
    expect(key).toBe('amelia');
    expect(Object.keys(value).sort()).toEqual(['api', 'onEvent', 'pickVideoFiles']);
    expect(Reflect.ownKeys(value).sort()).toEqual(['api', 'onEvent', 'pickVideoFiles']);
  });

  it('is frozen, api included', () => {
    const { value } = exposed();
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.api)).toBe(true);
    expect(() => {
      (value as unknown as Record<string, unknown>).extra = 1;
    }).toThrow(TypeError);
    expect(() => {
      (value.api as unknown as Record<string, unknown>)['system.info'] = () => null;
    }).toThrow(TypeError);
  });

  it('has one function per contract method and nothing else', () => {
    const { value } = exposed();
    expect(Reflect.ownKeys(value.api).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(typeof value.api[name]).toBe('function');
  });

  it.each(methodNames)('sends %s on its own channel with the request', async (name) => {
    const { value, ipc } = exposed();
    const request = { videoId: 'abc', jobId: 'def' };
    const call = value.api[name] as (r: unknown) => Promise<unknown>;
    const reply = await call(request);
    expect(ipc.invoked).toEqual([{ channel: ipcChannel(name), args: [request] }]);
    expect(reply).toEqual({ ok: true, value: { channel: ipcChannel(name) } });
  });

  it('sends an empty request for a call without one', async () => {
    const { value, ipc } = exposed();
    await (value.api['system.info'] as (r?: unknown) => Promise<unknown>)();
    expect(ipc.invoked).toEqual([{ channel: ipcChannel('system.info'), args: [{}] }]);
  });

  it('opens the file picker on its channel without arguments', async () => {
    const { value, ipc } = exposed();
    await value.pickVideoFiles();
    expect(ipc.invoked).toEqual([{ channel: IPC_PICK_VIDEOS_CHANNEL, args: [] }]);
  });

  it('never hands out ipcRenderer or its methods', () => {
    const { value, ipc } = exposed();
    const everything = reachable(value);
    for (const forbidden of [ipc, ipc.invoke, ipc.send, ipc.on, ipc.removeListener])
      expect(everything).not.toContain(forbidden);
    for (const v of everything) {
      if (typeof v === 'object' && v !== null && v !== value && v !== value.api) {
        expect(v).not.toHaveProperty('invoke');
        expect(v).not.toHaveProperty('send');
      }
    }
    expect(value).not.toHaveProperty('invoke');
    expect(value).not.toHaveProperty('send');
    expect(value).not.toHaveProperty('on');
    expect(value.api).not.toHaveProperty('invoke');
  });

  it('gives no way to name an arbitrary channel', async () => {
    const { value, ipc } = exposed();
    await (value.api['videos.get'] as (r: unknown, ...rest: unknown[]) => Promise<unknown>)(
      { videoId: 'x' },
      'amelia:evil',
      'x',
    );
    expect(ipc.invoked).toEqual([{ channel: ipcChannel('videos.get'), args: [{ videoId: 'x' }] }]);
    expect(ipc.sent).toEqual([]);
  });

  it('delivers events without the IPC event object, until unsubscribed', () => {
    const { value, ipc } = exposed();
    const listener = vi.fn<(event: AnyEvent) => void>();
    const off = value.onEvent(listener);
    expect(ipc.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(1);
    const event: AnyEvent = {
      name: 'data.changed',
      payload: { entity: 'video', ids: ['v1'], removed: false },
    };
    ipc.emit(IPC_EVENT_CHANNEL, event);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([event]);

    off();
    expect(ipc.listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0).toBe(0);
    ipc.emit(IPC_EVENT_CHANNEL, event);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes only the listener it was given for', () => {
    const { value, ipc } = exposed();
    const a = vi.fn<(event: AnyEvent) => void>();
    const b = vi.fn<(event: AnyEvent) => void>();
    const offA = value.onEvent(a);
    value.onEvent(b);
    offA();
    ipc.emit(IPC_EVENT_CHANNEL, {
      name: 'data.changed',
      payload: { entity: 'job', ids: [], removed: false },
    });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('builds the same surface without exposing (buildBridge)', () => {
    const bridge = buildBridge(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(['api', 'onEvent', 'pickVideoFiles']);
  });
});

describe('web contents hardening', () => {
  type NavListener = (event: { preventDefault(): void }, url: string) => void;

  function fakeContents() {
    const listeners = new Map<string, NavListener[]>();
    let openHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null;
    const contents: WebContentsLike = {
      on(event: string, listener: NavListener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return contents;
      },
      setWindowOpenHandler(handler) {
        openHandler = handler;
      },
    } as WebContentsLike;
    hardenContents(contents);
    /** Fires an event; true where a listener prevented it. */
    const fire = (name: string, url = ''): boolean => {
      const event = { preventDefault: vi.fn() };
      const ls = listeners.get(name) ?? [];
      expect(ls.length).toBeGreaterThan(0);
      for (const l of ls) l(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { fire, open: (url: string) => openHandler?.({ url }) };
  }

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:7450/',
    'file:///etc/passwd',
    'amelia://evil/index.html',
    'javascript:alert(1)',
    'data:text/html,x',
  ])('prevents navigating or redirecting to %s', (url) => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', url)).toBe(true);
    expect(fire('will-redirect', url)).toBe(true);
  });

  it('lets the window move within the app', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', 'amelia://app/index.html')).toBe(false);
    expect(fire('will-redirect', 'amelia://app/videos/abc')).toBe(false);
  });

  it('denies every new window', () => {
    const { open } = fakeContents();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('amelia://app/index.html')).toEqual({ action: 'deny' });
  });

  it('prevents attaching webviews', () => {
    const { fire } = fakeContents();
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies every permission', () => {
    const callback = vi.fn<(granted: boolean) => void>();
    denyAllPermissions({}, 'media', callback);
    denyAllPermissions({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
  });
});

describe('isAppUrl', () => {
  it.each(['amelia://app/x', 'amelia://app/', 'amelia://app/index.html?x=1#y'])('takes %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'amelia://evil/x',
    'amelia://user@app/x',
    'amelia://user:pass@app/x',
    'amelia://app.evil.example/x',
    'amelia://app:8080/x',
    'file:///x',
    'http://app/x',
    'https://app/x',
    'amelia:app/x',
    'ameliax://app/x',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('IPC handlers in the main process', () => {
  type Handler = (
    event: { senderFrame: { url: string } | null; sender: { id: number } },
    request?: unknown,
  ) => unknown;

  function setUp() {
    const handlers = new Map<string, Handler>();
    const ipcMain = {
      handle: (channel: string, handler: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    const calls: [MethodName, unknown][] = [];
    const listeners = new Set<(event: AnyEvent) => void>();
    const engine = {
      call: (method: MethodName, request: unknown) => {
        calls.push([method, request]);
        return Promise.resolve({ ok: true, value: method });
      },
      on: (l: (event: AnyEvent) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    } as unknown as Engine;
    const pick = vi.fn(() => Promise.resolve(['/videos/a.mp4']));
    const dispose = registerIpc(
      ipcMain as unknown as Parameters<typeof registerIpc>[0],
      engine,
      () => [],
      pick,
    );
    return { handlers, calls, pick, dispose, listeners };
  }

  const fromApp = { senderFrame: { url: 'amelia://app/index.html' }, sender: { id: 1 } };
  const fromElsewhere = { senderFrame: { url: 'https://evil.example/' }, sender: { id: 1 } };

  it('handles every contract method on its channel, and the picker', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual(
      [...methodNames.map(ipcChannel), IPC_PICK_VIDEOS_CHANNEL].sort(),
    );
  });

  it('passes calls from the app to the engine', async () => {
    const { handlers, calls } = setUp();
    const reply = await handlers.get(ipcChannel('videos.get'))?.(fromApp, { videoId: 'v' });
    expect(reply).toEqual({ ok: true, value: 'videos.get' });
    expect(calls).toEqual([['videos.get', { videoId: 'v' }]]);
  });

  it('refuses calls from any other page, and from a frame that is gone', async () => {
    const { handlers, calls, pick } = setUp();
    for (const event of [fromElsewhere, { senderFrame: null, sender: { id: 1 } }]) {
      const reply = await handlers.get(ipcChannel('system.info'))?.(event, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await handlers.get(IPC_PICK_VIDEOS_CHANNEL)?.(event)).toEqual([]);
    }
    expect(calls).toEqual([]);
    expect(pick).not.toHaveBeenCalled();
  });

  it('removes every handler and the event subscription when disposed', () => {
    const { handlers, dispose, listeners } = setUp();
    expect(listeners.size).toBe(1);
    dispose();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });
});

describe('the amelia:// protocol', () => {
  const parent = tempDir('amelia-protocol-');
  const renderer = join(parent.dir, 'renderer');
  const VIDEO = 'v1';
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  const sourcePath = join(parent.dir, 'source.mp4');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'x');
  writeFileSync(sourcePath, bytes);
  const engine = {
    mediaFile: (videoId: string, file: MediaFile): MediaFileInfo | null =>
      videoId === VIDEO && file.kind === 'source'
        ? { path: sourcePath, contentType: 'video/mp4', size: bytes.length }
        : null,
  } as unknown as Engine;
  const handle = appProtocolHandler(engine, renderer);

  afterAll(() => {
    parent.remove();
  });

  it('serves the renderer with the security headers', async () => {
    const res = handle(new Request('amelia://app/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>t</title>');
  });

  it('serves byte ranges of a video', async () => {
    const res = handle(
      new Request(`amelia://app/media/${VIDEO}/source`, { headers: { range: 'bytes=10-19' } }),
    );
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    const beyond = handle(
      new Request(`amelia://app/media/${VIDEO}/source`, { headers: { range: 'bytes=5000-' } }),
    );
    expect(beyond.status).toBe(416);
  });

  it.each([
    'amelia://evil/index.html',
    'amelia://app/media/nope/source',
    `amelia://app/media/${VIDEO}/poster.jpg`,
    'amelia://app/media/..%2f..%2fetc%2fpasswd',
    'amelia://app/..%2f..%2fetc%2fpasswd',
    'amelia://app/%E0%A4%A',
    'amelia://app/media/%E0%A4%A/source',
    'amelia://app/assets/missing.js',
  ])('answers %s with 404', async (url) => {
    const res = handle(new Request(url));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/root:.*:0:0:/);
  });
});

describe('the renderer page and the built preload', () => {
  it('has a Content-Security-Policy meta tag that allows only its own scripts', () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta).not.toBeNull();
    const csp = (meta as RegExpExecArray)[1] as string;
    expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
  });

  const preload = join(ROOT, 'out', 'preload', 'preload.cjs');
  it.skipIf(!existsSync(preload))('the built preload requires nothing but electron', () => {
    const code = readFileSync(preload, 'utf8');
    const required = [...code.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((m) => (m[1] as string).trim());
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['"electron"']));
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  const gpuPreload = join(ROOT, 'out', 'preload', 'pose-gpu-preload.cjs');
  it.skipIf(!existsSync(gpuPreload))(
    'the pose GPU window’s built preload requires nothing but electron, and uses the contract’s channel names',
    () => {
      const code = readFileSync(gpuPreload, 'utf8');
      const required = [...code.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((m) => (m[1] as string).trim());
      expect(new Set(required)).toEqual(new Set(['"electron"']));
      for (const name of [IPC_POSE_GPU_IN, IPC_POSE_GPU_OUT, POSE_GPU_BRIDGE_KEY])
        expect(code).toContain(`"${name}"`);
    },
  );
});
