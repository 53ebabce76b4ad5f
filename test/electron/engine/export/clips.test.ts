import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clipGeometry,
  evenRect,
  linearPieces,
  piecesExpression,
} from '../../../../electron/engine/export/formats/clipGeometry';
import {
  clipFilter,
  clipPasses,
  clipsArgs,
  cutClips,
} from '../../../../electron/engine/export/formats/clips';
import type { ClipSpec } from '../../../../electron/engine/export/formats/clips';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import { probeVideo } from '../../../../electron/engine/media/probe';
import { box } from '../../../support/annotate';
import { dataPath } from '../../../support/data';
import {
  countDecodedFrames,
  ffmpeg,
  makeLevelsClip,
  pictureDistance,
  streamFacts,
} from '../../../support/media';
import { tempDir } from '../../../support/tempProject';

const NUMBERS = dataPath('tricky', 'frame_numbers_25fps.mp4');
const dir = tempDir('amelia-clips-');
afterAll(() => dir.remove());

async function region(path: string, frame: number, crop: string): Promise<Buffer> {
  return ffmpeg([
    '-i',
    path,
    '-vf',
    `select=eq(n\\,${frame}),crop=${crop},scale=32:32,format=gray`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
}

/**
 * Each clip holds exactly its frames: as many as its range, its first and last frames within `near` of
 * those source frames (in `crop`) and more than `far` from their neighbours.
 */
async function expectFrameExact(
  specs: readonly ClipSpec[],
  source: string,
  crop: string,
  near: number,
  far: number,
): Promise<void> {
  for (const s of specs) {
    const frames = s.end - s.start + 1;
    expect(await countDecodedFrames(s.out), s.out).toBe(frames);
    for (const [at, frame, neighbour] of [
      [0, s.start, s.start + 1],
      [frames - 1, s.end, s.end - 1],
    ] as const) {
      const got = await region(s.out, at, crop);
      expect(pictureDistance(got, await region(source, frame, crop)), `${s.out} ${at}`).toBeLessThan(near);
      expect(pictureDistance(got, await region(source, neighbour, crop)), `${s.out} ${at}`).toBeGreaterThan(
        far,
      );
    }
  }
}

describe('clip geometry', () => {
  it('keeps crops even-sized and inside the frame', () => {
    expect(evenRect(-5, -5, 33, 21, 641, 481)).toEqual({ x: 0, y: 0, width: 34, height: 22 });
    expect(evenRect(600, 450, 700, 500, 641, 481)).toEqual({ x: 600, y: 450, width: 40, height: 30 });
    expect(evenRect(0, 0, 641, 481, 641, 481)).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });

  it('cuts a box track into linear pieces, about one per keyframe', () => {
    const values = [
      ...Array.from({ length: 11 }, (_, i) => 10 + 2 * i),
      ...Array.from({ length: 10 }, () => 30),
    ];
    const pieces = linearPieces(values);
    expect(pieces).toEqual([
      { from: 0, to: 10, at: 10, slope: 2 },
      { from: 11, to: 20, at: 30, slope: 0 },
    ]);
    expect(piecesExpression(pieces)).toBe('between(n,0,10)*(10.000+2.000000*(n-0))+between(n,11,20)*30.000');
    // A jittery track still makes a short expression.
    const noisy = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 13);
    expect(linearPieces(noisy).length).toBeLessThanOrEqual(300);
  });

  it('covers every box of the track plus the margin (stable), follows it at a fixed size, or takes the whole frame', () => {
    const kf = [box(0, 100, 50, 40, 80), box(10, 200, 60, 40, 80)];
    expect(clipGeometry(kf, 0, 10, 320, 240, { crop: 'stable', margin: 0.1, blur: 'none' }).crop).toEqual({
      x: 86,
      y: 40,
      width: 168,
      height: 110,
    });
    const follow = clipGeometry(kf, 0, 10, 320, 240, { crop: 'follow', margin: 0.1, blur: 'none' });
    expect([follow.width, follow.height]).toEqual([48, 96]);
    expect(follow.cropX).toEqual([{ from: 0, to: 10, at: 96, slope: 10 }]);
    expect(clipGeometry([], 0, 10, 641, 481, { crop: 'stable', margin: 0.1, blur: 'none' }).crop).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 480,
    });
  });
});

