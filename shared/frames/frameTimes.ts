/**
 * Frame maths. A video's frames are indexed 0…frameCount-1 in decode (presentation) order; `times[i]` is
 * the presentation time of frame i in seconds from frame 0. Everything that turns a time into a frame
 * goes through here, so frame N means the same image in the player, the extractor and every export.
 */

/** Half a millisecond: timestamps closer than this are the same instant. */
export const TIME_EPSILON_SEC = 0.0005;

/** The frame shown at time `t`: the last frame whose start is at or before `t`. */
export function frameAtTime(times: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (n === 0) throw new RangeError('a video has at least one frame');
  if (!(t >= (times[0] as number))) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] as number) <= t + TIME_EPSILON_SEC) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Length of frame i in seconds (the last frame lasts as long as the one before it, or 1/fps). */
export function frameDuration(times: ArrayLike<number>, i: number, fallbackFps: number): number {
  const n = times.length;
  if (i + 1 < n) return (times[i + 1] as number) - (times[i] as number);
  if (n >= 2) return (times[n - 1] as number) - (times[n - 2] as number);
  return 1 / fallbackFps;
}

/**
 * The time to seek to so that frame i is on screen: the middle of its display interval, which no
 * rounding in a decoder or a media element can move onto a neighbour.
 */
export function seekTimeOfFrame(times: ArrayLike<number>, i: number, fallbackFps: number): number {
  const f = clampFrame(i, times.length);
  return (times[f] as number) + frameDuration(times, f, fallbackFps) / 2;
}

export function clampFrame(i: number, frameCount: number): number {
  if (!Number.isFinite(i)) return 0;
  return Math.min(Math.max(0, Math.round(i)), Math.max(0, frameCount - 1));
}

/** Frames at a constant rate (a proxy): frame i covers [i/fps, (i+1)/fps). */
export function constantRateFrameAtTime(t: number, fps: number, frameCount: number): number {
  return clampFrame(Math.floor(t * fps + TIME_EPSILON_SEC), frameCount);
}

export function constantRateSeekTime(i: number, fps: number): number {
  return (i + 0.5) / fps;
}

export interface FrameTimingSummary {
  /** Frames divided by the span they cover. */
  meanFps: number;
  /** The rate of the commonest (median) frame interval. */
  typicalFps: number;
  /** True where some interval differs from the median by more than 10 %. */
  variable: boolean;
  /** From frame 0's start to the last frame's end, seconds. */
  durationSec: number;
}

export function summariseFrameTimes(times: ArrayLike<number>, nominalFps: number): FrameTimingSummary {
  const n = times.length;
  if (n === 0) throw new RangeError('a video has at least one frame');
  if (n === 1)
    return { meanFps: nominalFps, typicalFps: nominalFps, variable: false, durationSec: 1 / nominalFps };
  const intervals: number[] = [];
  for (let i = 1; i < n; i++) intervals.push((times[i] as number) - (times[i - 1] as number));
  const sorted = [...intervals].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] as number;
  const variable = intervals.some((d) => Math.abs(d - median) > Math.max(0.1 * median, TIME_EPSILON_SEC));
  const span = (times[n - 1] as number) - (times[0] as number);
  // The last frame lasts as long as the interval before it.
  const durationSec = span + (intervals[intervals.length - 1] as number);
  return { meanFps: n / durationSec, typicalFps: 1 / median, variable, durationSec };
}

/** `h:mm:ss.mmm` (hours only when there are some). */
export function formatTimecode(sec: number): string {
  const totalMs = Math.max(0, Math.round(sec * 1000));
  const ms = totalMs % 1000;
  const s = Math.floor(totalMs / 1000) % 60;
  const m = Math.floor(totalMs / 60_000) % 60;
  const h = Math.floor(totalMs / 3_600_000);
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** A frame rate for people: 25, 29.97, 12.5. */
export function formatFps(fps: number): string {
  return String(Math.round(fps * 100) / 100);
}
