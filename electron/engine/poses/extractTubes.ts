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
import type { WorkerLease } from './workerLease';
import { createWorkerLease } from './workerLease';
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
  /**
   * Which worker each window runs on: shared by extractions running at once on one pool (several videos),
   * each window holding a worker while it sends its crops. Absent: a lease of the pool's workers of its own.
   */
  lease?: WorkerLease;
}

type PipelineConfig = Pick<ExtractionConfig, 'cropMargin' | 'frameMaxSide' | 'filter'>;

/** A tube's frames inside one window: one worker tracks them in a row. */
interface Chunk {
  tube: number;
  start: number;
  end: number;
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

/**
 * Fewest crops a window is worth: each costs a decode that starts from a seek or the first frame, and a
 * person-detector run for every tube it splits (about two tracked frames), but a short tube on one worker
 * leaves the others idle (videos are extracted one after the other).
 */
export const MIN_WINDOW_CROPS = 16;

/**
 * The tubes' frames cut into consecutive windows of time, one per worker, each with the same number of
 * crops within a frame (a frame in two tubes is two crops). Each window is decoded by its own ffmpeg and
 * run by its own worker, so every worker starts at once and they end together, and a tube is split (its
 * next frame runs the person detector) only where a window ends. Fewer windows where there is too little
 * work for each to be worth `MIN_WINDOW_CROPS`.
 */
export function planWindows(
  tubes: readonly { startFrame: number; endFrame: number }[],
  workers: number,
): [number, number][] {
  if (tubes.length === 0) return [];
  // Where the number of tubes covering a frame changes, and by how much.
  const steps = new Map<number, number>();
  for (const t of tubes) {
    steps.set(t.startFrame, (steps.get(t.startFrame) ?? 0) + 1);
    steps.set(t.endFrame + 1, (steps.get(t.endFrame + 1) ?? 0) - 1);
  }
  const at = [...steps.keys()].sort((a, b) => a - b);
  const total = tubes.reduce((n, t) => n + t.endFrame - t.startFrame + 1, 0);
  const count = Math.max(1, Math.min(workers, Math.floor(total / MIN_WINDOW_CROPS)));
  const first = at[0] as number;
  const last = (at[at.length - 1] as number) - 1;
  const ends: number[] = [];
  let covering = 0;
  let before = 0;
  for (let i = 0; i < at.length - 1 && ends.length < count - 1; i++) {
    covering += steps.get(at[i] as number) as number;
    const from = at[i] as number;
    const to = at[i + 1] as number;
    const crops = covering * (to - from);
    // Every window end that falls in [from, to): the frame where the crops so far reach its share.
    while (ends.length < count - 1 && covering > 0) {
      const target = (total * (ends.length + 1)) / count;
      if (before + crops < target) break;
      const end = from + Math.max(0, Math.ceil((target - before) / covering) - 1);
      if (end >= last) break;
      if (end > (ends[ends.length - 1] ?? first - 1)) ends.push(end);
      else break;
    }
    before += crops;
  }
  const out: [number, number][] = [];
  let start = first;
  for (const end of ends) {
    out.push([start, end]);
    start = end + 1;
  }
  out.push([start, last]);
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
 * Crops queued for one worker at most: enough that it never waits for the next (a frame decodes and is
 * cut in a tenth of the time the model takes), few enough that memory stays small.
 */
const QUEUED_PER_WORKER = 12;

/**
 * Runs BlazePose over tubes of one video: the tubes' frames are cut into one window of time per worker
 * (`planWindows`), each window decoded once by its own ffmpeg, and each of its frames' crops sent to the
 * window's worker; keypoints come back in the video's displayed pixels. Tubes that overlap in time share
 * the decoded frames, and a worker keeps a tracked region for each tube it runs.
 */
export async function extractTubes(
  pool: PoseRunner,
  ffmpeg: Pick<FfmpegInfo, 'path' | 'hasFpsMode'>,
  video: VideoSource,
  tubes: readonly TubeSpec[],
  config: PipelineConfig,
  options: RunOptions = {},
): Promise<Map<string, TubePoseArrays>> {
  const { onFrames } = options;
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
  if (options.signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
  const size = decodedSize(video.width, video.height, config.frameMaxSide);
  const sx = size.width / video.width;
  const sy = size.height / video.height;
  const scale = Math.min(sx, sy);
  const states: TubeState[] = tubes.map((spec) => {
    const frames = spec.endFrame - spec.startFrame + 1;
    return { spec, arrays: newArrays(frames), remaining: frames };
  });
  // One failing window stops the others (their ffmpeg killed); a cancel from outside stops all.
  const stop = new AbortController();
  const signal = stop.signal;
  const onCancel = () => stop.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  let failure: Error | null = null;
  const fail = (err: unknown) => {
    failure ??= err instanceof Error ? err : new Error(String(err));
    stop.abort();
  };
  const inFlight = new Set<Promise<void>>();

  const finishFrame = async (state: TubeState) => {
    onFrames?.(1);
    state.remaining--;
    // After a cancel, work still in the workers may finish: none of it is stored.
    if (state.remaining === 0 && !signal.aborted) {
      const frames = state.arrays.present.length;
      const done = config.filter
        ? applyFilter(state.arrays, timesOf(video, state.spec.startFrame, frames))
        : state.arrays;
      results.set(state.spec.key, done);
      await options.onTube?.(state.spec.key, done);
    }
  };

  const seekSource =
    video.firstFrameOffsetSec === undefined
      ? null
      : {
          ffmpeg,
          path: video.path,
          streamIndex: video.streamIndex,
          times: video.times,
          firstFrameOffsetSec: video.firstFrameOffsetSec,
        };

  /** Decodes one window's frames and sends their crops to `worker`. */
  const runWindow = async ([from, to]: [number, number], worker: number) => {
    const chunks: Chunk[] = [];
    states.forEach((s, i) => {
      const start = Math.max(from, s.spec.startFrame);
      const end = Math.min(to, s.spec.endFrame);
      if (start <= end) chunks.push({ tube: i, start, end, track: ++lastTrack, fresh: true });
    });
    if (chunks.length === 0) return;
    chunks.sort((a, b) => a.start - b.start);
    // Frames outside every tube are decoded but neither converted nor sent, and where a seek past them is
    // proved (before the window's first tube, or between tubes far apart), not even decoded.
    const passes = await decodePasses(
      seekSource,
      framesToDecode(chunks.map((c) => ({ startFrame: c.start, endFrame: c.end }))),
      signal,
    );
    let next = 0;
    let active: Chunk[] = [];
    for (const pass of passes) {
      for await (const frame of decodeFrames(
        {
          ...frameSourceOf(ffmpeg, video, config.frameMaxSide),
          lastFrame: (pass.ranges[pass.ranges.length - 1] as [number, number])[1],
          ranges: pass.ranges,
          seek: pass.seek,
          reuseBuffer: true,
        },
        signal,
      )) {
        if (signal.aborted) throw new AmeliaError('cancelled', 'cancelled');
        const f = frame.index;
        while (next < chunks.length && (chunks[next] as Chunk).start === f)
          active.push(chunks[next++] as Chunk);
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
          const crops = state.arrays.crops;
          crops[t * 4] = rect.x / sx;
          crops[t * 4 + 1] = rect.y / sy;
          crops[t * 4 + 2] = rect.width / sx;
          crops[t * 4 + 3] = rect.height / sy;
          const first = chunk.fresh;
          chunk.fresh = false;
          const job: Promise<void> = pool
            .pose(worker, {
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
            .catch(fail)
            .finally(() => inFlight.delete(job));
          inFlight.add(job);
        }
        await pool.whenAtMost(QUEUED_PER_WORKER, worker);
      }
    }
  };

  try {
    const windows = planWindows(tubes, pool.size);
    const lease = options.lease ?? createWorkerLease(pool.size);
    const leased = async (window: [number, number]) => {
      const worker = await lease.acquire(signal);
      try {
        await runWindow(window, worker);
      } finally {
        lease.release(worker);
      }
    };
    await Promise.all(windows.map((w) => leased(w).catch(fail)));
    await Promise.all([...inFlight]);
  } finally {
    options.signal?.removeEventListener('abort', onCancel);
  }
  if (options.signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
  if (failure) throw failure;
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
