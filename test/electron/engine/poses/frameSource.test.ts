import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import { probeVideo } from '../../../../electron/engine/media/probe';
import { cropRectFor, cutCrop } from '../../../../electron/engine/poses/crops';
import { framesToDecode } from '../../../../electron/engine/poses/extractTubes';
import { decodeFrames, decodedSize } from '../../../../electron/engine/poses/frameSource';
import type { DecodedFrame, FrameSourceSpec } from '../../../../electron/engine/poses/frameSource';
import { MIN_SEEK_FRAME, decodePasses, proveSeek } from '../../../../electron/engine/poses/seekPoint';
import { dataPath, hasData } from '../../../support/data';
import {
  LEVELS_CLIP_FRAMES,
  ffmpeg,
  levelsClipLuma,
  makeLevelsClip,
  pictureDistance,
} from '../../../support/media';
import { tempDir } from '../../../support/tempProject';

async function specOf(path: string, maxSide: number, lastFrame?: number): Promise<FrameSourceSpec> {
  const b = await resolveMediaBinaries();
  const p = await probeVideo(b.ffprobe.path, path);
  return {
    ffmpeg: b.ffmpeg,
    path,
    streamIndex: p.streamIndex,
    width: p.width,
    height: p.height,
    frameCount: p.frameCount,
    maxSide,
    lastFrame: lastFrame ?? p.frameCount - 1,
  };
}

async function collect(spec: FrameSourceSpec, signal?: AbortSignal): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  for await (const f of decodeFrames(spec, signal)) out.push(f);
  return out;
}

describe('decodedSize', () => {
  it('bounds the longer side, keeps the aspect ratio, never enlarges, and stays even', () => {
    expect(decodedSize(1920, 1080, 1280)).toEqual({ width: 1280, height: 720 });
    expect(decodedSize(1080, 1920, 640)).toEqual({ width: 360, height: 640 });
    expect(decodedSize(640, 480, 1280)).toEqual({ width: 640, height: 480 });
    expect(decodedSize(641, 481, 1280)).toEqual({ width: 642, height: 482 });
  });
});

describe('crops', () => {
  it('grow the box by the margin, clamp to the frame, and copy exactly those pixels', () => {
    expect(cropRectFor({ x: 100, y: 100, width: 50, height: 100 }, 0.25, 1, 640, 480)).toEqual({
      x: 75,
      y: 75,
      width: 100,
      height: 150,
    });
    expect(cropRectFor({ x: 0, y: 400, width: 60, height: 120 }, 0.25, 0.5, 320, 240)).toEqual({
      x: 0,
      y: 185,
      width: 45,
      height: 55,
    });
    expect(cropRectFor({ x: 1000, y: 1000, width: 10, height: 10 }, 0.25, 1, 640, 480)).toBeNull();
    const frame = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i);
    expect(Array.from(cutCrop(frame, 4, { x: 1, y: 1, width: 2, height: 2 }))).toEqual([
      15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32,
    ]);
  });
});

