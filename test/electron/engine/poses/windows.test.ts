import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import { probeVideo } from '../../../../electron/engine/media/probe';
import { extractTubes, planWindows } from '../../../../electron/engine/poses/extractTubes';
import type { TubeSpec, VideoSource } from '../../../../electron/engine/poses/extractTubes';
import type { PoseRunner } from '../../../../electron/engine/poses/workerPool';
import { validateConfig } from '../../../../models/pose/config';
import { levelsClipLuma, makeLevelsClip } from '../../../support/media';
import { modelFreeRunner, zeroPose } from '../../../support/modelFreeRunner';
import { tempDir } from '../../../support/tempProject';

interface Seen {
  worker: number;
  track: number;
  first: boolean;
  frame: number;
  /** The crop's width: which tube it is (the tubes' boxes differ). */
  width: number;
  /** The crop's first byte: the frame's grey level in RGB. */
  level: number;
}

/** The RGB level of the grey-level clip's frame `n` (its luma, limited range, to full range). */
const rgb = (n: number) => Math.round(((levelsClipLuma(n) - 16) * 255) / 219);

/** A runner with no model: it records every crop it is given, and `fail` makes one worker throw. */
function recordingRunner(size: number, fail?: { worker: number; message: string }) {
  const seen: Seen[] = [];
  const runner = modelFreeRunner(size, async (worker, crop) => {
    await new Promise((r) => setImmediate(r));
    if (fail?.worker === worker) throw new Error(fail.message);
    seen.push({
      worker,
      track: crop.track,
      first: crop.first,
      frame: Math.round(crop.timestampMs / 40),
      width: crop.width,
      level: crop.data[0] as number,
    });
    return zeroPose(true);
  });
  return { runner, seen };
}

describe('tube extraction in one window of time per worker', () => {
  const dir = tempDir('amelia-windows-');
  let video: VideoSource;
  const config = validateConfig({ cropMargin: 0, filter: false });
  // Two tubes over the 400-frame grey-level clip, overlapping in frames 100–299: a is the whole 64×48
  // frame, b its left half.
  const tubes: TubeSpec[] = [
    { key: 'a', startFrame: 0, endFrame: 299, boxAt: () => ({ x: 0, y: 0, width: 64, height: 48 }) },
    { key: 'b', startFrame: 100, endFrame: 399, boxAt: () => ({ x: 0, y: 0, width: 32, height: 48 }) },
  ];
  const widthOf = { a: 64, b: 32 };

  beforeAll(async () => {
    const path = join(dir.dir, 'levels.mp4');
    await makeLevelsClip(path);
    const b = await resolveMediaBinaries();
    video = { ...(await probeVideo(b.ffprobe.path, path)), path };
  }, 60_000);
  afterAll(() => dir.remove());

  const run = async (runner: PoseRunner) =>
    extractTubes(runner, (await resolveMediaBinaries()).ffmpeg, video, tubes, config);

  it('sends each crop once, of its own frame, to the worker of its window, each tube a track of its own in each window that starts with the detector', async () => {
    const windows = planWindows(tubes, 2);
    // 600 crops: frames 0–199 hold 300 of them (100 of one tube, then 100 of two).
    expect(windows).toEqual([
      [0, 199],
      [200, 399],
    ]);
    const { runner, seen } = recordingRunner(2);
    const out = await run(runner);
    expect(seen).toHaveLength(600);
    for (const s of seen) {
      expect(s.worker, `frame ${s.frame}`).toBe(s.frame < 200 ? 0 : 1);
      expect(Math.abs(s.level - rgb(s.frame)), `frame ${s.frame}`).toBeLessThanOrEqual(2);
    }
    // Tube a's and b's crops on each worker: every frame of the tube in the window once, in order, one
    // track, the detector asked for on its first frame only.
    const tracks = new Set<number>();
    for (const [worker, key, from, to] of [
      [0, 'a', 0, 199],
      [0, 'b', 100, 199],
      [1, 'a', 200, 299],
      [1, 'b', 200, 399],
    ] as const) {
      const own = seen.filter((s) => s.worker === worker && s.width === widthOf[key]);
      expect(own.map((s) => s.frame)).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
      expect(new Set(own.map((s) => s.track)).size).toBe(1);
      expect(own.filter((s) => s.first).map((s) => s.frame)).toEqual([from]);
      tracks.add(own[0]?.track as number);
    }
    expect(tracks.size).toBe(4);
    for (const t of tubes) {
      const arrays = out.get(t.key);
      expect(arrays?.present.length).toBe(t.endFrame - t.startFrame + 1);
      expect(Array.from(arrays?.present ?? []).every((p) => p === 1)).toBe(true);
    }
  });

  it('gives a window that starts late in the video (reached by a proved seek) the crops of its own frames', async () => {
    const late: TubeSpec = {
      key: 'late',
      startFrame: 220,
      endFrame: 399,
      boxAt: tubes[0]?.boxAt as TubeSpec['boxAt'],
    };
    expect(planWindows([late], 2)).toEqual([
      [220, 309],
      [310, 399],
    ]);
    const { runner, seen } = recordingRunner(2);
    await extractTubes(runner, (await resolveMediaBinaries()).ffmpeg, video, [late], config);
    expect(seen.map((s) => s.frame).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 180 }, (_, i) => 220 + i),
    );
    for (const s of seen) {
      expect(s.worker, `frame ${s.frame}`).toBe(s.frame < 310 ? 0 : 1);
      expect(Math.abs(s.level - rgb(s.frame)), `frame ${s.frame}`).toBeLessThanOrEqual(2);
    }
  });

  it('stops every window and gives back the error where one worker fails', async () => {
    const { runner, seen } = recordingRunner(2, { worker: 1, message: 'worker 1 lost its model' });
    await expect(run(runner)).rejects.toThrow('worker 1 lost its model');
    expect(seen.every((s) => s.worker === 0)).toBe(true);
  });
});
