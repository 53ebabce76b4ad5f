import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { AmeliaError } from '../../../shared/contract/envelope';
import { idSchema } from '../../../shared/domain/ids';
import { poseBackendSchema, poseModelSchema } from '../../../shared/domain/pose';
import type { PoseBackend, PoseModel } from '../../../shared/domain/pose';
import type { Segment } from '../../../shared/domain/annotation';
import { boxAt, normaliseKeyframes } from '../../../shared/tracks/interpolate';
import type { BackendAvailability, BackendChoice } from '../../../models/pose/backends/choose';
import { chooseBackend, runsInWorkers, workerCountFor } from '../../../models/pose/backends/choose';
import { validateConfig } from '../../../models/pose/config';
import type { ExtractionConfig } from '../../../models/pose/config';
import { modelVersionOf } from '../../../models/pose/constants';
import type { PersonTrack } from '../../../models/pose/tracker/personTracker';
import { weightsDir } from '../../../models/pose/weights/fileModelSource';
import type { EngineContext } from '../context';
import type { JobContext, JobRunner } from '../jobs/jobQueue';
import type { JobRecord } from '../store/jobRows';
import { getSegment } from '../store/annotationRows';
import { getExtraction, tracksOfVideo, writeExtraction, writeTrack } from '../store/poseRows';
import { getFrameTimes, getVideo } from '../store/videoRows';
import type { VideoRecord } from '../store/videoRows';
import { extractTubes, findPeople } from './extractTubes';
import type { TubeSpec, VideoSource } from './extractTubes';
import { decodedSize } from './frameSource';
import { trackHash } from './trackHash';
import { createWorkerLease, runBounded } from './workerLease';
import { PoseWorkerPool } from './workerPool';
import type { InitMessage, PoseRunner } from './workerPool';
import { plural } from '../../../shared/util/plural';

export const posesJobPayloadSchema = z.object({
  mode: z.enum(['tubes', 'wholeVideo']),
  segmentIds: z.array(idSchema).default([]),
  videoIds: z.array(idSchema).default([]),
  model: poseModelSchema,
  backend: z.union([z.literal('auto'), poseBackendSchema]),
  filter: z.boolean(),
  workers: z.union([z.literal('auto'), z.number().int().positive()]).default('auto'),
});
export type PosesJobPayload = z.infer<typeof posesJobPayloadSchema>;

/** The Electron GPU window, where the desktop app has one: WebGPU or WebGL on any desktop GPU. */
export interface GpuPoseHost {
  /** Starts the window's models for a task; its runner takes crops as the worker pool does. */
  start(init: InitMessage): Promise<PoseRunner>;
}

export interface PoseRuntime {
  /** What this host can run (Node backends; the Electron host adds its GPU window). */
  availability(): BackendAvailability;
  cores(): number;
  gpu?: GpuPoseHost;
  /**
   * Frames of video a whole-video job handles as one group (`WHOLE_VIDEO_GROUP_FRAMES` where absent): its
   * people wait in memory until the group's poses are done, and inference saves results group by group.
   */
  wholeVideoGroupFrames?: number;
}

export const nodePoseRuntime = (probe: () => BackendAvailability): PoseRuntime => ({
  availability: probe,
  cores: () => availableParallelism(),
});

/** The backend and worker count a job will run with. */
export function planBackend(
  runtime: PoseRuntime,
  config: Pick<ExtractionConfig, 'backend' | 'workers'>,
): { choice: BackendChoice; workers: number } {
  const choice = chooseBackend(config.backend, runtime.availability());
  const workers =
    config.workers === 'auto' ? workerCountFor(choice.backend, runtime.cores()) : config.workers;
  return { choice, workers };
}

function videoSource(video: VideoRecord, times: Float64Array): VideoSource {
  return {
    path: video.sourcePath,
    streamIndex: video.streamIndex,
    width: video.width,
    height: video.height,
    frameCount: video.frameCount,
    times,
    firstFrameOffsetSec: video.firstFrameOffsetSec,
  };
}

/**
 * A tube's crops: its box track, or where it has no box at all, the whole frame (the detector finds the
 * person in it, as for a recording labelled in time only). Frames where a drawn track is outside get none.
 */
