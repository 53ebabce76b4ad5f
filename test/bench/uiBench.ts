// npm run bench:ui — how fast the workspace's player puts the frame asked for on screen, in Chromium against
// `amelia serve`, on a 1080p clip of ten minutes: frame steps and seeks, from the key press (or the seek
// request) until requestVideoFrameCallback reports that very frame presented; then the same with ten
// thousand segments in the video, with the timeline's drawing time. Prints a table, then one JSON line.
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../browser/support/browser';
import { startServe } from '../browser/support/server';
import { api, openWorkspace, settled } from '../browser/support/workspace';
import { ffmpeg } from '../support/media';

// Run from the build (out/main/bench-ui.js): the checkout is two folders up.
const REPO = resolve(import.meta.dirname, '../..');
const CACHE = resolve(REPO, 'test-artifacts/bench/ui');
const CLIP = join(CACHE, 'testsrc2-1080p25-10min.mp4');
const TEMPLATE = join(CACHE, 'project');
const TEMPLATE_10K = join(CACHE, 'project-10k-segments');
const FPS = 25;
const CHUNK_FRAMES = 250;
const CHUNKS = 60;
/** Keyframes every half second, as amelia's proxies have them. */
const GOP = Math.round(FPS / 2);

const STEPS = 150;
const BIG_STEPS = 50;
const SEEKS = 100;
const SEGMENT_ACTORS = 20;
const SEGMENTS_PER_ACTOR = 500;

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/**
 * The clip: ten seconds of testsrc2 at 1080p (libx264 ultrafast, 4 Mb/s, a keyframe every half second),
 * repeated sixty times without re-encoding: 15 000 frames, made once and kept under test-artifacts/.
 */
