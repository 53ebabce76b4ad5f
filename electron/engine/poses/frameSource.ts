import { spawn } from 'node:child_process';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { FfmpegInfo } from '../media/binaries';
import { ffmpegInput, firstErrorLine } from '../media/processes';
import type { SeekPoint } from './seekPoint';

export interface FrameSourceSpec {
  ffmpeg: Pick<FfmpegInfo, 'path' | 'hasFpsMode'>;
  path: string;
  streamIndex: number;
  /** Displayed size of the video. */
  width: number;
  height: number;
  /** Frames the import counted. */
  frameCount: number;
  /** Longest side of the decoded frames, pixels. */
  maxSide: number;
  /** Last frame needed (inclusive): decoding stops after it. */
  lastFrame: number;
  /**
   * Only these frames (sorted, disjoint, inclusive ranges up to `lastFrame`): the others are decoded (a
   * video can only be decoded in order) but not scaled, converted or sent. Frames are still chosen by decode
   * index, never by time. Absent: every frame up to `lastFrame`.
   */
  ranges?: readonly (readonly [number, number])[];
  /**
   * Hand out the same buffer for every frame (the consumer copies what it keeps before asking for the next):
   * no 1 MB allocation a frame for the garbage collector to chase.
   */
  reuseBuffer?: boolean;
  /**
   * Start at this frame by seeking (a seek `proveSeek` has shown to give that frame first) instead of
   * decoding from frame 0; `ranges` then start there or later.
   */
  seek?: SeekPoint | null;
}

export interface DecodedFrame {
  /** Frame index, counted from the first decoded frame: the import's numbering. */
  index: number;
  data: Uint8Array;
}

/** Even size, at most `maxSide` on the longer side, aspect ratio kept; never larger than the video. */
export function decodedSize(
  width: number,
  height: number,
  maxSide: number,
): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  const even = (v: number) => Math.max(2, Math.round((v * k) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/** The first frame ffmpeg gives: the seek's, or frame 0. */
function startOf(spec: FrameSourceSpec): number {
  return spec.seek?.frame ?? 0;
}

/** The frame ranges a spec asks for, checked: sorted, disjoint, within (the seek's frame or 0)…lastFrame. */
function rangesOf(spec: FrameSourceSpec): (readonly [number, number])[] {
  const start = startOf(spec);
  const ranges = spec.ranges ?? [[start, spec.lastFrame] as const];
  let prev = start - 1;
  for (const [a, b] of ranges) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a <= prev || b < a || b > spec.lastFrame)
      throw new RangeError(`frame ranges must be sorted, disjoint and within ${start}–${spec.lastFrame}`);
    prev = b;
  }
  return [...ranges];
}

/** Frames the spec's ranges hold. */
function rangeFrames(ranges: readonly (readonly [number, number])[]): number {
  return ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
}

/**
 * ffmpeg's options for decoding one video stream of `path` frame by frame (up to its filters and output):
 * one thread, from a seek to `seekSeconds` or from the start, every decoded frame once and in order (no
 * frame dropped or repeated to make a constant rate).
 */
export function decodeInputArgs(
  ffmpeg: Pick<FfmpegInfo, 'hasFpsMode'>,
  path: string,
  streamIndex: number,
  seekSeconds: number | null,
): string[] {
  return [
    '-threads',
    '1',
    ...(seekSeconds === null ? [] : ['-ss', seekSeconds.toFixed(6)]),
    '-i',
    ffmpegInput(path),
    '-map',
    `0:${streamIndex}`,
    '-an',
    '-sn',
    '-dn',
    ...(ffmpeg.hasFpsMode ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
  ];
}

export function frameSourceArgs(spec: FrameSourceSpec): string[] {
  const size = decodedSize(spec.width, spec.height, spec.maxSide);
  const ranges = rangesOf(spec);
  const start = startOf(spec);
  const all = ranges.length === 1 && (ranges[0] as readonly [number, number])[0] === start;
  // The filter's n counts from the first frame ffmpeg gives: the seek's frame, or frame 0.
  const select = all
    ? ''
    : `select='${ranges.map(([a, b]) => `between(n,${a - start},${b - start})`).join('+')}',`;
  return [
    '-v',
    'error',
    '-nostdin',
    ...decodeInputArgs(spec.ffmpeg, spec.path, spec.streamIndex, spec.seek?.seconds ?? null),
    '-vf',
    `${select}scale=${size.width}:${size.height}:flags=area`,
    '-frames:v',
    String(rangeFrames(ranges)),
    '-pix_fmt',
    'rgb24',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}

/**
 * Decodes a video once, from its first frame (or a proved seek point), as raw RGB at a bounded size,
 * counting frames as they come (frame N is the import's frame N: never a time × rate). Reading is pulled,
 * so a slow consumer holds ffmpeg back instead of filling memory.
 */
export async function* decodeFrames(
  spec: FrameSourceSpec,
  signal?: AbortSignal,
): AsyncGenerator<DecodedFrame> {
  if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
  const size = decodedSize(spec.width, spec.height, spec.maxSide);
  const frameBytes = size.width * size.height * 3;
  const ranges = rangesOf(spec);
  const wanted = rangeFrames(ranges);
  /** The decode index of the n-th frame sent. */
  let range = 0;
  let inRange = 0;
  const child = spawn(spec.ffmpeg.path, frameSourceArgs(spec), {
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    if (stderr.length < 64 * 1024) stderr += c;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.on('error', (e) => resolve(e)));
  const onAbort = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  let sent = 0;
  let buf = new Uint8Array(frameBytes);
  let filled = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        buf.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === frameBytes) {
          const [first, last] = ranges[range] as readonly [number, number];
          yield { index: first + inRange, data: buf };
          sent++;
          if (first + inRange === last) {
            range++;
            inRange = 0;
          } else inRange++;
          if (!spec.reuseBuffer) buf = new Uint8Array(frameBytes);
          filled = 0;
          if (sent === wanted) return;
        }
      }
    }
    if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
    const code = await Promise.race([
      exited,
      spawnError.then((e) => {
        throw new AmeliaError('media_error', `could not run ffmpeg: ${e.message}`);
      }),
    ]);
    if (sent < wanted) {
      const decoded = ranges[range] ? (ranges[range] as readonly [number, number])[0] + inRange : sent;
      throw new AmeliaError(
        'media_error',
        code !== 0
          ? `ffmpeg could not decode the video for poses: ${firstErrorLine(stderr)}`
          : `ffmpeg decoded ${decoded} frames where the import counted ${spec.frameCount}: the frames would not line up, so nothing was extracted.`,
      );
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