export function tubeOf(segment: Segment, width: number, height: number): TubeSpec {
  const kfs = normaliseKeyframes(segment.keyframes);
  const whole = { x: 0, y: 0, width, height };
  return {
    key: segment.id,
    startFrame: segment.startFrame,
    endFrame: segment.endFrame,
    boxAt: kfs.length === 0 ? () => whole : (f) => boxAt(kfs, f).box,
  };
}

async function startPool(
  runtime: PoseRuntime,
  task: 'blazepose' | 'movenet',
  backend: PoseBackend,
  model: PoseModel,
  workers: number,
  minPoseScore: number,
): Promise<PoseRunner> {
  const dir = weightsDir();
  const init: InitMessage =
    task === 'blazepose'
      ? { type: 'init', task, model, backend, minPoseScore, weightsDir: dir }
      : { type: 'init', task, backend, weightsDir: dir };
  if (!runsInWorkers(backend)) {
    if (!runtime.gpu) {
      throw new AmeliaError(
        'invalid_request',
        `The ${backend} backend runs in the desktop app's GPU window, which this process does not have; choose auto, wasm or tfjs-node.`,
      );
    }
    return runtime.gpu.start(init);
  }
  return PoseWorkerPool.start(workers, init);
}

/**
 * Videos of a whole-video job handled together: people are found in each, then poses for all of them. About
 * an hour of video at 25 frames/s, so that the people found wait in memory for a while only.
 */
const WHOLE_VIDEO_GROUP_FRAMES = 100_000;

/** The frames of one whole-video group on this runtime. */
export function groupFramesOf(runtime: PoseRuntime): number {
  return runtime.wholeVideoGroupFrames ?? WHOLE_VIDEO_GROUP_FRAMES;
}

