// npm run bench:pose — BlazePose lite and full on the UP-Fall walking clip (frontal camera, the walker's tube):
// the model alone on one core and in one worker per core, the whole pipeline (decode, crop, workers, filter)
// with one worker and with one worker per core, the pipeline with no model, the frames of a tube late in a
// four-minute recording reached by a proved seek against decoding from frame 0, and the peak memory; each
// measurement repeated in turn. Prints a table of medians, then one JSON line with the figures.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createEngine } from '../../electron/engine/engine';
import { resolveMediaBinaries } from '../../electron/engine/media/binaries';
import { probeVideo } from '../../electron/engine/media/probe';
import { cropRectFor, cutCrop } from '../../electron/engine/poses/crops';
import { extractTubes, planWindows } from '../../electron/engine/poses/extractTubes';
import type { VideoSource } from '../../electron/engine/poses/extractTubes';
import { decodeFrames, decodedSize, frameSourceArgs } from '../../electron/engine/poses/frameSource';
import { decodePasses } from '../../electron/engine/poses/seekPoint';
import { PoseWorkerPool } from '../../electron/engine/poses/workerPool';
import { validateConfig } from '../../models/pose/config';
import { createNodePoseExtractor } from '../../models/pose/node';
import { weightsDir } from '../../models/pose/weights/fileModelSource';
import type { PoseModel } from '../../shared/domain/pose';
import { boxAt, normaliseKeyframes } from '../../shared/tracks/interpolate';
import { decodePoseArrays, encodePoseArrays } from '../../shared/poses/encoding';
import type { TrackKeyframe } from '../../shared/domain/annotation';
import fixture from '../fixtures/poses/upfall-walking-cam2-boxes.json';
import { median } from '../../shared/util/median';
import { ffmpeg } from '../support/media';
import { modelFreeRunner, zeroPose } from '../support/modelFreeRunner';
import { importClip, makeTube, ok } from '../support/poses';

// Run from the checkout (npm run bench:pose): the data lies beside it.
const DATA = process.env.AMELIA_DATA ?? resolve(process.cwd(), '..', 'shared', 'data');
const FRAMES = Number(process.env.AMELIA_BENCH_FRAMES ?? 400);
/** Each measurement is taken this many times, in turn (AMELIA_BENCH_REPEATS, default 3). */
const REPEATS = Math.max(1, Number(process.env.AMELIA_BENCH_REPEATS ?? 3));
/** AMELIA_BENCH_MODELS=lite,full (the default) picks the models. */
const MODELS: PoseModel[] = (process.env.AMELIA_BENCH_MODELS ?? 'lite,full')
  .split(',')
  .map((m) => `blazepose-${m.trim()}` as PoseModel);

