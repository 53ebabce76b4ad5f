import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../electron/engine/engine';
import { createEngine } from '../../../../electron/engine/engine';
import type { PoseRuntime } from '../../../../electron/engine/poses/posesJob';
import { framesGroups } from '../../../../electron/engine/poses/posesJob';
import type { InitMessage } from '../../../../electron/engine/poses/workerPool';
import { withFileGone } from '../../../support/files';
import { ffmpeg } from '../../../support/media';
import { modelFreeRunner, zeroPose } from '../../../support/modelFreeRunner';
import { importClip, makeTube, ok, runJob } from '../../../support/poses';
import { tempDir } from '../../../support/tempProject';

/** Three short clips of different sizes (so that a crop tells its video), 24 frames each. */
const SIZES = [
  [160, 120],
  [192, 144],
  [224, 168],
] as const;
const FRAMES = 24;

interface Sent {
  task: 'blazepose' | 'movenet';
  worker: number;
  width: number;
  track: number;
  /** When the runner started and finished the crop (ms, performance.now()). */
  from: number;
  to: number;
}

const CROP_MS = 20;

/**
 * A GPU host whose runners have no model: two runners each, person finding finds one person in the middle
 * of every frame, and each runner answers its crops one after another, 20 ms each, as a worker would. It
 * records what each runner was sent and when it ran it, so the job's batching can be seen.
 */
function recordingRuntime(log: { starts: string[]; sent: Sent[] }): PoseRuntime {
  const busy = new Map<number, Promise<void>>();
  return {
    availability: () => ({ tfjsNodeGpu: false, tfjsNode: false, webgpu: false, webgl: true, wasm: true }),
    cores: () => 2,
    gpu: {
      start: (init: InitMessage) => {
        log.starts.push(init.task);
        return Promise.resolve(
          modelFreeRunner(
            2,
            async (worker, crop) => {
              const sent: Sent = {
                task: 'blazepose',
                worker,
                width: crop.width,
                track: crop.track,
                from: 0,
                to: 0,
              };
              log.sent.push(sent);
              const run = (busy.get(worker) ?? Promise.resolve()).then(async () => {
                sent.from = performance.now();
                await new Promise((r) => setTimeout(r, CROP_MS));
                sent.to = performance.now();
              });
              busy.set(worker, run);
              await run;
              return zeroPose(true);
            },
            (worker, frame) => {
              log.sent.push({ task: 'movenet', worker, width: frame.width, track: 0, from: 0, to: 0 });
              const box = {
                x: frame.width / 4,
                y: frame.height / 8,
                width: frame.width / 2,
                height: (frame.height * 3) / 4,
              };
              return Promise.resolve([{ box, score: 0.9, keypoints: new Float32Array(17 * 3).fill(0.9) }]);
            },
          ),
        );
      },
    },
  };
}