/** `items` in order, cut into consecutive groups of at most `budget` frames (an item larger alone). */
export function framesGroups<T>(items: readonly T[], framesOf: (item: T) => number, budget: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let frames = 0;
  for (const item of items) {
    const n = framesOf(item);
    if (group.length > 0 && frames + n > budget) {
      groups.push(group);
      group = [];
      frames = 0;
    }
    group.push(item);
    frames += n;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Closes the runners (models disposed), or after a cancel stops them at once, dropping queued crops. */
async function release(runner: PoseRunner, signal: AbortSignal): Promise<void> {
  if (signal.aborted) await runner.terminate();
  else await runner.close();
}

/** A video a batch could not read (moved, changed or broken since its import): the others went on. */
export interface VideoFailure {
  videoId: string;
  name: string;
  message: string;
}

/**
 * Runs one video's part of a batch. Where the video itself fails (ffmpeg cannot decode it, or it no longer
 * has the frames its import counted), the failure is noted and the batch goes on with the other videos;
 * anything else (a cancel, a worker that died) ends the batch.
 */
export async function isolateVideo(
  video: Pick<VideoRecord, 'id' | 'name'>,
  failed: VideoFailure[],
  signal: AbortSignal,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (signal.aborted || !(err instanceof AmeliaError) || err.code !== 'media_error') throw err;
    failed.push({ videoId: video.id, name: video.name, message: err.message });
  }
}

/** What a batch says when some of its videos could not be read: which, why, and that the rest is kept. */
export function failedVideosMessage(
  failed: readonly VideoFailure[],
  of: number,
  kept: string,
  noun = 'video',
): string {
  const SHOWN = 5;
  const which =
    failed
      .slice(0, SHOWN)
      .map((f) => `"${f.name}": ${f.message}`)
      .join('; ') + (failed.length > SHOWN ? `; and ${failed.length - SHOWN} more` : '');
  const rest =
    failed.length < of ? ` ${kept} of the other ${plural(of - failed.length, noun)} are saved.` : '';
  return `Could not read ${failed.length} of ${plural(of, noun)} (${which}).${rest} Run the job again once the file is readable: what was saved is not redone.`;
}

/** A poses job's counts, and the videos it could not read. */
export interface PosesOutcome {
  result: {
    mode: PosesJobPayload['mode'];
    model: PoseModel;
    backend: PoseBackend;
    reason: string;
    workers: number;
    tubes: number;
    skipped: number;
    frames: number;
    framesWithPose: number;
    people: number;
  };
  /** Videos whose poses are missing because they could not be decoded; the others' poses are saved. */
  failed: VideoFailure[];
  /** Videos the job had work for. */
  videos: number;
}

/**
 * The 'poses' job: BlazePose over tubes (each video decoded once for all its tubes) or, in whole-video
 * mode, MoveNet to find and follow people, then BlazePose on each. Each tube is saved as soon as it is
 * done, so a job stopped by a restart resumes without redoing finished tubes. A video that cannot be read
 * does not stop the others: their poses are saved, and the job then fails naming it.
 */
export function posesJobRunner(ctx: EngineContext, runtime: PoseRuntime): JobRunner {
  return async (job, jobCtx) => {
    const { result, failed, videos } = await runPoses(ctx, runtime, job, jobCtx);
    if (failed.length > 0)
      throw new AmeliaError('media_error', failedVideosMessage(failed, videos, 'The poses'));
    return result;
  };
}

/** A poses job's work (`posesJobRunner`), its unreadable videos returned instead of thrown. */
export async function runPoses(
  ctx: EngineContext,
  runtime: PoseRuntime,
  job: JobRecord,
  { signal, progress }: Pick<JobContext, 'signal' | 'progress'>,
): Promise<PosesOutcome> {
  const p = posesJobPayloadSchema.parse(job.payload);
  const config = validateConfig({
    model: p.model,
    backend: p.backend,
    filter: p.filter,
    workers: p.workers,
  });
  const { choice, workers } = planBackend(runtime, config);
  const backend = choice.backend;
  const modelVersion = modelVersionOf(config.model);
  let done = 0;
  let total = 0;
  const report = (n: number) => {
    done += n;
    progress(done, total);
  };
  const failed: VideoFailure[] = [];
  const result: PosesOutcome['result'] = {
    mode: p.mode,
    model: config.model,
    backend,
    reason: choice.reason,
    workers,
    tubes: 0,
    skipped: 0,
    frames: 0,
    framesWithPose: 0,
    people: 0,
  };

  if (p.mode === 'tubes') {
    const byVideo = new Map<string, { segment: Segment; hash: string }[]>();
    for (const id of p.segmentIds) {
      const segment = getSegment(ctx.db, id);
      if (!segment) continue;
      const hash = trackHash(segment);
      total += segment.endFrame - segment.startFrame + 1;
      const prior = getExtraction(ctx.db, id, config.model);
      if (
        prior &&
        prior.jobId === job.id &&
        prior.trackHash === hash &&
        prior.modelVersion === modelVersion
      ) {
        // Done by an earlier run of this job (a restart): not redone.
        done += segment.endFrame - segment.startFrame + 1;
        result.skipped++;
        continue;
      }
      const list = byVideo.get(segment.videoId) ?? [];
      list.push({ segment, hash });
      byVideo.set(segment.videoId, list);
    }
    progress(done, total);
    if (byVideo.size === 0) return { result, failed, videos: 0 };
    const pool = await startPool(runtime, 'blazepose', backend, config.model, workers, config.minPoseScore);
    // Videos run at once (as many as there are workers), their windows sharing the workers: a worker done
    // with one video's window takes the next video's instead of idling until its video is finished.
    const lease = createWorkerLease(pool.size);
    try {
      await runBounded(
        [...byVideo],
        pool.size,
        async ([videoId, items], batch) => {
          const video = getVideo(ctx.db, videoId);
          const times = getFrameTimes(ctx.db, videoId);
          if (!video || !times) return;
          const size = decodedSize(video.width, video.height, config.frameMaxSide);
          const hashes = new Map(items.map((i) => [i.segment.id, i.hash]));
          await isolateVideo(video, failed, batch, () =>
            extractTubes(
              pool,
              ctx.binaries.ffmpeg,
              videoSource(video, times),
              items.map((i) => tubeOf(i.segment, video.width, video.height)),
              config,
              {
                signal: batch,
                lease,
                onFrames: report,
                onTube: (key, arrays) => {
                  const seg = items.find((i) => i.segment.id === key)?.segment as Segment;
                  if (!getSegment(ctx.db, key)) return; // removed meanwhile
                  const rec = writeExtraction(
                    ctx.db,
                    {
                      segmentId: key,
                      videoId,
                      model: config.model,
                      modelVersion,
                      backend,
                      startFrame: seg.startFrame,
                      filtered: config.filter,
                      trackHash: hashes.get(key) as string,
                      cropMargin: config.cropMargin,
                      frameWidth: size.width,
                      frameHeight: size.height,
                      jobId: job.id,
                      extractedAt: ctx.now().toISOString(),
                    },
                    arrays,
                  );
                  result.tubes++;
                  result.frames += rec.frameCount;
                  result.framesWithPose += rec.framesWithPose;
                  ctx.emit('data.changed', { entity: 'poses', ids: [key], removed: false, videoId });
                },
              },
            ),
          );
        },
        signal,
      );
    } finally {
      await release(pool, signal);
    }
    return { result, failed, videos: byVideo.size };
  }

  // Whole-video mode, a group of videos at a time (a bounded number of frames, so that the people found
  // wait in memory for a while only): people found in each video of the group with one MoveNet pool, then
  // BlazePose on all of them with one BlazePose pool, the group's videos at once on shared workers.
  const videos = p.videoIds.map((id) => getVideo(ctx.db, id)).filter((v): v is VideoRecord => v !== null);
  total = videos.reduce((n, v) => n + v.frameCount, 0);
  progress(done, total);
  const pending: { video: VideoRecord; source: VideoSource }[] = [];
  for (const video of videos) {
    const times = getFrameTimes(ctx.db, video.id);
    if (!times || tracksOfVideo(ctx.db, video.id, job.id).length > 0) {
      done += video.frameCount;
      if (times) result.skipped++;
      continue;
    }
    pending.push({ video, source: videoSource(video, times) });
  }
  progress(done, total);
  for (const group of framesGroups(pending, (v) => v.video.frameCount, groupFramesOf(runtime))) {
    const found: { video: VideoRecord; source: VideoSource; tracks: PersonTrack[] }[] = [];
    const finder = await startPool(runtime, 'movenet', backend, config.model, workers, config.minPoseScore);
    try {
      for (const { video, source } of group) {
        await isolateVideo(video, failed, signal, async () => {
          const tracks = await findPeople(finder, ctx.binaries.ffmpeg, source, config, {
            signal,
            onFrames: report,
          });
          total += tracks.reduce((n, t) => n + t.boxes.length, 0);
          progress(done, total);
          result.people += tracks.length;
          if (tracks.length > 0) found.push({ video, source, tracks });
        });
      }
    } finally {
      await release(finder, signal);
    }
    if (found.length === 0) continue;
    const pool = await startPool(runtime, 'blazepose', backend, config.model, workers, config.minPoseScore);
    const lease = createWorkerLease(pool.size);
    try {
      await runBounded(
        found,
        pool.size,
        async ({ video, source, tracks }, batch) => {
          const size = decodedSize(video.width, video.height, config.frameMaxSide);
          const byKey = new Map(tracks.map((t) => [String(t.id), t]));
          await isolateVideo(video, failed, batch, async () => {
            const arrays = await extractTubes(
              pool,
              ctx.binaries.ffmpeg,
              source,
              tracks.map((t) => ({
                key: String(t.id),
                startFrame: t.startFrame,
                endFrame: t.endFrame,
                boxAt: (f: number) => t.boxes[f - t.startFrame] ?? null,
              })),
              config,
              { signal: batch, onFrames: report, lease },
            );
            ctx.db.transaction(() => {
              for (const [key, a] of arrays) {
                const t = byKey.get(key);
                if (!t) continue;
                writeTrack(
                  ctx.db,
                  {
                    jobId: job.id,
                    videoId: video.id,
                    trackId: t.id,
                    startFrame: t.startFrame,
                    meanScore: t.meanScore,
                    boxes: t.boxes,
                    detected: t.detected,
                    model: config.model,
                    modelVersion,
                    backend,
                    filtered: config.filter,
                    cropMargin: config.cropMargin,
                    frameWidth: size.width,
                    frameHeight: size.height,
                    createdAt: ctx.now().toISOString(),
                  },
                  a,
                );
                result.frames += a.present.length;
                result.framesWithPose += a.present.reduce((n, v) => n + v, 0);
              }
            })();
            ctx.emit('data.changed', { entity: 'poses', ids: [], removed: false, videoId: video.id });
          });
        },
        signal,
      );
    } finally {
      await release(pool, signal);
    }
  }
  return { result, failed, videos: pending.length };
}
