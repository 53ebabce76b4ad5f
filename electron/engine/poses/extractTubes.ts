import { AmeliaError } from '../../../shared/contract/envelope';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../../shared/domain/pose';
import type { TubePoseArrays } from '../../../shared/domain/pose';
import type { Box } from '../../../shared/tracks/interpolate';
import { DEFAULTS, MULTIPOSE_DEFAULTS } from '../../../models/pose/constants';
import type { ExtractionConfig } from '../../../models/pose/config';
import { filterKeypointSeries } from '../../../models/pose/filter/oneEuro';
import { PersonTracker } from '../../../models/pose/tracker/personTracker';
import type { PersonTrack } from '../../../models/pose/tracker/personTracker';
import type { PersonDetection } from '../../../models/pose/types';
import type { FfmpegInfo } from '../media/binaries';
import { cropRectFor, cutCrop } from './crops';
import { decodeFrames, decodedSize } from './frameSource';
import type { FrameSourceSpec } from './frameSource';
import { decodePasses } from './seekPoint';
import type { PoseRunner } from './workerPool';

const K = BLAZEPOSE_KEYPOINT_COUNT;

export interface VideoSource {
  path: string;
  streamIndex: number;
  width: number;
  height: number;
  frameCount: number;
  /** Presentation time of every frame, seconds from frame 0. */
  times: ArrayLike<number>;
  /**
   * Frame 0's presentation time minus the container's start, seconds (the import's): with it, tubes late
   * in a long recording are reached by a proved seek instead of decoding every frame before them.
   */
  firstFrameOffsetSec?: number;
}

/** One tube to extract: an inclusive frame range and the box (video pixels) at each of its frames. */
export interface TubeSpec {
  key: string;
  startFrame: number;
  endFrame: number;
  boxAt(frame: number): Box | null;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called as frames of tubes are done (`n` more). */
  onFrames?: (n: number) => void;
  /** Called when a tube is complete, as soon as its last frame is in (for saving as the job goes). */
  onTube?: (key: string, arrays: TubePoseArrays) => void | Promise<void>;
}

type PipelineConfig = Pick<ExtractionConfig, 'cropMargin' | 'frameMaxSide' | 'chunkFrames' | 'filter'>;

interface Chunk {
  tube: number;
  start: number;
  end: number;
  worker: number;
  /** The chunk's track in its worker: its own tracked region, whatever else the worker runs between. */
  track: number;
  /** The next crop starts tracking afresh (chunk start, or after a frame without a box). */
  fresh: boolean;
}

/** Track numbers, never reused in this process: a pool may run chunks of several extractions at once. */
let lastTrack = 0;

interface TubeState {
  spec: TubeSpec;
  arrays: TubePoseArrays;
  remaining: number;
}

function newArrays(frames: number): TubePoseArrays {
  return {
    keypointCount: K,
    present: new Uint8Array(frames),
    score: new Float32Array(frames),
    image: new Float32Array(frames * K * 4),
    world: new Float32Array(frames * K * 3),
    crops: new Float32Array(frames * 4),
    rawImage: null,
    rawWorld: null,
  };
}

/** The frame source of a video, decoded at most `maxSide` pixels on its longer side. */
function frameSourceOf(
  ffmpeg: Pick<FfmpegInfo, 'path' | 'hasFpsMode'>,
  video: VideoSource,
  maxSide: number,
): Omit<FrameSourceSpec, 'lastFrame'> {
  return {
    ffmpeg,
    path: video.path,
    streamIndex: video.streamIndex,
    width: video.width,
    height: video.height,
    frameCount: video.frameCount,
    maxSide,
  };
}