describe('a pose job over several videos', () => {
  const dir = tempDir('amelia-batching-');
  const log = { starts: [] as string[], sent: [] as Sent[] };
  let engine: Engine;
  const videoIds: string[] = [];
  const paths: string[] = [];

  beforeAll(async () => {
    engine = await createEngine({
      projectDir: join(dir.dir, 'project'),
      runJobs: false,
      poseRuntime: recordingRuntime(log),
    });
    for (const [w, h] of SIZES) {
      const path = join(dir.dir, `clip-${w}.mp4`);
      await ffmpeg([
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=${w}x${h}:rate=25`,
        '-frames:v',
        String(FRAMES),
        '-pix_fmt',
        'yuv420p',
        '-y',
        path,
      ]);
      paths.push(path);
      videoIds.push(await importClip(engine, path));
    }
  }, 120_000);

  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('runs the videos’ tubes at once on shared workers: a worker freed by one video takes the next', async () => {
    log.starts.length = 0;
    log.sent.length = 0;
    const segmentIds: string[] = [];
    for (const videoId of videoIds) segmentIds.push(await makeTube(engine, videoId, 0, FRAMES - 1, []));
    const job = await ok(engine.call('poses.extract', { segmentIds, model: 'lite', backend: 'webgl' }));
    const done = await runJob(engine, job);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({
      mode: 'tubes',
      tubes: 3,
      frames: 3 * FRAMES,
      framesWithPose: 3 * FRAMES,
    });
    expect(log.starts).toEqual(['blazepose']);

    // Each video is one window (24 crops): one track, all its crops on one worker.
    const crops = log.sent.filter((s) => s.task === 'blazepose');
    expect(crops).toHaveLength(3 * FRAMES);
    const tracks = new Map<number, Sent[]>();
    for (const c of crops) tracks.set(c.track, [...(tracks.get(c.track) ?? []), c]);
    expect(tracks.size).toBe(3);
    for (const list of tracks.values()) {
      expect(new Set(list.map((c) => c.worker)).size).toBe(1);
      expect(new Set(list.map((c) => c.width)).size).toBe(1);
    }
    // Two videos ran at once, one on each worker: the second video's first crop ran before the first
    // video's last was done (one video after the other, it would have waited for it).
    // A crop's width tells its video (the clips differ in size).
    const widths = [...new Set(crops.map((c) => c.width))];
    expect(widths).toHaveLength(3);
    const ofVideo = (w: number) => crops.filter((c) => c.width === w);
    const [a, b] = [...widths].sort((x, y) => (ofVideo(x)[0]?.from ?? 0) - (ofVideo(y)[0]?.from ?? 0));
    const firstStart = Math.min(...ofVideo(b as number).map((c) => c.from));
    const lastEnd = Math.max(...ofVideo(a as number).map((c) => c.to));
    expect(firstStart).toBeLessThan(lastEnd - 5 * CROP_MS);
    expect(new Set(crops.map((c) => c.worker))).toEqual(new Set([0, 1]));
  });

  it('in whole-video mode starts one person finder and one pose runner for all the videos', async () => {
    log.starts.length = 0;
    log.sent.length = 0;
    const job = await ok(
      engine.call('poses.extract', { videoIds, wholeVideo: true, model: 'lite', backend: 'webgl' }),
    );
    const done = await runJob(engine, job);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({
      mode: 'wholeVideo',
      people: 3,
      frames: 3 * FRAMES,
      framesWithPose: 3 * FRAMES,
    });
    expect(log.starts).toEqual(['movenet', 'blazepose']);
    for (const videoId of videoIds) {
      const tracks = await ok(engine.call('poses.tracks', { videoId, jobId: job.id }));
      expect(tracks).toHaveLength(1);
      expect(tracks[0]?.frameCount).toBe(FRAMES);
      expect(tracks[0]?.framesWithPose).toBe(FRAMES);
    }
    // Every frame of every video went through person finding.
    expect(log.sent.filter((s) => s.task === 'movenet')).toHaveLength(3 * FRAMES);
  });

  /** Runs `fn` with the second video's file moved away, then puts it back. */
  const withSecondVideoGone = (fn: () => Promise<void>) => withFileGone(paths[1] as string, fn);

  it('saves the other videos’ tubes when one video cannot be read, fails naming it, and a retry does only that one', async () => {
    const segmentIds: string[] = [];
    for (const videoId of videoIds) segmentIds.push(await makeTube(engine, videoId, 2, FRAMES - 3, []));
    const job = await ok(engine.call('poses.extract', { segmentIds, model: 'lite', backend: 'webgl' }));
    await withSecondVideoGone(async () => {
      const failed = await runJob(engine, job);
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(
        /^Could not read 1 of 3 videos \("clip-192\.mp4": ffmpeg could not decode/,
      );
      expect(failed.error).toMatch(/The poses of the other 2 videos are saved/);
    });
    const extracted = async (i: number) =>
      (await ok(engine.call('poses.summary', { videoId: videoIds[i] as string }))).some(
        (s) => s.segmentId === segmentIds[i] && s.frameCount === FRAMES - 4,
      );
    expect([await extracted(0), await extracted(1), await extracted(2)]).toEqual([true, false, true]);

    log.sent.length = 0;
    await ok(engine.call('jobs.retry', { jobId: job.id }));
    const done = await runJob(engine, job);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({ tubes: 1, skipped: 2, frames: FRAMES - 4 });
    expect(await extracted(1)).toBe(true);
    // Only the video that was missing went through the model again.
    expect(new Set(log.sent.map((s) => s.width))).toEqual(new Set([SIZES[1][0]]));
  });

  it('in whole-video mode keeps the other videos’ people when one video cannot be read', async () => {
    const job = await ok(
      engine.call('poses.extract', { videoIds, wholeVideo: true, model: 'lite', backend: 'webgl' }),
    );
    await withSecondVideoGone(async () => {
      const failed = await runJob(engine, job);
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(/^Could not read 1 of 3 videos \("clip-192\.mp4": /);
    });
    const people = async (i: number) =>
      (await ok(engine.call('poses.tracks', { videoId: videoIds[i] as string, jobId: job.id }))).length;
    expect([await people(0), await people(1), await people(2)]).toEqual([1, 0, 1]);
    await ok(engine.call('jobs.retry', { jobId: job.id }));
    const done = await runJob(engine, job);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({ skipped: 2, people: 1 });
    expect(await people(1)).toBe(1);
  });
});

describe('whole-video groups', () => {
  it('cuts the videos into consecutive groups within the frame budget, a larger video alone', () => {
    const frames = [40, 30, 50, 200, 10, 10];
    expect(framesGroups(frames, (n) => n, 100)).toEqual([[40, 30], [50], [200], [10, 10]]);
    expect(framesGroups([], (n: number) => n, 100)).toEqual([]);
    expect(framesGroups([100, 1], (n) => n, 100)).toEqual([[100], [1]]);
  });
});
