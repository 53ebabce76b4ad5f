import type { FfmpegInfo } from '../media/binaries';
import { runProcess } from '../media/processes';
import { stillSeekTime } from '../media/stills';
import { decodeInputArgs } from './frameSource';

/** Where decoding starts instead of frame 0: ffmpeg seeks to `seconds` (an input option) and frame `frame` comes first. */
export interface SeekPoint {
  frame: number;
  seconds: number;
}

/** Below this frame, decoding from frame 0 (about 1 ms a frame) costs less than proving a seek. */
export const MIN_SEEK_FRAME = 250;

export interface SeekSource {
  ffmpeg: Pick<FfmpegInfo, 'path' | 'hasFpsMode'>;
  path: string;
  streamIndex: number;
  /** Presentation time of every frame, seconds from frame 0 (the import's). */
  times: ArrayLike<number>;
  /** Frame 0's presentation time minus the container's start, seconds (the import's). */
  firstFrameOffsetSec: number;
}

/** Frame times strictly increasing over [from, to]: seeking by time then cannot reorder or skip a frame. */
function increasing(times: ArrayLike<number>, from: number, to: number): boolean {
  for (let i = Math.max(1, from); i <= to; i++) {
    const a = times[i - 1] as number;
    const b = times[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b) || b <= a) return false;
  }
  return true;
}

/**
 * The presentation times (seconds, the file's own timeline) of the first `count` frames ffmpeg gives when
 * decoding from `seconds` (or from the start), read from its `showinfo` filter. Null where it gives none.
 */
async function firstFrameTimes(
  source: SeekSource,
  seconds: number | null,
  count: number,
  signal?: AbortSignal,
): Promise<Map<number, number> | null> {
  const r = await runProcess(
    source.ffmpeg.path,
    [
      '-v',
      'info',
      '-nostdin',
      // Timestamps as the file has them, so that frame 0's and the seek's first frame's compare.
      '-copyts',
      ...decodeInputArgs(source.ffmpeg, source.path, source.streamIndex, seconds),
      '-vf',
      'showinfo',
      '-frames:v',
      String(count),
      '-f',
      'null',
      '-',
    ],
    { timeoutMs: 60_000, ...(signal ? { signal } : {}) },
  );
  if (r.code !== 0) return null;
  const seen = new Map<number, number>();
  for (const m of r.stderr.matchAll(
    /Parsed_showinfo[^\n]*?\bn:\s*(\d+)\s+pts:\s*-?\d+\s+pts_time:\s*(-?[\d.]+(?:e-?\d+)?)/g,
  )) {
    seen.set(Number(m[1]), Number(m[2]));
  }
  return seen.size > 0 ? seen : null;
}

/** Frame 0's time on the file's timeline, as ffmpeg gives it; null where it gives none. */
async function frameZeroTime(source: SeekSource, signal?: AbortSignal): Promise<number | null> {
  return (await firstFrameTimes(source, null, 1, signal))?.get(0) ?? null;
}

/**
 * A seek that starts decoding at `frame`, proved on the video itself: ffmpeg decodes frame 0, then seeks
 * and decodes the first frames from there, and reports their timestamps (its `showinfo` filter) on the
 * file's own timeline; those must lie `times[frame]` and `times[frame + 1]` after frame 0's, as the import
 * measured them by decoding every frame. Null (decode from frame 0) where the frame is early, the times
 * from it on are not strictly increasing, or ffmpeg gives any other frame: a pose is never put on a
 * neighbouring frame. Decoding stays in order from there, so frame `frame + n` is the n-th frame after the
 * seek. `frameZero` is frame 0's time where a caller proving several seeks has it already.
 */
export async function proveSeek(
  source: SeekSource,
  frame: number,
  lastFrame: number,
  signal?: AbortSignal,
  frameZero: Promise<number | null> | null = null,
): Promise<SeekPoint | null> {
  const { times } = source;
  if (frame < MIN_SEEK_FRAME || lastFrame >= times.length || !increasing(times, frame - 1, lastFrame))
    return null;
  // Half way between the frame before and this one (ffmpeg gives the first frame that starts after it).
  const seconds = source.firstFrameOffsetSec + stillSeekTime(times, frame, 25);
  if (!(seconds > 0)) return null;
  const check = Math.min(2, lastFrame - frame + 1);
  const [t0, after] = await Promise.all([
    frameZero ?? frameZeroTime(source, signal),
    firstFrameTimes(source, seconds, check, signal),
  ]);
  if (t0 === null || !after) return null;
  for (let k = 0; k < check; k++) {
    const f = frame + k;
    const got = after.get(k);
    const gap = Math.min(
      (times[f] as number) - (times[f - 1] as number),
      f + 1 < times.length ? (times[f + 1] as number) - (times[f] as number) : Infinity,
    );
    if (got === undefined || Math.abs(got - t0 - (times[f] as number)) > gap / 4) return null;
  }
  return { frame, seconds };
}

/** One ffmpeg run of a decode: its ranges (sorted, disjoint, inclusive), from a proved seek or frame 0. */
export interface DecodePass {
  ranges: [number, number][];
  seek: SeekPoint | null;
}

/**
 * The runs that decode `ranges` (sorted, disjoint): a new one, from a proved seek, wherever at least
 * `MIN_SEEK_FRAME` frames lie before a range (from frame 0 or the range before it), so that neither the
 * start of a long recording nor the long gaps between its tubes are decoded. Where a seek is not proved
 * (or `source` is null), that range stays in the run before it, its gap decoded and dropped.
 */
export async function decodePasses(
  source: SeekSource | null,
  ranges: readonly (readonly [number, number])[],
  signal?: AbortSignal,
): Promise<DecodePass[]> {
  const passes: DecodePass[] = [];
  let current: DecodePass = { ranges: [], seek: null };
  // Frame 0's time, decoded once for every seek proved here.
  let frameZero: Promise<number | null> | null = null;
  for (let i = 0; i < ranges.length; i++) {
    const [a, b] = ranges[i] as readonly [number, number];
    const gap = a - (i === 0 ? 0 : (ranges[i - 1] as readonly [number, number])[1] + 1);
    if (source && gap >= MIN_SEEK_FRAME) {
      // The run this seek would start: up to the next gap as long.
      let last = b;
      for (let j = i + 1; j < ranges.length; j++) {
        const [c, d] = ranges[j] as readonly [number, number];
        if (c - last - 1 >= MIN_SEEK_FRAME) break;
        last = d;
      }
      if (!frameZero) {
        frameZero = frameZeroTime(source, signal);
        // Awaited by each proof that gets that far; a cancel before then must not go unhandled.
        frameZero.catch(() => undefined);
      }
      const seek = await proveSeek(source, a, last, signal, frameZero);
      if (seek) {
        if (current.ranges.length > 0) passes.push(current);
        current = { ranges: [], seek };
      }
    }
    current.ranges.push([a, b]);
  }
  if (current.ranges.length > 0) passes.push(current);
  return passes;
}