describe('clipPasses', () => {
  const spec = (
    out: string,
    src: string,
    start: number,
    streamIndex = 0,
    keyframes = [box(start, 10, 10, 50, 50)],
  ) =>
    ({
      src,
      streamIndex,
      rateText: '25/1',
      start,
      end: start + 300,
      geometry: clipGeometry(keyframes, start, start + 300, 320, 240, {
        crop: 'follow',
        margin: 0.1,
        blur: 'none',
      }),
      crf: 18,
      out,
    }) satisfies ClipSpec;

  it('cuts the clips of one video stream together, in order of their first frame, at most eight a pass', () => {
    const specs = [
      spec('b2', 'b.mp4', 50),
      ...Array.from({ length: 10 }, (_, i) => spec(`a${i}`, 'a.mp4', 100 - i * 10)),
      spec('b1', 'b.mp4', 5),
      spec('b-other-stream', 'b.mp4', 0, 1),
    ];
    expect(clipPasses(specs).map((p) => p.map((s) => s.out))).toEqual([
      ['b1', 'b2'],
      ['a9', 'a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2'],
      ['a1', 'a0'],
      ['b-other-stream'],
    ]);
    // A clip 250 frames or more after the pass's clips end starts a pass of its own, reached by a seek;
    // 249 frames after is not enough (c1 ends at 500, c1b at 1050).
    const spread = [
      spec('c0', 'c.mp4', 0),
      spec('c1', 'c.mp4', 200),
      spec('c1b', 'c.mp4', 750),
      spec('c2', 'c.mp4', 1301),
      spec('c3', 'c.mp4', 1400),
    ];
    expect(clipPasses(spread).map((p) => p.map((s) => s.out))).toEqual([
      ['c0', 'c1', 'c1b'],
      ['c2', 'c3'],
    ]);
  });

  it('keeps a pass’s filter graph short enough for one command-line argument on every system', () => {
    // A box that zigzags every frame: about one crop piece a frame on each axis, a long expression.
    const zigzag = Array.from({ length: 301 }, (_, f) => box(f, f % 2 ? 10 : 60, f % 2 ? 60 : 10, 50, 50));
    const long = [0, 1, 2].map((i) => ({ ...spec(`z${i}`, 'z.mp4', 0, 0, zigzag), start: i }));
    expect(clipFilter(long[0] as ClipSpec).length).toBeGreaterThan(12_000);
    const passes = clipPasses(long);
    expect(passes.map((p) => p.length)).toEqual([1, 1, 1]);
    for (const p of passes) expect(p.map((s) => clipFilter(s)).join(';').length).toBeLessThan(32_000);
  });
});

