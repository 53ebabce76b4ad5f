// npm run bench:pose — BlazePose lite and full on the UP-Fall walking clip (frontal camera, the walker's tube):
// the model alone on one core, the whole pipeline (decode, crop, workers, filter) with one worker and with
// one worker per core, and the peak memory. Prints a table, then one JSON line with the figures.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { resolveMediaBinaries } from '../../electron/engine/media/binaries';
import { probeVideo } from '../../electron/engine/media/probe';
import { cropRectFor, cutCrop } from '../../electron/engine/poses/crops';
import { extractTubes } from '../../electron/engine/poses/extractTubes';
import type { VideoSource } from '../../electron/engine/poses/extractTubes';
import { decodeFrames, decodedSize, frameSourceArgs } from '../../electron/engine/poses/frameSource';
import { PoseWorkerPool } from '../../electron/engine/poses/workerPool';
import { validateConfig } from '../../models/pose/config';
import { createNodePoseExtractor } from '../../models/pose/node';
import { weightsDir } from '../../models/pose/weights/fileModelSource';
import type { PoseModel } from '../../shared/domain/pose';
import { boxAt, normaliseKeyframes } from '../../shared/tracks/interpolate';
import { decodePoseArrays, encodePoseArrays } from '../../shared/poses/encoding';
import type { TrackKeyframe } from '../../shared/domain/annotation';
import fixture from '../fixtures/poses/upfall-walking-cam2-boxes.json';

// Run from the checkout (npm run bench:pose): the data lies beside it.
const DATA = process.env.AMELIA_DATA ?? resolve(process.cwd(), '..', 'shared', 'data');
const FRAMES = Number(process.env.AMELIA_BENCH_FRAMES ?? 400);
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

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

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

  const rows: Row[] = [];
  let readMs = 0;
  let readBytes = 0;
  const row = (model: PoseModel, what: string, workers: number, n: number, ms: number, cpu: number) => {
    const r = {
      model,
      what,
      workers,
      frames: n,
      seconds: ms / 1000,
      framesPerSec: n / (ms / 1000),
      cpuMsPerFrame: cpu / n,
    };
    rows.push(r);
    console.error(`  ${model} ${what}: ${r.framesPerSec.toFixed(1)} frames/s`);
  };

  for (const model of MODELS) {
    // 1. The model alone, in this thread (one core), video mode: the detector runs on the first frame only.
    const extractor = await createNodePoseExtractor({ model, backend: 'wasm' });
    for (let i = 0; i < 5; i++) {
      const c = crops[i % crops.length];
      if (c)
        await extractor.estimate({ data: c.data, width: c.rect.width, height: c.rect.height }, c.rect, i);
    }
    extractor.reset();
    const t0 = performance.now();
    const c0 = cpuMs();
    for (let i = 0; i < crops.length; i++) {
      const c = crops[i] as (typeof crops)[number];
      await extractor.estimate({ data: c.data, width: c.rect.width, height: c.rect.height }, c.rect, i * 55);
    }
    row(model, 'model alone, one core', 1, crops.length, performance.now() - t0, cpuMs() - c0);
    extractor.dispose();

    // 2 and 3. The whole pipeline from the video file, one worker, then one per core.
    for (const workers of [...new Set([1, cores])]) {
      const pool = await PoseWorkerPool.start(workers, {
        type: 'init',
        task: 'blazepose',
        model,
        backend: 'wasm',
        minPoseScore: config.minPoseScore,
        weightsDir: weightsDir(),
      });
      try {
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
        row(
          model,
          workers === 1 ? 'pipeline, one worker' : `pipeline, ${workers} workers`,
          workers,
          frames,
          ms,
          cpu,
        );
      } finally {
        await pool.close();
      }
    }
  }
  clearInterval(sampler);
  const loadAfter = loadavg()[0] ?? 0;
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
  console.log(
    `${'model'.padEnd(16)}${'what'.padEnd(26)}${'frames/s'.padStart(10)}${'seconds'.padStart(10)}${'CPU ms/frame'.padStart(14)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(16)}${r.what.padEnd(26)}${r.framesPerSec.toFixed(1).padStart(10)}${r.seconds.toFixed(1).padStart(10)}${r.cpuMsPerFrame.toFixed(1).padStart(14)}`,
    );
  }
  console.log(`ffmpeg decoding the frames: ${ffmpegMs.toFixed(2)} CPU ms a frame (its own process)`);
  const scaling: Record<string, { measured: number; fromCpuTime: number }> = {};
  for (const model of MODELS) {
    const alone = rows.find((r) => r.model === model && r.what.startsWith('model'));
    const perCore = rows.find(
      (r) => r.model === model && r.workers === cores && r.what.startsWith('pipeline'),
    );
    if (!alone || !perCore) continue;
    const measured = perCore.framesPerSec / (cores * alone.framesPerSec);
    // Where the cores are free, one worker per core reaches cores × (the model's share of the CPU time).
    const fromCpuTime = alone.cpuMsPerFrame / (perCore.cpuMsPerFrame + ffmpegMs);
    scaling[model] = { measured, fromCpuTime };
    console.log(
      `${model}: one worker per core reaches ${measured.toFixed(2)} × (${cores} cores × the model alone on one core), measured; ${fromCpuTime.toFixed(2)} from CPU time (the model's share of all CPU the pipeline used); target 0.85`,
    );
  }
  console.log(
    `reading a ${frames}-frame tube's stored poses (${(readBytes / 1024).toFixed(0)} KiB, filtered and raw): ${readMs.toFixed(2)} ms`,
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
      rows: rows.map((r) => ({
        ...r,
        seconds: Number(r.seconds.toFixed(2)),
        framesPerSec: Number(r.framesPerSec.toFixed(2)),
        cpuMsPerFrame: Number(r.cpuMsPerFrame.toFixed(2)),
      })),
      ffmpegCpuMsPerFrame: Number(ffmpegMs.toFixed(2)),
      perCoreScaling: scaling,
      readTubeMs: Number(readMs.toFixed(3)),
      readTubeBytes: readBytes,
      peakRssMiB: Math.round(peakRss / 2 ** 20),
    }),
  );
}

main().catch((err: unknown) => {
  clearInterval(sampler);
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
