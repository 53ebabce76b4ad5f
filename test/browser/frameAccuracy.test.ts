import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../support/data';
import { ffmpeg, pictureDistance } from '../support/media';
import { tempDir } from '../support/tempProject';
import type { LaunchedBrowser } from './support/browser';
import { launchChromium } from './support/browser';
import { displayedGrayPixels, makeBitsClip, readBurnedFrame } from './support/frameClips';
import type { ServeProcess } from './support/server';
import { ARTIFACTS, startServe } from './support/server';
import { api, importPlayable, openWorkspace, settled, settledAfterPause } from './support/workspace';

const REF_W = 64;
const REF_H = 48;

/** Every frame of a clip as a small grey picture, decoded in order by ffmpeg: the reference. */
async function referenceFrames(path: string): Promise<Buffer[]> {
  const raw = await ffmpeg([
    '-i',
    path,
    '-vf',
    `scale=${REF_W}:${REF_H},format=gray`,
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
  const size = REF_W * REF_H;
  const out: Buffer[] = [];
  for (let i = 0; i + size <= raw.length; i += size) out.push(raw.subarray(i, i + size));
  return out;
}

/** The reference frame the picture on screen is closest to; it must stand out from the next best. */
function closestFrame(refs: Buffer[], shown: Buffer): number {
  const d = refs.map((r) => pictureDistance(r, shown));
  const best = d.indexOf(Math.min(...d));
  const second = Math.min(...d.filter((_, i) => i !== best));
  if (!((d[best] as number) < second * 0.7))
    throw new Error(`the picture matches frames ${best} and others about as well (${d[best]} vs ${second})`);
  return best;
}

/** Types a frame number into the jump box (G) and presses Enter. */
async function jumpTo(page: Page, frame: number): Promise<void> {
  await page.keyboard.press('g');
  await page.keyboard.type(String(frame));
  await page.keyboard.press('Enter');
}

/**
 * Checks that the frame number the app shows is the frame on screen after each way of moving: single steps
 * (across keyframes both ways), big steps, typed jumps, Home/End, held-down keys, playing at 4× then
 * pausing, and shuttling backwards.
 */
function frameExactnessChecks(
  env: () => { page: Page },
  clip: () => { frameCount: number; burned: (page: Page) => Promise<number> },
  keyframeAt: number,
): void {
  const expectOnScreen = async (expected?: number): Promise<number> => {
    const { page } = env();
    const shown = await settled(page, expected);
    expect(await clip().burned(page), `the picture on screen when the app says frame ${shown}`).toBe(shown);
    return shown;
  };

  it('shows frame 0 first, and each single step lands on the next or previous frame, across a keyframe', async () => {
    const { page } = env();
    expect(await expectOnScreen()).toBe(0);
    for (let i = 1; i <= 5; i++) {
      await page.keyboard.press('ArrowRight');
      await expectOnScreen(i);
    }
    await jumpTo(page, keyframeAt - 3);
    await expectOnScreen(keyframeAt - 3);
    for (let i = keyframeAt - 2; i <= keyframeAt + 3; i++) {
      await page.keyboard.press('ArrowRight');
      await expectOnScreen(i);
    }
    for (let i = keyframeAt + 2; i >= keyframeAt - 3; i--) {
      await page.keyboard.press('ArrowLeft');
      await expectOnScreen(i);
    }
  });

  it('moves ten frames with Shift and the arrows', async () => {
    const { page } = env();
    const start = await expectOnScreen();
    await page.keyboard.press('Shift+ArrowRight');
    await expectOnScreen(start + 10);
    await page.keyboard.press('Shift+ArrowRight');
    await expectOnScreen(start + 20);
    await page.keyboard.press('Shift+ArrowLeft');
    await expectOnScreen(start + 10);
  });

  it('seeks to typed frames, Home and End', async () => {
    const { page } = env();
    const n = clip().frameCount;
    for (const f of [
      Math.floor(n * 0.73),
      keyframeAt - 1,
      keyframeAt,
      n - 1,
      1,
      n - 2,
      Math.floor(n / 3),
      0,
    ]) {
      await jumpTo(page, f);
      await expectOnScreen(f);
    }
    await page.keyboard.press('End');
    await expectOnScreen(n - 1);
    await page.keyboard.press('Home');
    await expectOnScreen(0);
  });

  it('lands exactly where a burst of key presses asked for', async () => {
    const { page } = env();
    await jumpTo(page, 20);
    await expectOnScreen(20);
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight', { delay: 5 });
    await expectOnScreen(32);
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowLeft', { delay: 5 });
    await expectOnScreen(25);
  });

  it('plays at 4× and, paused, shows the frame it says', async () => {
    const { page } = env();
    await page.getByLabel('Playback rate').selectOption('4');
    await page.locator('[aria-label="Annotation workspace"]').focus();
    for (const start of [0, Math.floor(clip().frameCount / 2)]) {
      await jumpTo(page, start);
      await expectOnScreen(start);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('[aria-label="Pause"]') !== null);
      await page.waitForTimeout(350);
      await page.keyboard.press('Space');
      const at = await settledAfterPause(page);
      expect(at).toBeGreaterThan(start);
      expect(await clip().burned(page)).toBe(at);
    }
    await page.getByLabel('Playback rate').selectOption('1');
  });

  it('shuttles backwards with J and stops with K on the frame it says', async () => {
    const { page } = env();
    await page.locator('[aria-label="Annotation workspace"]').focus();
    const n = clip().frameCount;
    await jumpTo(page, n - 5);
    await expectOnScreen(n - 5);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.waitForTimeout(400);
    await page.keyboard.press('k');
    const at = await settledAfterPause(page);
    expect(at).toBeLessThan(n - 5);
    expect(await clip().burned(page)).toBe(at);
  });
}

describe('the frame on screen is the frame the app names (Chromium, amelia serve)', () => {
  const work = tempDir('amelia-frames-');
  let server: ServeProcess;
  let chromium: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServe(join(work.dir, 'project'));
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1280, height: 860 } });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    work.remove();
  });

  describe('tricky/frame_numbers_25fps.mp4 (digits 0–99, GOP 50), against frames decoded by ffmpeg', () => {
    const path = dataPath('tricky/frame_numbers_25fps.mp4');
    let refs: Buffer[] = [];
    beforeAll(async () => {
      refs = await referenceFrames(path);
      expect(refs).toHaveLength(100);
      const id = await importPlayable(server.url, path);
      expect((await api(server.url, 'videos.get', { videoId: id })).frameCount).toBe(100);
      await openWorkspace(page, server.url, id);
    });
    frameExactnessChecks(
      () => ({ page }),
      () => ({
        frameCount: 100,
        burned: async (p) => closestFrame(refs, await displayedGrayPixels(p, REF_W, REF_H)),
      }),
      50,
    );
  });

  describe('a clip made here with its frame number in blocks, playing the original (GOP 50)', () => {
    beforeAll(async () => {
      const path = join(work.dir, 'bits-cfr.mp4');
      await makeBitsClip(path, { frames: 400, fps: 25, gop: 50 });
      const id = await importPlayable(server.url, path);
      const v = await api(server.url, 'videos.get', { videoId: id });
      expect(v.proxyState).toBe('not-needed');
      expect(v.frameCount).toBe(400);
      await openWorkspace(page, server.url, id);
    });
    frameExactnessChecks(
      () => ({ page }),
      () => ({ frameCount: 400, burned: readBurnedFrame }),
      100,
    );
  });

  describe('the same at a variable frame rate, which plays through its proxy', () => {
    beforeAll(async () => {
      const path = join(work.dir, 'bits-vfr.mp4');
      await makeBitsClip(path, { frames: 300, fps: 25, gop: 50, slowFrom: 150 });
      const id = await importPlayable(server.url, path);
      const v = await api(server.url, 'videos.get', { videoId: id });
      expect(v.variableFrameRate).toBe(true);
      expect(v.proxyState).toBe('ready');
      expect(v.frameCount).toBe(300);
      await openWorkspace(page, server.url, id);
    });
    frameExactnessChecks(
      () => ({ page }),
      () => ({ frameCount: 300, burned: readBurnedFrame }),
      150,
    );

    it('keeps a screenshot of the player on a burned-in frame', async () => {
      await jumpTo(page, 237);
      await settled(page, 237);
      await page.screenshot({ path: resolve(ARTIFACTS, 'workspace-frame-exact.png') });
    });
  });
});