describe('clips cut with ffmpeg', () => {
  it('follows the box frame by frame, frame-exact', async () => {
    const bins = await resolveMediaBinaries();
    const out = join(dir.dir, 'follow.mp4');
    const kf = [box(20, 10, 100, 60, 60), box(50, 200, 100, 60, 60)];
    const geometry = clipGeometry(kf, 20, 50, 320, 240, { crop: 'follow', margin: 0.1, blur: 'none' });
    await cutClips(
      bins.ffmpeg,
      bins.ffprobe.path,
      [{ src: NUMBERS, streamIndex: 0, rateText: '25/1', start: 20, end: 50, geometry, crf: 18, out }],
      () => undefined,
    );
    expect(await countDecodedFrames(out)).toBe(31);
    const facts = await streamFacts(out);
    expect([facts.width, facts.height]).toEqual([72, 72]);
    // The last frame is frame 50 of the source where the box is, 72 × 72 around its centre (230, 130).
    const last = await region(out, 30, '72:72:0:0');
    expect(pictureDistance(last, await region(NUMBERS, 50, '72:72:194:94'))).toBeLessThan(6);
    expect(pictureDistance(last, await region(NUMBERS, 50, '72:72:0:94'))).toBeGreaterThan(10);
  });

  it("blurs everything outside the actor's window, and nothing inside it", async () => {
    const bins = await resolveMediaBinaries();
    const sharp = join(dir.dir, 'sharp.mp4');
    const blurred = join(dir.dir, 'blurred.mp4');
    const kf = [box(0, 120, 120, 100, 100)];
    for (const [out, blur] of [
      [sharp, 'none'],
      [blurred, 'others'],
    ] as const) {
      const geometry = clipGeometry(kf, 0, 9, 320, 240, { crop: 'none', margin: 0, blur });
      await cutClips(
        bins.ffmpeg,
        bins.ffprobe.path,
        [{ src: NUMBERS, streamIndex: 0, rateText: '25/1', start: 0, end: 9, geometry, crf: 18, out }],
        () => undefined,
      );
      expect(await countDecodedFrames(out)).toBe(10);
    }
    const inside = '100:100:120:120';
    const digits = '90:60:5:0';
    expect(pictureDistance(await region(blurred, 5, inside), await region(sharp, 5, inside))).toBeLessThan(3);
    expect(pictureDistance(await region(blurred, 5, digits), await region(sharp, 5, digits))).toBeGreaterThan(
      15,
    );
  });

  it('cuts several clips of one video in one pass, each frame-exact, blurred ones included', async () => {
    const bins = await resolveMediaBinaries();
    // The actor's window holds the frame number, so it is never blurred.
    const kf = [box(0, 0, 0, 110, 70)];
    const ranges: [number, number, 'none' | 'others'][] = [
      [5, 40, 'others'],
      [10, 19, 'none'],
      [60, 99, 'others'],
    ];
    const specs = ranges.map(([start, end, blur], i) => ({
      src: NUMBERS,
      streamIndex: 0,
      rateText: '25/1',
      start,
      end,
      geometry: clipGeometry(kf, start, end, 320, 240, { crop: 'none', margin: 0, blur }),
      crf: 18,
      out: join(dir.dir, `pass-${i}.mp4`),
    }));
    const reported: number[] = [];
    await cutClips(bins.ffmpeg, bins.ffprobe.path, specs, (n) => reported.push(n));
    expect(reported.at(-1)).toBe(36 + 10 + 40);
    // Each clip's first and last frames show their source frames' numbers, not a neighbour's.
    await expectFrameExact(specs, NUMBERS, '90:60:5:0', 6, 10);
  });

  it('starts a pass far into a long video at a proved seek, each clip still frame-exact', async () => {
    const bins = await resolveMediaBinaries();
    const long = join(dir.dir, 'long-levels.mp4');
    await makeLevelsClip(long);
    const probe = await probeVideo(bins.ffprobe.path, long);
    const kf = [box(0, 0, 0, 64, 48)];
    const specs = [
      [300, 320],
      [350, 360],
    ].map(([start, end], i) => ({
      src: long,
      streamIndex: probe.streamIndex,
      rateText: '25/1',
      start: start as number,
      end: end as number,
      geometry: clipGeometry(kf, start as number, end as number, 64, 48, {
        crop: 'none',
        margin: 0,
        blur: 'none',
      }),
      crf: 10,
      out: join(dir.dir, `late-${i}.mp4`),
    }));
    // The decode seeks, and each clip's select counts from the seek's frame.
    const args = clipsArgs(bins.ffmpeg, specs, { frame: 300, seconds: 11.98 });
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 2)).toEqual(['-ss', '11.980000']);
    expect(args.join(' ')).toContain("select='between(n,50,60)'");
    expect(() => clipsArgs(bins.ffmpeg, specs, { frame: 310, seconds: 12.38 })).toThrow(/before the seek/);
    await cutClips(bins.ffmpeg, bins.ffprobe.path, specs, () => undefined, undefined, {
      times: probe.times,
      firstFrameOffsetSec: probe.firstFrameOffsetSec,
    });
    await expectFrameExact(specs, long, '64:48:0:0', 1.5, 2.5);
  });
});