interface Row {
  model: PoseModel;
  what: string;
  workers: number;
  frames: number;
  seconds: number;
  framesPerSec: number;
  /** CPU time of this process (all its threads) a frame, milliseconds. */
  cpuMsPerFrame: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time ffmpeg spends decoding (and scaling) the frames, from its own -benchmark report, ms a frame. */
function ffmpegCpuMsPerFrame(ffmpegPath: string, args: string[], frames: number): number {
  // The same decode, to nowhere, with -v info so that ffmpeg prints its -benchmark line.
  const quiet = args.indexOf('error');
  const loud = args.map((a, i) => (i === quiet ? 'info' : a)).slice(0, -1);
  const out = spawnSync(ffmpegPath, ['-benchmark', ...loud, '-f', 'null', '-'], { encoding: 'utf8' });
  const m = /utime=([\d.]+)s stime=([\d.]+)s/.exec(out.stderr + out.stdout);
  return m ? ((Number(m[1]) + Number(m[2])) * 1000) / frames : Number.NaN;
}

interface Pinning {
  /** Pins every thread of this process to one core; returns the undo. */
  pin(): () => void;
}

/**
 * "One core", measured on one core: `taskset` (Linux) pins all threads of this process, V8's garbage
 * collector and compiler threads included, which otherwise work on the other cores beside the model's
 * thread. Null where taskset is missing or fails.
 */
function oneCorePinning(): Pinning | null {
  if (process.platform !== 'linux') return null;
  const current = spawnSync('taskset', ['-p', String(process.pid)], { encoding: 'utf8' });
  const mask = /:\s*([0-9a-f]+)\s*$/i.exec(current.stdout ?? '')?.[1];
  if (current.status !== 0 || !mask) return null;
  const set = (args: string[]) => {
    const r = spawnSync('taskset', ['-a', '-p', ...args, String(process.pid)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`taskset ${args.join(' ')} failed: ${r.stderr}`);
  };
  // The lowest core this process may use.
  let first = 0;
  for (let m = BigInt(`0x${mask}`); m > 0n && (m & 1n) === 0n; m >>= 1n) first++;
  return {
    pin() {
      set(['-c', String(first)]);
      return () => set([mask]);
    },
  };
}

// Run from the build (out/main/bench-pose.js): the checkout is two folders up.
const LONG_CLIP = resolve(
  import.meta.dirname,
  '../..',
  'test-artifacts/bench/pose/testsrc2-640x480-25fps-4min.mp4',
);

/** A four-minute 640×480 recording (6,000 frames, a keyframe every 10 s), made once, kept under test-artifacts/. */
async function ensureLongClip(): Promise<string> {
  if (existsSync(LONG_CLIP)) return LONG_CLIP;
  mkdirSync(dirname(LONG_CLIP), { recursive: true });
  const partial = `${LONG_CLIP}.partial.mp4`;
  await ffmpeg([
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x480:rate=25',
    '-frames:v',
    '6000',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-g',
    '250',
    '-pix_fmt',
    'yuv420p',
    partial,
  ]);
  renameSync(partial, LONG_CLIP);
  return LONG_CLIP;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

/** The batch: ten UP-Fall recordings, each with one tube of this many frames (whole-frame crops). */
const BATCH_CLIPS = [1, 2, 3, 4, 5].flatMap((a) =>
  [1, 2].map((c) => `upfall/Activity${a}/Subject1/Trial1Cam${c}.mp4`),
);
const BATCH_TUBE_FRAMES = 30;

/**
 * A poses job over a batch of short tubes in different videos (what annotators send: a few seconds here and
 * there), lite, one worker per core, in a fresh project: the job's wall-clock time, once the imports' own
 * jobs are done.
 */
async function batchOfShortTubes(): Promise<{ videos: number; frames: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'amelia-bench-batch-'));
  const engine = await createEngine({ projectDir: dir, runJobs: false });
  try {
    const segmentIds: string[] = [];
    for (const clip of BATCH_CLIPS) {
      const videoId = await importClip(engine, join(DATA, clip));
      segmentIds.push(await makeTube(engine, videoId, 20, 20 + BATCH_TUBE_FRAMES - 1, []));
    }
    engine.jobs.start();
    await engine.jobs.whenIdle();
    const job = await ok(engine.call('poses.extract', { segmentIds, model: 'lite', backend: 'wasm' }));
    const t0 = performance.now();
    await engine.jobs.whenIdle([job.id]);
    const seconds = (performance.now() - t0) / 1000;
    const done = (await ok(engine.call('jobs.list', {}))).find((j) => j.id === job.id);
    if (done?.state !== 'done') throw new Error(`the batch's job ended ${done?.state}: ${done?.error ?? ''}`);
    return { videos: BATCH_CLIPS.length, frames: BATCH_CLIPS.length * BATCH_TUBE_FRAMES, seconds };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const clip = `${DATA}/${fixture.clip}`;
  if (!existsSync(clip)) throw new Error(`No clip at ${clip} (set AMELIA_DATA).`);
  const binaries = await resolveMediaBinaries();
  const probe = await probeVideo(binaries.ffprobe.path, clip);
  const cores = availableParallelism();
  const loadBefore = loadavg()[0] ?? 0;
  const frames = Math.min(FRAMES, probe.frameCount);
  const config = validateConfig({ cropMargin: 0.25, filter: true });
  const kfs = normaliseKeyframes(fixture.keyframes as TrackKeyframe[]);
  const video: VideoSource = {
    path: clip,
    streamIndex: probe.streamIndex,
    width: probe.width,
    height: probe.height,
    frameCount: probe.frameCount,
    times: probe.times,
  };
  const size = decodedSize(video.width, video.height, config.frameMaxSide);
  const scale = Math.min(size.width / video.width, size.height / video.height);

  // The crops the pipeline would cut, decoded beforehand so the model alone is timed.
  const crops: { rect: { x: number; y: number; width: number; height: number }; data: Uint8Array }[] = [];
  for await (const f of decodeFrames({
    ffmpeg: binaries.ffmpeg,
    path: clip,
    streamIndex: video.streamIndex,
    width: video.width,
    height: video.height,
    frameCount: video.frameCount,
    maxSide: config.frameMaxSide,
    lastFrame: frames - 1,
  })) {
    const box = boxAt(kfs, f.index).box;
    const rect = box ? cropRectFor(box, config.cropMargin, scale, size.width, size.height) : null;
    if (rect) crops.push({ rect, data: cutCrop(f.data, size.width, rect) });
  }

  const samples: Row[] = [];
  let readMs = 0;
  let readBytes = 0;
  const sample = (model: PoseModel, what: string, workers: number, n: number, ms: number, cpu: number) => {
    const r = {
      model,
      what,
      workers,
      frames: n,
      seconds: ms / 1000,
      framesPerSec: n / (ms / 1000),
      cpuMsPerFrame: cpu / n,
    };
    samples.push(r);
    console.error(`  ${model} ${what}: ${r.framesPerSec.toFixed(1)} frames/s`);
  };
  const pinning = oneCorePinning();
  // Where the process cannot be pinned, the model alone runs unpinned and stands for one core.
  const ALONE = pinning ? 'model alone, one core' : 'model alone (unpinned)';
  const UNPINNED = 'model alone (unpinned)';
  const ALONE_AFTER = `${ALONE}, after`;
  const aloneIn = (n: number) => `model alone, ${n} workers`;
  const pipelineIn = (n: number) => (n === 1 ? 'pipeline, one worker' : `pipeline, ${n} workers`);

  // The pipeline's own work, with no model behind it: decoding, cutting the crops, the bookkeeping.
  const noModel = modelFreeRunner(cores, () => Promise.resolve(zeroPose(false)));
  const decodeOnly: { framesPerSec: number; cpuMsPerFrame: number }[] = [];
  for (let rep = 0; rep < REPEATS; rep++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    await extractTubes(
      noModel,
      binaries.ffmpeg,
      video,
      [{ key: 'walker', startFrame: 0, endFrame: frames - 1, boxAt: (f) => boxAt(kfs, f).box }],
      config,
    );
    decodeOnly.push({
      framesPerSec: frames / ((performance.now() - t0) / 1000),
      cpuMsPerFrame: (cpuMs() - c0) / frames,
    });
  }
  const pipelineOwn = {
    framesPerSec: median(decodeOnly.map((d) => d.framesPerSec)),
    cpuMsPerFrame: median(decodeOnly.map((d) => d.cpuMsPerFrame)),
  };

  // A 100-frame tube late in a four-minute recording: its frames reached by a proved seek, and by decoding
  // every frame before them (dropped unconverted), until the last is in.
  const long = await ensureLongClip();
  const longProbe = await probeVideo(binaries.ffprobe.path, long);
  const lateFirst = longProbe.frameCount - 500;
  const lateRange: [number, number][] = [[lateFirst, lateFirst + 99]];
  const lateSeek: { provedMs: number[]; seekMs: number[]; fromZeroMs: number[] } = {
    provedMs: [],
    seekMs: [],
    fromZeroMs: [],
  };
  let lateSeekFrame: number | null = null;
  for (let rep = 0; rep < REPEATS; rep++) {
    const t0 = performance.now();
    const [pass] = await decodePasses(
      {
        ffmpeg: binaries.ffmpeg,
        path: long,
        streamIndex: longProbe.streamIndex,
        times: longProbe.times,
        firstFrameOffsetSec: longProbe.firstFrameOffsetSec,
      },
      lateRange,
    );
    const t1 = performance.now();
    lateSeekFrame = pass?.seek?.frame ?? null;
    const late = {
      ffmpeg: binaries.ffmpeg,
      path: long,
      streamIndex: longProbe.streamIndex,
      width: longProbe.width,
      height: longProbe.height,
      frameCount: longProbe.frameCount,
      maxSide: config.frameMaxSide,
      lastFrame: lateFirst + 99,
      ranges: lateRange,
      reuseBuffer: true,
    };
    for await (const f of decodeFrames({ ...late, seek: pass?.seek ?? null })) void f;
    const t2 = performance.now();
    for await (const f of decodeFrames(late)) void f;
    const t3 = performance.now();
    lateSeek.provedMs.push(t1 - t0);
    lateSeek.seekMs.push(t2 - t0);
    lateSeek.fromZeroMs.push(t3 - t2);
  }

  for (const model of MODELS) {
    const extractor = await createNodePoseExtractor({ model, backend: 'wasm' });
    const startPool = (workers: number) =>
      PoseWorkerPool.start(workers, {
        type: 'init',
        task: 'blazepose',
        model,
        backend: 'wasm',
        minPoseScore: config.minPoseScore,
        weightsDir: weightsDir(),
      });
    const pools = new Map<number, PoseWorkerPool>();
    for (const n of new Set([1, cores])) pools.set(n, await startPool(n));
    try {
      for (let i = 0; i < 5; i++) {
        const c = crops[i % crops.length];
        if (c)
          await extractor.estimate({ data: c.data, width: c.rect.width, height: c.rect.height }, c.rect, i);
      }
      /** The model alone in this thread over all crops, pinned to one core or not. */
      const aloneRun = async (pinned: boolean, what: string) => {
        const restore = pinned ? (pinning as Pinning).pin() : null;
        try {
          extractor.reset();
          const t0 = performance.now();
          const c0 = cpuMs();
          for (let i = 0; i < crops.length; i++) {
            const c = crops[i] as (typeof crops)[number];
            await extractor.estimate(
              { data: c.data, width: c.rect.width, height: c.rect.height },
              c.rect,
              i * 55,
            );
          }
          sample(model, what, 1, crops.length, performance.now() - t0, cpuMs() - c0);
        } finally {
          restore?.();
        }
      };
      // Every measurement is repeated, in turn, and the medians reported: this VM's speed drifts by ±10 %
      // over minutes, and a ratio of two single runs taken a minute apart says more about the drift.
      for (let rep = 0; rep < REPEATS; rep++) {
        // 1. The model alone, in this thread, video mode (the detector runs on the first frame only): on one
        //    core (the process pinned to it, V8's collector and compiler threads included), and unpinned,
        //    where those threads run on the other cores.
        await aloneRun(pinning !== null, ALONE);
        if (pinning) await aloneRun(false, UNPINNED);

        // 2. The model alone in one worker per core at once, the crops cut beforehand and each worker given
        //    an equal run: what the cores give when nothing else runs, the ceiling of the pipeline's scaling.
        if (cores > 1) {
          const pool = pools.get(cores) as PoseWorkerPool;
          const t1 = performance.now();
          const c1 = cpuMs();
          await Promise.all(
            planWindows([{ startFrame: 0, endFrame: crops.length - 1 }], cores).map(async ([from, to], w) => {
              const queued: Promise<unknown>[] = [];
              for (let i = from; i <= to; i++) {
                const c = crops[i] as (typeof crops)[number];
                queued.push(
                  pool.pose(w % cores, {
                    track: w + 1,
                    first: i === from,
                    timestampMs: i * 55,
                    rect: c.rect,
                    width: c.rect.width,
                    height: c.rect.height,
                    data: c.data.slice(),
                  }),
                );
              }
              await Promise.all(queued);
            }),
          );
          sample(model, aloneIn(cores), cores, crops.length, performance.now() - t1, cpuMs() - c1);
        }

        // 3 and 4. The whole pipeline from the video file (decode, crop, workers, filter), one worker, then
        //    one per core.
        for (const [workers, pool] of pools) {
          const t1 = performance.now();
          const c1 = cpuMs();
          const out = await extractTubes(
            pool,
            binaries.ffmpeg,
            video,
            [{ key: 'walker', startFrame: 0, endFrame: frames - 1, boxAt: (f) => boxAt(kfs, f).box }],
            config,
          );
          const ms = performance.now() - t1;
          const cpu = cpuMs() - c1;
          const got = out.get('walker');
          if (!got) throw new Error('no result');
          // Reading a tube's poses back (what poses.get and training do with the stored BLOB).
          const blob = encodePoseArrays(got);
          const r0 = performance.now();
          for (let i = 0; i < 20; i++) decodePoseArrays(blob);
          readMs = (performance.now() - r0) / 20;
          readBytes = blob.byteLength;
          sample(model, pipelineIn(workers), workers, frames, ms, cpu);
        }

        // 5. The model alone on one core again: the pipeline is compared with the mean of this and the
        //    first, taken before and after it, so that a drift of the machine's speed over the repetition
        //    cancels (to first order) instead of landing in the ratio.
        await aloneRun(pinning !== null, ALONE_AFTER);
      }
    } finally {
      extractor.dispose();
      for (const pool of pools.values()) await pool.close();
    }
  }
  clearInterval(sampler);
  const loadAfter = loadavg()[0] ?? 0;
  const batch = await batchOfShortTubes();
  const ffmpegMs = ffmpegCpuMsPerFrame(
    binaries.ffmpeg.path,
    frameSourceArgs({
      ffmpeg: binaries.ffmpeg,
      path: clip,
      streamIndex: video.streamIndex,
      width: video.width,
      height: video.height,
      frameCount: video.frameCount,
      maxSide: config.frameMaxSide,
      lastFrame: frames - 1,
    }),
    frames,
  );

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nBlazePose on ${fixture.clip} (${probe.width}×${probe.height}), frames 0–${frames - 1}, wasm backend (no GPU here), ${cores} cores (${cpu})`,
  );
  console.log(
    `load average (1 min) before ${loadBefore.toFixed(2)}, after ${loadAfter.toFixed(2)}: above ~0.5 other programs shared the cores and the wall-clock figures are low\n`,
  );
  // One row per model and measurement: the medians of its repetitions, and the range of frames/s.
  const rows: (Row & { minFramesPerSec: number; maxFramesPerSec: number })[] = [];
  for (const r of samples) {
    if (rows.some((x) => x.model === r.model && x.what === r.what)) continue;
    const same = samples.filter((x) => x.model === r.model && x.what === r.what);
    const fps = same.map((x) => x.framesPerSec);
    rows.push({
      ...r,
      seconds: median(same.map((x) => x.seconds)),
      framesPerSec: median(fps),
      cpuMsPerFrame: median(same.map((x) => x.cpuMsPerFrame)),
      minFramesPerSec: Math.min(...fps),
      maxFramesPerSec: Math.max(...fps),
    });
  }
  console.log(
    `${'model'.padEnd(16)}${'what'.padEnd(26)}${'frames/s'.padStart(10)}${'range'.padStart(14)}${'seconds'.padStart(9)}${'CPU ms/frame'.padStart(14)}`,
  );
  for (const r of rows) {
    const range = `${r.minFramesPerSec.toFixed(1)}–${r.maxFramesPerSec.toFixed(1)}`;
    console.log(
      `${r.model.padEnd(16)}${r.what.padEnd(26)}${r.framesPerSec.toFixed(1).padStart(10)}${range.padStart(14)}${r.seconds.toFixed(1).padStart(9)}${r.cpuMsPerFrame.toFixed(1).padStart(14)}`,
    );
  }
  console.log(
    `(medians of ${REPEATS} repetitions taken in turn; range: slowest–fastest; CPU: this process, all threads)`,
  );
  console.log(`ffmpeg decoding the frames: ${ffmpegMs.toFixed(2)} CPU ms a frame (its own process)`);
  console.log(
    `the pipeline without a model (decode, crops, bookkeeping): ${pipelineOwn.framesPerSec.toFixed(0)} frames/s, ${pipelineOwn.cpuMsPerFrame.toFixed(2)} CPU ms a frame in this process, ${(pipelineOwn.cpuMsPerFrame + ffmpegMs).toFixed(2)} with ffmpeg's`,
  );
  const scaling: Record<
    string,
    {
      measured: number;
      perRepetition: number[];
      fromCpuTime: number;
      modelAloneCeiling: number | null;
      /** The same ratio against the model alone unpinned (its collector threads on the other cores). */
      againstUnpinned: number | null;
      /**
       * The pipeline against the model alone in one worker per core (crops cut beforehand): what decoding,
       * cutting and sending cost, with what the cores themselves lose to running in parallel left out.
       */
      againstModelInWorkers: number | null;
    }
  > = {};
  /** Frames/s of one measurement in each repetition, in order. */
  const series = (model: PoseModel, what: string) =>
    samples.filter((x) => x.model === model && x.what === what).map((x) => x.framesPerSec);
  for (const model of MODELS) {
    const before = series(model, ALONE);
    const after = series(model, ALONE_AFTER);
    const perCore = series(model, pipelineIn(cores));
    const aloneParallel = cores > 1 ? series(model, aloneIn(cores)) : [];
    if (before.length === 0 || perCore.length !== before.length || after.length !== before.length) continue;
    // Each repetition's pipeline against the same repetition's model alone, the mean of the runs before
    // and after it.
    const alone = before.map((b, i) => (b + (after[i] as number)) / 2);
    const perRepetition = perCore.map((f, i) => f / (cores * (alone[i] as number)));
    const measured = median(perRepetition);
    const ceiling =
      aloneParallel.length === alone.length
        ? median(aloneParallel.map((f, i) => f / (cores * (alone[i] as number))))
        : null;
    const againstModelInWorkers =
      aloneParallel.length === perCore.length
        ? median(perCore.map((f, i) => f / (aloneParallel[i] as number)))
        : null;
    const unpinned = pinning ? series(model, UNPINNED) : [];
    const againstUnpinned =
      unpinned.length === perCore.length
        ? median(perCore.map((f, i) => f / (cores * (unpinned[i] as number))))
        : null;
    const aloneRow = rows.find((r) => r.model === model && r.what === ALONE) as Row;
    const perCoreRow = rows.find((r) => r.model === model && r.what === pipelineIn(cores)) as Row;
    // Where the cores are free, one worker per core reaches cores × (the model's share of the CPU time).
    const fromCpuTime = aloneRow.cpuMsPerFrame / (perCoreRow.cpuMsPerFrame + ffmpegMs);
    scaling[model] = {
      measured: Number(measured.toFixed(3)),
      perRepetition: perRepetition.map((v) => Number(v.toFixed(3))),
      fromCpuTime: Number(fromCpuTime.toFixed(3)),
      modelAloneCeiling: ceiling === null ? null : Number(ceiling.toFixed(3)),
      againstUnpinned: againstUnpinned === null ? null : Number(againstUnpinned.toFixed(3)),
      againstModelInWorkers: againstModelInWorkers === null ? null : Number(againstModelInWorkers.toFixed(3)),
    };
    console.log(
      `${model}: one worker per core reaches ${measured.toFixed(2)} × (${cores} cores × the model alone on one core, the mean of its runs before and after), median of ${perRepetition.map((v) => v.toFixed(2)).join(', ')}; ${fromCpuTime.toFixed(2)} from CPU time (the model's share of all CPU the pipeline used); target 0.85`,
    );
    if (againstUnpinned !== null) {
      console.log(
        `${model}: against the model alone unpinned (V8's collector and compiler threads free to use the other cores beside it): ${againstUnpinned.toFixed(2)} ×`,
      );
    }
    if (ceiling !== null) {
      console.log(
        `${model}: the model alone in ${cores} workers at once (no decoding, crops cut beforehand) reaches ${ceiling.toFixed(2)} ×: the most these cores give, before any decoding`,
      );
    }
    if (againstModelInWorkers !== null) {
      console.log(
        `${model}: the pipeline reaches ${againstModelInWorkers.toFixed(2)} × the model alone in ${cores} workers: what decoding, cutting and sending the crops cost`,
      );
    }
  }
  console.log(
    `a tube at frames ${lateFirst}–${lateFirst + 99} of a ${longProbe.frameCount}-frame ${longProbe.width}×${longProbe.height} recording: its frames in ${median(lateSeek.seekMs).toFixed(0)} ms from a seek (${lateSeekFrame === null ? 'not proved' : `proved in ${median(lateSeek.provedMs).toFixed(0)} ms`}), ${median(lateSeek.fromZeroMs).toFixed(0)} ms decoding from frame 0`,
  );
  console.log(
    `reading a ${frames}-frame tube's stored poses (${(readBytes / 1024).toFixed(0)} KiB, filtered and raw): ${readMs.toFixed(2)} ms`,
  );
  console.log(
    `a poses job over ${batch.videos} videos with a ${BATCH_TUBE_FRAMES}-frame tube each (whole-frame crops, lite, one worker per core, the videos at once on shared workers): ${batch.seconds.toFixed(1)} s, ${(batch.frames / batch.seconds).toFixed(1)} frames/s`,
  );
  console.log(`peak memory (resident, all threads): ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  console.log(
    JSON.stringify({
      bench: 'pose',
      clip: fixture.clip,
      frames,
      backend: 'wasm',
      tfjs: tf.version_core,
      cores,
      cpu,
      loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number(loadAfter.toFixed(2)) },
      repeats: REPEATS,
      oneCore: pinning ? 'pinned with taskset' : 'unpinned',
      rows: rows.map((r) => ({
        ...r,
        seconds: Number(r.seconds.toFixed(2)),
        framesPerSec: Number(r.framesPerSec.toFixed(2)),
        minFramesPerSec: Number(r.minFramesPerSec.toFixed(2)),
        maxFramesPerSec: Number(r.maxFramesPerSec.toFixed(2)),
        cpuMsPerFrame: Number(r.cpuMsPerFrame.toFixed(2)),
      })),
      ffmpegCpuMsPerFrame: Number(ffmpegMs.toFixed(2)),
      pipelineWithoutModel: {
        framesPerSec: Math.round(pipelineOwn.framesPerSec),
        cpuMsPerFrame: Number(pipelineOwn.cpuMsPerFrame.toFixed(2)),
      },
      perCoreScaling: scaling,
      lateTube: {
        videoFrames: longProbe.frameCount,
        frames: [lateFirst, lateFirst + 99],
        seekProved: lateSeekFrame !== null,
        proofMs: Math.round(median(lateSeek.provedMs)),
        fromSeekMs: Math.round(median(lateSeek.seekMs)),
        fromFrameZeroMs: Math.round(median(lateSeek.fromZeroMs)),
      },
      readTubeMs: Number(readMs.toFixed(3)),
      readTubeBytes: readBytes,
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      batch: {
        videos: batch.videos,
        tubeFrames: BATCH_TUBE_FRAMES,
        seconds: Number(batch.seconds.toFixed(2)),
        framesPerSec: Number((batch.frames / batch.seconds).toFixed(1)),
      },
    }),
  );
}

main().catch((err: unknown) => {
  clearInterval(sampler);
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