/** Filters a finished tube (One Euro over time); the model's output is kept as the raw arrays. */
export function applyFilter(arrays: TubePoseArrays, timesSec: ArrayLike<number>): TubePoseArrays {
  const T = arrays.present.length;
  const scaleOf = (t: number) => {
    const w = arrays.crops[t * 4 + 2] as number;
    const h = arrays.crops[t * 4 + 3] as number;
    const size = (w + h) / 2;
    return size > 0 ? 1 / size : 1;
  };
  const image = filterKeypointSeries(
    arrays.image,
    arrays.present,
    timesSec,
    K,
    4,
    3,
    DEFAULTS.oneEuroImage,
    scaleOf,
  );
  const world = filterKeypointSeries(arrays.world, arrays.present, timesSec, K, 3, 3, DEFAULTS.oneEuroWorld);
  if (image.length !== T * K * 4) throw new Error('filter changed the array size');
  return { ...arrays, image, world, rawImage: arrays.image, rawWorld: arrays.world };
}

function timesOf(video: VideoSource, start: number, frames: number): Float64Array {
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) out[t] = video.times[start + t] as number;
  return out;
}

/** Chunks shorter than this are not worth the detector run each one starts with. */
const MIN_CHUNK_FRAMES = 16;

/**
 * A tube's frames cut into runs for the workers: at most `chunkFrames` long, their number a multiple of the
 * workers where the tube is long enough, and of equal length (within a frame), so that no worker is left
 * with a long tail while the others wait. Each run starts with a detection, then tracks.
 */
export function chunkRanges(
  startFrame: number,
  endFrame: number,
  chunkFrames: number,
  workers: number,
): [number, number][] {
  const frames = endFrame - startFrame + 1;
  let count = Math.ceil(frames / chunkFrames);
  const balanced = Math.ceil(count / workers) * workers;
  if (frames / balanced >= MIN_CHUNK_FRAMES) count = balanced;
  else count = Math.max(count, Math.min(workers, Math.floor(frames / MIN_CHUNK_FRAMES)));
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = startFrame + Math.floor((i * frames) / count);
    const b = startFrame + Math.floor(((i + 1) * frames) / count) - 1;
    out.push([a, b]);
  }
  return out;
}

/** Gaps between tubes shorter than this are sent anyway: not worth a longer frame selection. */
const MIN_SKIPPED_GAP = 32;
/** Most frame ranges one decode selects (the selection goes on ffmpeg's command line). */
const MAX_RANGES = 200;

/**
 * The frames a set of tubes needs, as sorted disjoint ranges: the tubes' ranges merged, short gaps closed,
 * and at most `MAX_RANGES` (the shortest gaps closed first).
 */
export function framesToDecode(
  tubes: readonly { startFrame: number; endFrame: number }[],
): [number, number][] {
  const sorted = [...tubes].sort((a, b) => a.startFrame - b.startFrame);
  const out: [number, number][] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && t.startFrame - last[1] - 1 < MIN_SKIPPED_GAP) last[1] = Math.max(last[1], t.endFrame);
    else out.push([t.startFrame, t.endFrame]);
  }
  while (out.length > MAX_RANGES) {
    let best = 1;
    for (let i = 2; i < out.length; i++) {
      const gap = (r: number) => (out[r] as [number, number])[0] - (out[r - 1] as [number, number])[1];
      if (gap(i) < gap(best)) best = i;
    }
    (out[best - 1] as [number, number])[1] = (out[best] as [number, number])[1];
    out.splice(best, 1);
  }
  return out;
}

/**
 * Runs BlazePose over tubes of one video: the video is decoded once, each frame's crops go to the workers
 * (a tube is cut into chunks so that all workers share even one long tube), and keypoints come back in the
 * video's displayed pixels. Tubes that overlap in time share the decoded frames.
 */
