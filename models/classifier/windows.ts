import { BLAZEPOSE_KEYPOINT_COUNT } from '../../shared/domain/pose';
import type { ClassifierConfig, PoseTrack, WindowRef } from './types';

const K = BLAZEPOSE_KEYPOINT_COUNT;

/**
 * A track resampled to the model's frame rate (by presentation time, never by frame number), missing frames
 * filled in: coordinates interpolated between the nearest frames with a pose, held before the first and after
 * the last. `missing` remembers which frames had no pose, for the rule on windows.
 */
export interface PreparedTrack {
  key: string;
  length: number;
  times: Float64Array;
  frames: Int32Array;
  missing: Uint8Array;
  image: Float32Array;
  world: Float32Array | null;
  labels: Int16Array;
  /** Frames with a pose, of `length`. */
  posed: number;
}

/** Index of the source time nearest `t` (times increasing). */
function nearest(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return Math.abs((times[hi] as number) - t) < Math.abs((times[lo] as number) - t) ? hi : lo;
}

/** Checks a track's arrays agree with one another. */
export function checkTrack(track: PoseTrack): void {
  const t = track.times.length;
  const problems: string[] = [];
  if (t === 0) problems.push('it has no frames');
  if (track.frames.length !== t) problems.push(`${track.frames.length} frame numbers for ${t} times`);
  if (track.present.length !== t) problems.push(`${track.present.length} presence flags for ${t} times`);
  if (track.labels.length !== t) problems.push(`${track.labels.length} labels for ${t} times`);
  if (track.image.length !== t * K * 3)
    problems.push(`image holds ${track.image.length} numbers, not ${t}×${K}×3`);
  if (track.world && track.world.length !== t * K * 3)
    problems.push(`world holds ${track.world.length} numbers, not ${t}×${K}×3`);
  for (let i = 1; i < t; i++) {
    if (!((track.times[i] as number) > (track.times[i - 1] as number))) {
      problems.push(`its times do not increase at frame ${i}`);
      break;
    }
  }
  if (problems.length > 0) throw new Error(`Track ${track.key}: ${problems.join('; ')}.`);
}

/** Fills the rows of frames without a pose by interpolating each value between the nearest posed frames. */
function fill(values: Float32Array, missing: Uint8Array, width: number): void {
  const t = missing.length;
  let prev = -1;
  for (let i = 0; i <= t; i++) {
    if (i < t && missing[i]) continue;
    // Frames prev+1 … i-1 are missing.
    if (i - prev > 1) {
      for (let m = prev + 1; m < i; m++) {
        for (let c = 0; c < width; c++) {
          let v: number;
          if (prev < 0 && i >= t) v = 0;
          else if (prev < 0) v = values[i * width + c] as number;
          else if (i >= t) v = values[prev * width + c] as number;
          else {
            const f = (m - prev) / (i - prev);
            v = (1 - f) * (values[prev * width + c] as number) + f * (values[i * width + c] as number);
          }
          values[m * width + c] = v;
        }
      }
    }
    prev = i;
  }
}

/**
 * Resamples a track at `rateHz` from its first time to its last: each new frame takes the source frame
 * nearest in time; a new frame farther than one new-frame interval from any source frame (a gap between
 * tubes) has no pose and no label.
 */
export function prepareTrack(track: PoseTrack, rateHz: number): PreparedTrack {
  checkTrack(track);
  const t0 = track.times[0] as number;
  const t1 = track.times[track.times.length - 1] as number;
  const step = 1 / rateHz;
  const length = Math.max(1, Math.floor((t1 - t0) / step + 1e-6) + 1);
  const times = new Float64Array(length);
  const frames = new Int32Array(length);
  const missing = new Uint8Array(length);
  const image = new Float32Array(length * K * 3);
  const world = track.world ? new Float32Array(length * K * 3) : null;
  const labels = new Int16Array(length);
  let posed = 0;
  for (let i = 0; i < length; i++) {
    const t = t0 + i * step;
    const s = nearest(track.times, t);
    times[i] = t;
    frames[i] = track.frames[s] as number;
    const far = Math.abs((track.times[s] as number) - t) > step;
    const present = !far && track.present[s] === 1;
    missing[i] = present ? 0 : 1;
    labels[i] = far ? -1 : (track.labels[s] as number);
    if (present) {
      posed++;
      image.set(track.image.subarray(s * K * 3, (s + 1) * K * 3), i * K * 3);
      if (world && track.world) world.set(track.world.subarray(s * K * 3, (s + 1) * K * 3), i * K * 3);
    }
  }
  fill(image, missing, K * 3);
  if (world) fill(world, missing, K * 3);
  return { key: track.key, length, times, frames, missing, image, world, labels, posed };
}

/** Frame index of a window's centre, relative to its start. */
export function centreOffset(windowFrames: number): number {
  return Math.floor(windowFrames / 2);
}

/** The label of a window starting at `start`: that of its centre frame (−1 where unlabelled). */
export function windowLabel(track: PreparedTrack, start: number, windowFrames: number): number {
  const c = Math.min(track.length - 1, start + centreOffset(windowFrames));
  return track.labels[c] as number;
}

/** Fraction of a window's frames that had no pose (frames past the track's end count as missing). */
export function missingFraction(track: PreparedTrack, start: number, windowFrames: number): number {
  let n = 0;
  for (let i = 0; i < windowFrames; i++) {
    const f = start + i;
    if (f >= track.length || track.missing[f]) n++;
  }
  return n / windowFrames;
}

/**
 * Window starts over a track: every `stride` frames, plus one ending at the track's last frame so that the
 * end is covered; a track shorter than a window gives one window (its last frame held to the window's end).
 */
export function windowStarts(length: number, windowFrames: number, stride: number): number[] {
  if (length <= windowFrames) return [0];
  const out: number[] = [];
  for (let s = 0; s + windowFrames <= length; s += stride) out.push(s);
  const last = length - windowFrames;
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

export interface WindowOptions {
  stride: number;
  /** Keep windows whose centre has no label (inference), or drop them (training, evaluation). */
  keepUnlabelled: boolean;
}

/** The windows of prepared tracks under the configuration's rules (too many missing frames: dropped). */
export function windowsOf(
  tracks: readonly PreparedTrack[],
  config: Pick<ClassifierConfig, 'windowFrames' | 'maxMissingFraction'>,
  options: WindowOptions,
): WindowRef[] {
  const refs: WindowRef[] = [];
  tracks.forEach((track, ti) => {
    for (const start of windowStarts(track.length, config.windowFrames, options.stride)) {
      const label = windowLabel(track, start, config.windowFrames);
      if (label < 0 && !options.keepUnlabelled) continue;
      if (missingFraction(track, start, config.windowFrames) > config.maxMissingFraction) continue;
      const c = Math.min(track.length - 1, start + centreOffset(config.windowFrames));
      refs.push({
        track: ti,
        start,
        label,
        centreSec: track.times[c] as number,
        centreFrame: track.frames[c] as number,
      });
    }
  });
  return refs;
}