async function ensureClip(): Promise<void> {
  if (existsSync(CLIP)) return;
  mkdirSync(CACHE, { recursive: true });
  const chunk = join(CACHE, 'chunk.mp4');
  log('making the 1080p clip (once)…');
  await ffmpeg([
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1920x1080:rate=${FPS}`,
    '-frames:v',
    String(CHUNK_FRAMES),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '4M',
    '-maxrate',
    '5M',
    '-bufsize',
    '8M',
    '-g',
    String(GOP),
    '-pix_fmt',
    'yuv420p',
    chunk,
  ]);
  const partial = `${CLIP}.partial.mp4`;
  await ffmpeg([
    '-y',
    '-stream_loop',
    String(CHUNKS - 1),
    '-i',
    chunk,
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    partial,
  ]);
  renameSync(partial, CLIP);
  rmSync(chunk, { force: true });
}

/** A project with the clip imported (its frames indexed) and its thumbnails made, kept to be copied. */
async function ensureTemplate(): Promise<void> {
  if (existsSync(join(TEMPLATE, 'amelia.sqlite'))) return;
  const partial = `${TEMPLATE}.partial`;
  rmSync(partial, { recursive: true, force: true });
  log('importing the clip into a template project (once: it decodes all 15 000 frames)…');
  const server = await startServe(partial, REPO);
  try {
    const r = await api(server.url, 'videos.import', { paths: [CLIP] });
    const v = r.imported[0];
    if (!v) throw new Error(`the import failed: ${JSON.stringify(r.failed)}`);
    for (;;) {
      const now = await api(server.url, 'videos.get', { videoId: v.id });
      if (now.thumbnailFrames.length > 0) break;
      await new Promise((res) => setTimeout(res, 1000));
    }
  } finally {
    await server.stop();
  }
  renameSync(partial, TEMPLATE);
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(xs: readonly number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: q(50), p95: q(95), p99: q(99), max: s[s.length - 1] ?? NaN };
}

async function latencySamples(page: Page): Promise<{ kind: string; ms: number }[]> {
  return page.evaluate(() => {
    const p = (window as unknown as { __ameliaPlayer?: { samples: { kind: string; ms: number }[] } })
      .__ameliaPlayer;
    return p ? p.samples.map((s) => ({ kind: s.kind, ms: s.ms })) : [];
  });
}

async function drawSamples(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      (window as unknown as { __ameliaDebug?: { timelineDrawMs: number[] } }).__ameliaDebug?.timelineDrawMs ??
      [],
  );
}

/** Runs `body` and returns the latencies it added (key press or seek request → frame presented). */
async function measured(page: Page, body: () => Promise<void>): Promise<number[]> {
  const before = (await latencySamples(page)).length;
  await body();
  return (await latencySamples(page)).slice(before).map((s) => s.ms);
}

async function steps(page: Page, key: string, count: number, delta: number): Promise<number[]> {
  return measured(page, async () => {
    let at = await settled(page);
    for (let i = 0; i < count; i++) {
      await page.keyboard.press(key);
      at += delta;
      await settled(page, at);
    }
  });
}

/** A fixed pseudo-random sequence, so that every run seeks to the same frames. */
function seekTargets(count: number, frameCount: number): number[] {
  let x = 20250607;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(x % frameCount);
  }
  return out;
}

async function seeks(page: Page, targets: readonly number[]): Promise<number[]> {
  return measured(page, async () => {
    for (const f of targets) {
      await page.keyboard.press('g');
      await page.keyboard.type(String(f));
      await page.keyboard.press('Enter');
      await settled(page, f);
    }
  });
}

async function addSegments(url: string, videoId: string): Promise<number> {
  const clientId = 'bench-ui';
  let made = 0;
  for (let a = 0; a < SEGMENT_ACTORS; a++) {
    const actor = await api(url, 'actors.create', { clientId, videoId });
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < SEGMENTS_PER_ACTOR; i++) {
      const start = i * 29 + a;
      jobs.push(
        api(url, 'segments.create', {
          clientId,
          videoId,
          actorId: actor.id,
          startFrame: start,
          endFrame: start + 19,
          labelNodeId: i % 3 === 0 ? null : i % 3 === 1 ? 'walk' : 'fall-forward-hands',
          keyframes: [
            { frame: start, x: 100 + a * 40, y: 200, width: 200, height: 500, outside: false },
            { frame: start + 19, x: 140 + a * 40, y: 220, width: 210, height: 480, outside: false },
          ],
        }),
      );
      if (jobs.length >= 8) await Promise.all(jobs.splice(0));
    }
    await Promise.all(jobs);
    made += SEGMENTS_PER_ACTOR;
    log(`  ${made} segments`);
  }
  return made;
}

function row(name: string, s: Stats): string {
  const f = (v: number) => v.toFixed(1).padStart(8);
  return `${name.padEnd(44)} ${String(s.n).padStart(5)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${f(s.max)}`;
}

/** The template with ten thousand segments added through the API, kept too (adding them takes minutes). */
async function ensureTemplateWithSegments(): Promise<void> {
  if (existsSync(join(TEMPLATE_10K, 'amelia.sqlite'))) return;
  const partial = `${TEMPLATE_10K}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(TEMPLATE, partial, { recursive: true });
  log(`adding ${SEGMENT_ACTORS * SEGMENTS_PER_ACTOR} segments through the API to a second template (once)…`);
  const server = await startServe(partial, REPO);
  try {
    const [video] = await api(server.url, 'videos.list', {});
    if (!video) throw new Error('the template project has no video');
    await addSegments(server.url, video.id);
  } finally {
    await server.stop();
  }
  renameSync(partial, TEMPLATE_10K);
}

/** Runs `body` on a fresh copy of a template project, served, with a page on the video's workspace. */
async function onCopyOf(
  template: string,
  body: (page: Page, video: { id: string; frameCount: number }, openMs: number) => Promise<void>,
): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'amelia-bench-ui-'));
  cpSync(template, join(work, 'project'), { recursive: true });
  const server = await startServe(join(work, 'project'), REPO);
  const chromium = await launchChromium();
  try {
    const [video] = await api(server.url, 'videos.list', {});
    if (!video) throw new Error('the template project has no video');
    const page = await chromium.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const t0 = performance.now();
    await openWorkspace(page, server.url, video.id);
    const segments = (await api(server.url, 'segments.list', { videoId: video.id })).length;
    await page.waitForFunction(
      (count) => document.querySelector('.segment-list h3')?.textContent?.includes(String(count)) ?? false,
      segments,
    );
    const openMs = performance.now() - t0;
    log(
      `${video.name}: ${video.width}x${video.height}, ${video.frameCount} frames, ${segments} segments, opened in ${openMs.toFixed(0)} ms`,
    );
    await body(page, video, openMs);
    return chromium.browser.version();
  } finally {
    await chromium.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await ensureClip();
  await ensureTemplate();
  await ensureTemplateWithSegments();
  const results: Record<string, Stats> = {};
  const opening: Record<string, number> = {};
  const made = SEGMENT_ACTORS * SEGMENTS_PER_ACTOR;

  const browserVersion = await onCopyOf(TEMPLATE, async (page, video, openMs) => {
    opening['no segments'] = openMs;
    const n = video.frameCount;
    const mid = Math.floor(n / 2) + 3;
    await page.keyboard.press('g');
    await page.keyboard.type(String(mid));
    await page.keyboard.press('Enter');
    await settled(page, mid);
    log('stepping…');
    results['step forward (→)'] = stats(await steps(page, 'ArrowRight', STEPS, 1));
    results['step back (←)'] = stats(await steps(page, 'ArrowLeft', STEPS, -1));
    results['step 10 forward (Shift+→)'] = stats(await steps(page, 'Shift+ArrowRight', BIG_STEPS, 10));
    log('seeking…');
    results['seek to a typed frame (G, Enter)'] = stats(await seeks(page, seekTargets(SEEKS, n)));
  });

  await onCopyOf(TEMPLATE_10K, async (page, video, openMs) => {
    opening[`${made} segments`] = openMs;
    const n = video.frameCount;
    log(`stepping and seeking with ${made} segments…`);
    results[`step forward, ${made} segments`] = stats(await steps(page, 'ArrowRight', STEPS, 1));
    results[`seek, ${made} segments`] = stats(
      await seeks(
        page,
        seekTargets(SEEKS / 2, n).map((f) => (f * 7) % n),
      ),
    );
    const drawsBefore = (await drawSamples(page)).length;
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('=');
      await page.waitForTimeout(30);
    }
    for (let i = 0; i < 40; i++) {
      await page.mouse.move(900, 900);
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(30);
    }
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('-');
      await page.waitForTimeout(30);
    }
    await page.keyboard.press('0');
    await page.waitForTimeout(200);
    results[`timeline redraw (zoom, scroll), ${made} segments`] = stats(
      (await drawSamples(page)).slice(drawsBefore),
    );
  });

  console.log(
    `\nworkspace player in Chromium ${browserVersion} (headless, software decoding) on a 1080p25 clip of 10 min`,
  );
  console.log(
    `${'ms, from key press to frame presented'.padEnd(44)} ${'n'.padStart(5)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`,
  );
  for (const [name, s] of Object.entries(results)) console.log(row(name, s));
  for (const [what, ms] of Object.entries(opening))
    console.log(
      `opening the workspace, ${what}: ${ms.toFixed(0)} ms (until the segment list shows them all)`,
    );
  console.log('');
  const round = (s: Stats) => ({
    n: s.n,
    p50: +s.p50.toFixed(2),
    p95: +s.p95.toFixed(2),
    p99: +s.p99.toFixed(2),
    max: +s.max.toFixed(2),
  });
  console.log(
    JSON.stringify({
      bench: 'ui',
      chromium: browserVersion,
      clip: { width: 1920, height: 1080, fps: FPS, frames: CHUNK_FRAMES * CHUNKS, gop: GOP },
      results: Object.fromEntries(Object.entries(results).map(([k, s]) => [k, round(s)])),
      openMs: Object.fromEntries(Object.entries(opening).map(([k, v]) => [k, Math.round(v)])),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
