import { stat } from 'node:fs/promises';
import { AmeliaError } from '../../../shared/contract/envelope';
import { clampFrame } from '../../../shared/frames/frameTimes';
import { ffmpegInput, firstErrorLine, runProcess } from './processes';

export interface StillSource {
  path: string;
  streamIndex: number;
  times: ArrayLike<number>;
  fps: number;
  firstFrameOffsetSec: number;
  /** Displayed size. */
  width: number;
  height: number;
}

export const POSTER_WIDTH = 480;
export const THUMB_WIDTH = 160;

/** Even size of at most `maxWidth` wide that keeps the aspect ratio. */
export function scaledSize(
  width: number,
  height: number,
  maxWidth: number,
): { width: number; height: number } {
  const w = Math.min(width, maxWidth);
  const h = Math.max(2, Math.round((height * w) / width / 2) * 2);
  return { width: Math.max(2, Math.round(w / 2) * 2), height: h };
}

/**
 * Seconds from frame 0 to seek ffmpeg to (as an input option) so that the first frame it outputs is frame i.
 * ffmpeg drops every frame that starts before the seek point, so this is half way between the start of
 * frame i - 1 and that of frame i: seeking into frame i's own interval would give frame i + 1, and
 * nothing at all for the last frame.
 */
export function stillSeekTime(times: ArrayLike<number>, i: number, fallbackFps: number): number {
  const f = clampFrame(i, times.length);
  const start = times[f] as number;
  const before = f > 0 ? (times[f - 1] as number) : start - 1 / fallbackFps;
  return (before + start) / 2;
}

/** Writes frame `frame` of the video as a JPEG at `out`, `maxWidth` wide at most. */
export async function writeStill(
  ffmpeg: string,
  src: StillSource,
  frame: number,
  out: string,
  maxWidth: number,
  signal?: AbortSignal,
): Promise<void> {
  const t = src.firstFrameOffsetSec + stillSeekTime(src.times, frame, src.fps);
  const size = scaledSize(src.width, src.height, maxWidth);
  const r = await runProcess(
    ffmpeg,
    [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-ss',
      Math.max(0, t).toFixed(6),
      '-i',
      ffmpegInput(src.path),
      '-map',
      `0:${src.streamIndex}`,
      '-frames:v',
      '1',
      '-vf',
      `scale=${size.width}:${size.height}`,
      '-q:v',
      '4',
      '-f',
      'image2',
      ffmpegInput(out),
    ],
    { ...(signal ? { signal } : {}), timeoutMs: 120_000 },
  );
  if (r.code !== 0) {
    throw new AmeliaError(
      'media_error',
      `Could not make a still of frame ${frame}: ${firstErrorLine(r.stderr)}`,
    );
  }
  // ffmpeg exits 0 having written nothing when the seek lands past the last frame it can decode.
  const written = await stat(out).catch(() => null);
  if (!written || written.size === 0) {
    throw new AmeliaError(
      'media_error',
      `Could not make a still of frame ${frame}: ffmpeg decoded no frame there.`,
    );
  }
}

/** Frames for a strip of `count` thumbnails spread evenly from the first frame to the last. */
export function thumbnailFrames(frameCount: number, count: number): number[] {
  const n = Math.max(1, Math.min(count, frameCount));
  if (n === 1) return [0];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round((i * (frameCount - 1)) / (n - 1)));
  return [...new Set(out)];
}

/** The poster: a frame a tenth of the way in, past fades and black leaders. */
export function posterFrame(frameCount: number): number {
  return Math.min(frameCount - 1, Math.floor(frameCount / 10));
}
