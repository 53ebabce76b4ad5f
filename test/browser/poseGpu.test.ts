import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLAZEPOSE_DETECTOR_FILE, BLAZEPOSE_LANDMARK_FILES } from '../../models/pose/constants';
import { weightsDir } from '../../models/pose/weights/fileModelSource';
import { keypointIndex } from '../../shared/domain/pose';
import { walkingCrops } from '../support/walkingCrops';
import { POSE_GPU_BRIDGE_KEY, POSE_GPU_PAGE } from '../../shared/contract/transport';
import { hasData } from '../support/data';
import { tempDir } from '../support/tempProject';
import { CHROMIUM_PATH } from './support/browser';
import type { ServeProcess } from './support/server';
import { startServe } from './support/server';

/**
 * The pose GPU window's page, in Chromium with WebGL on SwiftShader (a CPU implementation: there is no GPU
 * here), driven through a stand-in for its Electron preload: the same page and message loop the desktop
 * app's hidden window runs, BlazePose included (WebGPU has no adapter here, so only WebGL is run).
 */
interface Out {
  type: string;
  [key: string]: unknown;
}

describe.skipIf(!hasData)('the pose GPU page (WebGL on SwiftShader) against amelia serve', () => {
  let project: { dir: string; remove: () => void };
  let server: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    project = tempDir('amelia-posegpu-');
    server = await startServe(project.dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    await page.addInitScript((key: string) => {
      const w = window as unknown as Record<string, unknown>;
      w.__out = [];
      w[key] = {
        post: (m: unknown) => (w.__out as unknown[]).push(m),
        onMessage: (l: (m: unknown) => void) => {
          w.__send = l;
        },
      };
    }, POSE_GPU_BRIDGE_KEY);
    await page.goto(new URL(POSE_GPU_PAGE, server.url).href);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    project?.remove();
  });

  async function next(type: string, timeoutMs = 240_000): Promise<Out> {
    const handle = await page.waitForFunction(
      (t: string) =>
        ((window as unknown as { __out: Out[] }).__out ?? []).find((m) => m.type === t || m.type === 'error'),
      type,
      { timeout: timeoutMs, polling: 200 },
    );
    const msg = (await handle.jsonValue()) as Out;
    await page.evaluate((t: string) => {
      const w = window as unknown as { __out: Out[] };
      w.__out = w.__out.filter((m) => m.type !== t && m.type !== 'error');
    }, type);
    if (msg.type === 'error') throw new Error(String(msg.message));
    return msg;
  }

  it('says what the GPU offers, and answers a bad start with a clear error instead of hanging', async () => {
    const hello = await next('hello', 60_000);
    expect(typeof hello.webgpu).toBe('boolean');
    expect(hello.webgl, 'WebGL 2 through SwiftShader').toBe(true);
    const send = (m: unknown) =>
      page.evaluate((msg) => (window as unknown as { __send: (x: unknown) => void }).__send(msg), m);
    await send({
      type: 'init',
      task: 'blazepose',
      model: 'blazepose-lite',
      backend: 'wasm',
      minPoseScore: 0.5,
      weightsDir: '',
    });
    await expect(next('ready', 60_000)).rejects.toThrow(/The GPU window runs webgpu or webgl, not wasm/);
    await send({
      type: 'init',
      task: 'blazepose',
      model: 'blazepose-lite',
      backend: 'webgl',
      minPoseScore: 0.5,
      weightsDir: '',
    });
    await expect(next('ready', 60_000)).rejects.toThrow(/The GPU window was given no weights/);
    await send({
      type: 'crop',
      id: 7,
      track: 1,
      first: true,
      timestampMs: 0,
      rect: { x: 0, y: 0, width: 2, height: 2 },
      width: 2,
      height: 2,
      data: new Uint8Array(12),
    });
    await expect(next('pose', 60_000)).rejects.toThrow(/crop before init/);
  });

  it('loads BlazePose lite from bytes on WebGL, finds the walker facing the camera, and leaves no tensor', async () => {
    const dir = weightsDir();
    const weights: Record<string, string> = {};
    for (const name of [BLAZEPOSE_DETECTOR_FILE, BLAZEPOSE_LANDMARK_FILES['blazepose-lite']]) {
      for (const ext of ['json', 'bin']) {
        weights[`${name}.${ext}`] = readFileSync(join(dir, `${name}.${ext}`)).toString('base64');
      }
    }
    const [crop] = await walkingCrops([0]);
    if (!crop) throw new Error('no crop');
    await page.evaluate(
      ({ w, rect, data }) => {
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        const send = (window as unknown as { __send: (m: unknown) => void }).__send;
        send({
          type: 'init',
          task: 'blazepose',
          model: 'blazepose-lite',
          backend: 'webgl',
          minPoseScore: 0.5,
          weightsDir: '',
          weights: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, bytes(v)])),
        });
        send({
          type: 'crop',
          id: 1,
          track: 1,
          first: true,
          timestampMs: 0,
          rect,
          width: rect.width,
          height: rect.height,
          data: bytes(data),
        });
      },
      { w: weights, rect: crop.rect, data: Buffer.from(crop.data).toString('base64') },
    );
    await next('ready');
    const pose = await next('pose');
    expect(pose.present).toBe(true);
    const image = Object.values(pose.image as Record<string, number>);
    const x = (k: 'left_shoulder' | 'right_shoulder') => image[keypointIndex(k) * 4] as number;
    expect(x('left_shoulder')).toBeGreaterThan(x('right_shoulder'));
    expect(x('left_shoulder')).toBeGreaterThan(crop.rect.x);
    expect(x('left_shoulder')).toBeLessThan(crop.rect.x + crop.rect.width);
    await page.evaluate(() =>
      (window as unknown as { __send: (m: unknown) => void }).__send({ type: 'close' }),
    );
    expect((await next('memory')).numTensors).toBe(0);
  });
});