describe('decodeFrames', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('gives frame N as the import numbers it (B-frames reordered, counted from the first frame)', async () => {
    const path = join(tmp.dir, 'levels.mp4');
    // Frame N is a flat grey of luma 30 + 2N (limited range: RGB (Y − 16) × 255 / 219), H.264 with B-frames (presentation order differs from decode order).
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'color=c=black:s=64x48:r=25:d=4,geq=lum=30+2*N:cb=128:cr=128',
      '-c:v',
      'libx264',
      '-qp',
      '0',
      '-bf',
      '3',
      '-pix_fmt',
      'yuv420p',
      path,
    ]);
    const frames = await collect(await specOf(path, 1280));
    expect(frames.map((f) => f.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (const f of frames)
      expect(
        Math.abs((f.data[0] as number) - ((14 + 2 * f.index) * 255) / 219),
        `frame ${f.index}`,
      ).toBeLessThanOrEqual(1.5);
    // With one buffer for every frame, each frame is right while it is the current one.
    const buffers = new Set<Uint8Array>();
    for await (const f of decodeFrames({ ...(await specOf(path, 1280)), reuseBuffer: true })) {
      buffers.add(f.data);
      expect(Math.abs((f.data[0] as number) - ((14 + 2 * f.index) * 255) / 219)).toBeLessThanOrEqual(1.5);
    }
    expect(buffers.size).toBe(1);
    // Only the frames asked for, each with its own decode index (the others decoded but not sent).
    const ranges = [
      [3, 5],
      [40, 40],
      [90, 99],
    ] as const;
    const some = await collect({ ...(await specOf(path, 1280, 99)), ranges });
    expect(some.map((f) => f.index)).toEqual([3, 4, 5, 40, ...Array.from({ length: 10 }, (_, i) => 90 + i)]);
    for (const f of some)
      expect(
        Math.abs((f.data[0] as number) - ((14 + 2 * f.index) * 255) / 219),
        `frame ${f.index}`,
      ).toBeLessThanOrEqual(1.5);
    await expect(
      collect({
        ...(await specOf(path, 64, 99)),
        ranges: [
          [5, 9],
          [7, 12],
        ],
      }),
    ).rejects.toThrow(/sorted, disjoint/);
    // Stopping early ends ffmpeg after the last frame wanted.
    const first = await collect(await specOf(path, 32, 9));
    expect(first.map((f) => f.index)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(first[0]?.data.length).toBe(32 * 24 * 3);
  });

  it.skipIf(!hasData)(
    'decodes every frame of a variable-frame-rate video once, as the import counted them',
    async () => {
      const spec = await specOf(dataPath('tricky/vfr_18_then_9fps.mp4'), 320);
      expect(spec.frameCount).toBe(37);
      expect((await collect(spec)).length).toBe(37);
    },
  );

  it.skipIf(!hasData)(
    'gives a rotated video’s frames upright, at its displayed (portrait) size, so boxes drawn on it crop the right pixels',
    async () => {
      const spec = await specOf(dataPath('tricky/rotated_90.mp4'), 320);
      expect(spec.height).toBeGreaterThan(spec.width);
      const frames = await collect(spec);
      expect(frames.length).toBe(spec.frameCount);
      const size = decodedSize(spec.width, spec.height, 320);
      const first = frames[0] as DecodedFrame;
      expect(first.data.length).toBe(size.width * size.height * 3);
      // The same picture as the source recording turned a quarter counter-clockwise, not squashed or
      // turned the other way.
      const reference = (transpose: number) =>
        ffmpeg([
          '-i',
          dataPath('upfall/Activity1/Subject1/Trial1Cam2.mp4'),
          '-frames:v',
          '1',
          '-vf',
          `transpose=${transpose},scale=${size.width}:${size.height}:flags=area`,
          '-pix_fmt',
          'rgb24',
          '-f',
          'rawvideo',
          'pipe:1',
        ]);
      const got = Buffer.from(first.data);
      expect(pictureDistance(got, await reference(2))).toBeLessThan(3);
      expect(pictureDistance(got, await reference(1))).toBeGreaterThan(20);
    },
  );

  it('refuses a video that decodes fewer frames than the import counted, and stops when cancelled', async () => {
    const path = join(tmp.dir, 'short.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=64x48:r=10:d=1', '-pix_fmt', 'yuv420p', path]);
    const spec = await specOf(path, 64);
    await expect(collect({ ...spec, frameCount: 20, lastFrame: 19 })).rejects.toThrow(
      /ffmpeg decoded 10 frames where the import counted 20/,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(collect(spec, controller.signal)).rejects.toThrow(/cancelled/);
  });
});

describe('framesToDecode', () => {
  it('merges the tubes’ ranges, keeps short gaps, and skips long ones', () => {
    expect(
      framesToDecode([
        { startFrame: 500, endFrame: 600 },
        { startFrame: 10, endFrame: 50 },
        { startFrame: 40, endFrame: 80 },
        { startFrame: 90, endFrame: 100 },
        { startFrame: 650, endFrame: 650 },
      ]),
    ).toEqual([
      [10, 100],
      [500, 600],
      [650, 650],
    ]);
  });
  it('closes the shortest gaps first when there would be too many ranges', () => {
    // 300 tubes 90 frames apart, but every tenth gap shorter: those are closed first.
    const tubes = Array.from({ length: 300 }, (_, i) => ({
      startFrame: i * 100 - (i % 10 === 0 && i > 0 ? 50 : 0),
      endFrame: i * 100 + 10,
    }));
    const ranges = framesToDecode(tubes);
    expect(ranges.length).toBe(200);
    for (const t of tubes) expect(ranges.some(([a, b]) => a <= t.startFrame && t.endFrame <= b)).toBe(true);
    for (let i = 10; i < 300; i += 10)
      expect(
        ranges.some(([a, b]) => a <= (i - 1) * 100 && i * 100 <= b),
        `tube ${i}`,
      ).toBe(true);
    for (let i = 1; i < ranges.length; i++)
      expect((ranges[i] as [number, number])[0]).toBeGreaterThan((ranges[i - 1] as [number, number])[1]);
  });
});