export async function extractTubes(
  pool: PoseRunner,
  ffmpeg: Pick<FfmpegInfo, 'path' | 'hasFpsMode'>,
  video: VideoSource,
  tubes: readonly TubeSpec[],
  config: PipelineConfig,
  options: RunOptions = {},
): Promise<Map<string, TubePoseArrays>> {
  const { signal, onFrames } = options;
  const results = new Map<string, TubePoseArrays>();
  if (tubes.length === 0) return results;
  for (const t of tubes) {
    if (t.startFrame < 0 || t.endFrame < t.startFrame || t.endFrame >= video.frameCount) {
      throw new AmeliaError(
        'invalid_request',
        `Tube ${t.key}'s frames ${t.startFrame}–${t.endFrame} are not in the video (0–${video.frameCount - 1}).`,
      );
    }
  }
  const size = decodedSize(video.width, video.height, config.frameMaxSide);
  const sx = size.width / video.width;
  const sy = size.height / video.height;
  const scale = Math.min(sx, sy);
  const states: TubeState[] = tubes.map((spec) => {
    const frames = spec.endFrame - spec.startFrame + 1;
    return { spec, arrays: newArrays(frames), remaining: frames };
  });
  const chunks: Chunk[] = [];
  states.forEach((s, i) => {
    for (const [start, end] of chunkRanges(
      s.spec.startFrame,
      s.spec.endFrame,
      config.chunkFrames,
      pool.size,
    )) {
      chunks.push({ tube: i, start, end, worker: -1, track: ++lastTrack, fresh: true });
    }
  });
  chunks.sort((a, b) => a.start - b.start);
  const firstFrame = chunks[0]?.start ?? 0;
  // Crops queued at most: a chunk and a half per worker keeps every worker fed, and memory bounded.
  const limit = Math.ceil(pool.size * config.chunkFrames * 1.5);
  let failure: Error | null = null;
  const inFlight = new Set<Promise<void>>();

  const finishFrame = async (state: TubeState) => {
    onFrames?.(1);
    state.remaining--;
    // After a cancel, work still in the workers may finish: none of it is stored.
    if (state.remaining === 0 && !signal?.aborted) {
      const frames = state.arrays.present.length;
      const done = config.filter
        ? applyFilter(state.arrays, timesOf(video, state.spec.startFrame, frames))
        : state.arrays;
      results.set(state.spec.key, done);
      await options.onTube?.(state.spec.key, done);
    }
  };

  // Frames outside every tube are decoded but neither converted nor sent, and where a seek past them is
  // proved (before the first tube, or between tubes far apart), not even decoded.
  const passes = await decodePasses(
    video.firstFrameOffsetSec === undefined
      ? null
      : {
          ffmpeg,
          path: video.path,
          streamIndex: video.streamIndex,
          times: video.times,
          firstFrameOffsetSec: video.firstFrameOffsetSec,
        },
    framesToDecode(tubes),
    signal,
  );
  async function* decoded() {
    for (const pass of passes) {
      yield* decodeFrames(
        {
          ...frameSourceOf(ffmpeg, video, config.frameMaxSide),
          lastFrame: (pass.ranges[pass.ranges.length - 1] as [number, number])[1],
          ranges: pass.ranges,
          seek: pass.seek,
          reuseBuffer: true,
        },
        signal,
      );
    }
  }
  let next = 0;
  let active: Chunk[] = [];
  for await (const frame of decoded()) {
    if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
    if (failure) throw failure;
    const f = frame.index;
    if (f < firstFrame) continue;
    while (next < chunks.length && (chunks[next] as Chunk).start === f) active.push(chunks[next++] as Chunk);
    active = active.filter((c) => c.end >= f);
    for (const chunk of active) {
      const state = states[chunk.tube] as TubeState;
      const t = f - state.spec.startFrame;
      const box = state.spec.boxAt(f);
      const rect = box ? cropRectFor(box, config.cropMargin, scale, size.width, size.height) : null;
      if (!rect) {
        chunk.fresh = true;
        await finishFrame(state);
        continue;
      }
      if (chunk.worker < 0) chunk.worker = pool.leastLoaded();
      const crops = state.arrays.crops;
      crops[t * 4] = rect.x / sx;
      crops[t * 4 + 1] = rect.y / sy;
      crops[t * 4 + 2] = rect.width / sx;
      crops[t * 4 + 3] = rect.height / sy;
      const first = chunk.fresh;
      chunk.fresh = false;
      const job: Promise<void> = pool
        .pose(chunk.worker, {
          track: chunk.track,
          first,
          timestampMs: (video.times[f] as number) * 1000,
          rect,
          width: rect.width,
          height: rect.height,
          data: cutCrop(frame.data, size.width, rect),
        })
        .then(async (r) => {
          if (r.present) {
            const a = state.arrays;
            a.present[t] = 1;
            a.score[t] = r.score;
            for (let k = 0; k < K; k++) {
              a.image[(t * K + k) * 4] = (r.image[k * 4] as number) / sx;
              a.image[(t * K + k) * 4 + 1] = (r.image[k * 4 + 1] as number) / sy;
              a.image[(t * K + k) * 4 + 2] = (r.image[k * 4 + 2] as number) / sx;
              a.image[(t * K + k) * 4 + 3] = r.image[k * 4 + 3] as number;
            }
            a.world.set(r.world, t * K * 3);
          }
          await finishFrame(state);
        })
        .catch((err: unknown) => {
          failure ??= err instanceof Error ? err : new Error(String(err));
        })
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    await pool.whenAtMost(limit);
  }
  await Promise.all([...inFlight]);
  if (failure) throw failure;
  if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
  return results;
}

/** Scales a MoveNet detection from decoded pixels to video pixels. */
function toVideoPixels(d: PersonDetection, sx: number, sy: number): PersonDetection {
  const keypoints = new Float32Array(d.keypoints.length);
  for (let i = 0; i < d.keypoints.length; i += 3) {
    keypoints[i] = (d.keypoints[i] as number) / sx;
    keypoints[i + 1] = (d.keypoints[i + 1] as number) / sy;
    keypoints[i + 2] = d.keypoints[i + 2] as number;
  }
  return {
    box: { x: d.box.x / sx, y: d.box.y / sy, width: d.box.width / sx, height: d.box.height / sy },
    score: d.score,
    keypoints,
  };
}

/**
 * Whole-video mode, first pass: MoveNet MultiPose on every frame (spread over the workers), the people
 * followed across frames by the tracker. Returns the tracks in video pixels.
 */
export async function findPeople(
  pool: PoseRunner,
  ffmpeg: Pick<FfmpegInfo, 'path' | 'hasFpsMode'>,
  video: VideoSource,
  config: Pick<ExtractionConfig, 'frameMaxSide'>,
  options: { signal?: AbortSignal; onFrames?: (n: number) => void; maxSide?: number } = {},
): Promise<PersonTrack[]> {
  const { signal, onFrames } = options;
  const maxSide = options.maxSide ?? Math.min(config.frameMaxSide, 640);
  const size = decodedSize(video.width, video.height, maxSide);
  const sx = size.width / video.width;
  const sy = size.height / video.height;
  const tracker = new PersonTracker({
    maxMissedFrames: MULTIPOSE_DEFAULTS.maxMissedFrames,
    minIou: MULTIPOSE_DEFAULTS.minIou,
    minScore: MULTIPOSE_DEFAULTS.minPersonScore,
  });
  const found = new Map<number, PersonDetection[]>();
  let nextToTrack = 0;
  let failure: Error | null = null;
  const inFlight = new Set<Promise<void>>();
  const advance = () => {
    while (found.has(nextToTrack)) {
      tracker.update(nextToTrack, found.get(nextToTrack) as PersonDetection[]);
      found.delete(nextToTrack);
      nextToTrack++;
    }
  };
  for await (const frame of decodeFrames(
    { ...frameSourceOf(ffmpeg, video, maxSide), lastFrame: video.frameCount - 1 },
    signal,
  )) {
    if (failure) throw failure;
    const f = frame.index;
    const job: Promise<void> = pool
      .people(pool.leastLoaded(), { width: size.width, height: size.height, data: frame.data })
      .then((people) => {
        found.set(
          f,
          people.map((p) => toVideoPixels(p, sx, sy)),
        );
        advance();
        onFrames?.(1);
      })
      .catch((err: unknown) => {
        failure ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    await pool.whenAtMost(pool.size * 4);
  }
  await Promise.all([...inFlight]);
  if (failure) throw failure;
  if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
  return tracker.tracks(MULTIPOSE_DEFAULTS.minTrackFrames);
}