describe('proveSeek', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('starts a late range (and each group of tubes far from the one before) at its own frame, proved by ffmpeg’s timestamps; refuses early frames and a seek that lands elsewhere', async () => {
    const path = join(tmp.dir, 'long.mp4');
    await makeLevelsClip(path);
    const b = await resolveMediaBinaries();
    const p = await probeVideo(b.ffprobe.path, path);
    expect(p.frameCount).toBe(LEVELS_CLIP_FRAMES);
    const source = {
      ffmpeg: b.ffmpeg,
      path,
      streamIndex: p.streamIndex,
      times: p.times,
      firstFrameOffsetSec: p.firstFrameOffsetSec,
    };
    // RGB of limited-range grey: (Y − 16) × 255 / 219.
    const level = (n: number) => ((levelsClipLuma(n) - 16) * 255) / 219;
    // Frames between keyframes (260 = 5 × 48 + 20) and on one (336 = 7 × 48).
    for (const first of [260, 336]) {
      const seek = await proveSeek(source, first, 399);
      expect(seek?.frame).toBe(first);
      const ranges = [
        [first, first + 10],
        [first + 50, first + 52],
      ] as const;
      const frames = await collect({ ...(await specOf(path, 64, first + 52)), ranges, seek });
      expect(frames.map((f) => f.index)).toEqual([
        ...Array.from({ length: 11 }, (_, i) => first + i),
        first + 50,
        first + 51,
        first + 52,
      ]);
      for (const f of frames)
        expect(Math.abs((f.data[0] as number) - level(f.index)), `frame ${f.index}`).toBeLessThanOrEqual(1.5);
    }
    // Early frames decode from frame 0 (cheaper than a proof).
    expect(await proveSeek(source, MIN_SEEK_FRAME - 1, 399)).toBeNull();
    // A seek that would land on the next frame (frame 0 placed a frame later than it is) is refused.
    expect(
      await proveSeek({ ...source, firstFrameOffsetSec: p.firstFrameOffsetSec + 0.04 }, 260, 399),
    ).toBeNull();
    // Times that go back after the frame: no seek.
    const shuffled = Float64Array.from(p.times);
    [shuffled[300], shuffled[301]] = [shuffled[301] as number, shuffled[300] as number];
    expect(await proveSeek({ ...source, times: shuffled }, 260, 399)).toBeNull();
    // Tubes far apart: a run from frame 0 for the first, a proved seek for the next group (short gaps kept).
    const ranges: [number, number][] = [
      [10, 20],
      [300, 310],
      [330, 340],
      [390, 399],
    ];
    const passes = await decodePasses(source, ranges);
    expect(passes).toEqual([
      { ranges: [[10, 20]], seek: null },
      { ranges: ranges.slice(1), seek: { frame: 300, seconds: expect.any(Number) as number } },
    ]);
    const all: DecodedFrame[] = [];
    for (const pass of passes) {
      const spec = await specOf(path, 64, (pass.ranges[pass.ranges.length - 1] as [number, number])[1]);
      all.push(...(await collect({ ...spec, ranges: pass.ranges, seek: pass.seek })));
    }
    expect(all.map((f) => f.index)).toEqual(
      ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)),
    );
    for (const f of all)
      expect(Math.abs((f.data[0] as number) - level(f.index)), `frame ${f.index}`).toBeLessThanOrEqual(1.5);
    // Where the seek cannot be proved, or there is no source to prove it on, one run from frame 0.
    const unproved = { ...source, firstFrameOffsetSec: p.firstFrameOffsetSec + 0.04 };
    expect(await decodePasses(unproved, ranges)).toEqual([{ ranges, seek: null }]);
    expect(await decodePasses(null, ranges)).toEqual([{ ranges, seek: null }]);
    // Ranges before the seek's frame are refused.
    await expect(
      collect({
        ...(await specOf(path, 64, 300)),
        ranges: [[250, 300]],
        seek: { frame: 260, seconds: 10.38 },
      }),
    ).rejects.toThrow(/within 260–300/);
  });
});
