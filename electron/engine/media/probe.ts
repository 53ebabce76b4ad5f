import { z } from 'zod';
import { AmeliaError } from '../../../shared/contract/envelope';
import { summariseFrameTimes } from '../../../shared/frames/frameTimes';
import { ffmpegInput, firstErrorLine, runProcess } from './processes';

/** What ffprobe tells of a file's container and its first video stream, before any decoding. */
export interface StreamInfo {
  container: string;
  containerLongName: string;
  majorBrand: string | null;
  formatStartSec: number;
  formatDurationSec: number | null;
  streamIndex: number;
  codec: string;
  codecLongName: string;
  profile: string | null;
  pixelFormat: string;
  codedWidth: number;
  codedHeight: number;
  /** Clockwise display rotation. */
  rotation: 0 | 90 | 180 | 270;
  timeBase: { num: number; den: number };
  /** The stream's frame rate as a rational string (`30000/1001`) and as a number. */
  rateText: string;
  nominalFps: number;
  /** Frames the header claims; null where it says nothing. */
  headerFrameCount: number | null;
}

/** A whole-file probe: the stream, plus every frame's presentation time from a full decode. */
export interface ProbeResult extends StreamInfo {
  width: number;
  height: number;
  frameCount: number;
  /** Seconds from frame 0; `times[0]` is 0. */
  times: Float64Array;
  /** Frame 0's presentation time minus the container's start time, seconds (for seeking with ffmpeg). */
  firstFrameOffsetSec: number;
  keyframes: number[];
  meanFps: number;
  /** Rate of the commonest frame interval; the stream's own rate where the two agree. */
  typicalFps: number;
  typicalRateText: string;
  variableFrameRate: boolean;
  durationSec: number;
  warnings: string[];
}

const num = z.union([z.number(), z.string()]).transform((v) => Number(v));
const streamSchema = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  codec_long_name: z.string().optional(),
  profile: z.string().optional(),
  pix_fmt: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  time_base: z.string().optional(),
  nb_frames: num.optional(),
  disposition: z.record(z.string(), z.number()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.record(z.string(), z.unknown())).optional(),
});
const probeJsonSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z
    .object({
      format_name: z.string(),
      format_long_name: z.string().optional(),
      start_time: num.optional(),
      duration: num.optional(),
      tags: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

function ratio(text: string | undefined): { num: number; den: number } | null {
  if (!text) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const d = Number(m[2]);
  return n > 0 && d > 0 ? { num: n, den: d } : null;
}

/** Clockwise degrees from a display-matrix rotation (counter-clockwise) or an old `rotate` tag (clockwise). */
export function clockwiseRotation(
  sideDataRotation: number | null,
  rotateTag: string | undefined,
): 0 | 90 | 180 | 270 {
  let cw = 0;
  if (sideDataRotation !== null && Number.isFinite(sideDataRotation)) cw = -sideDataRotation;
  else if (rotateTag !== undefined && Number.isFinite(Number(rotateTag))) cw = Number(rotateTag);
  const q = ((Math.round(cw / 90) % 4) + 4) % 4;
  return (q * 90) as 0 | 90 | 180 | 270;
}

/** Turns ffmpeg's wording into a sentence a person can act on. */
export function explainProbeFailure(stderr: string): string {
  const line = firstErrorLine(stderr);
  if (/moov atom not found/i.test(stderr)) {
    return `it has no index (no "moov" atom): the file is truncated, damaged, or not a video at all (${line})`;
  }
  if (/Invalid data found when processing input/i.test(stderr)) {
    return `it is not a video ffmpeg can read (${line})`;
  }
  return line;
}

export async function probeStream(ffprobe: string, path: string, signal?: AbortSignal): Promise<StreamInfo> {
  const r = await runProcess(
    ffprobe,
    ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', ffmpegInput(path)],
    signal ? { signal, timeoutMs: 120_000 } : { timeoutMs: 120_000 },
  );
  if (r.code !== 0)
    throw new AmeliaError('media_error', `Cannot read ${path}: ${explainProbeFailure(r.stderr)}.`);
  let parsed: z.infer<typeof probeJsonSchema>;
  try {
    parsed = probeJsonSchema.parse(JSON.parse(r.stdout));
  } catch {
    throw new AmeliaError('media_error', `Cannot read ${path}: ffprobe's answer could not be parsed.`);
  }
  const format = parsed.format;
  if (!format) throw new AmeliaError('media_error', `Cannot read ${path}: ffprobe found no container.`);
  const video = parsed.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video) {
    const kinds = [...new Set(parsed.streams.map((s) => s.codec_type ?? 'unknown'))];
    throw new AmeliaError(
      'media_error',
      `Cannot import ${path}: it has no video track${kinds.length ? ` (only ${kinds.join(', ')})` : ''}.`,
    );
  }
  if (!video.width || !video.height || !video.codec_name) {
    throw new AmeliaError('media_error', `Cannot import ${path}: its video track has no size or codec.`);
  }
  const timeBase = ratio(video.time_base) ?? { num: 1, den: 90_000 };
  const rate = ratio(video.r_frame_rate) ?? ratio(video.avg_frame_rate);
  const avg = ratio(video.avg_frame_rate);
  // r_frame_rate can be a field rate or a guess; prefer the average where both exist and differ little.
  const chosen =
    avg && rate && Math.abs(avg.num / avg.den - rate.num / rate.den) < 0.01 ? rate : (avg ?? rate);
  const sideRotation = video.side_data_list
    ?.map((d) => d.rotation)
    .find((v): v is number => typeof v === 'number');
  const headerCount = video.nb_frames;
  return {
    container: format.format_name,
    containerLongName: format.format_long_name ?? format.format_name,
    majorBrand: format.tags?.major_brand?.trim() ?? null,
    formatStartSec: Number.isFinite(format.start_time) ? (format.start_time as number) : 0,
    formatDurationSec: Number.isFinite(format.duration) ? (format.duration as number) : null,
    streamIndex: video.index,
    codec: video.codec_name,
    codecLongName: video.codec_long_name ?? video.codec_name,
    profile: video.profile ?? null,
    pixelFormat: video.pix_fmt ?? 'unknown',
    codedWidth: video.width,
    codedHeight: video.height,
    rotation: clockwiseRotation(sideRotation ?? null, video.tags?.rotate),
    timeBase,
    rateText: chosen ? `${chosen.num}/${chosen.den}` : '25/1',
    nominalFps: chosen ? chosen.num / chosen.den : 25,
    headerFrameCount:
      headerCount !== undefined && Number.isFinite(headerCount) && headerCount > 0 ? headerCount : null,
  };
}

interface FrameScan {
  /** Presentation times in stream time-base units (NaN where the decoder gave none). */
  pts: number[];
  keyframes: number[];
  errorLines: string[];
}

/** Decodes every frame once (as `ffprobe -count_frames` does) and records when each is shown. */
async function scanFrames(
  ffprobe: string,
  path: string,
  streamIndex: number,
  signal?: AbortSignal,
): Promise<FrameScan> {
  const pts: number[] = [];
  const keyframes: number[] = [];
  const r = await runProcess(
    ffprobe,
    [
      '-v',
      'error',
      '-select_streams',
      String(streamIndex),
      '-show_entries',
      'frame=best_effort_timestamp,pts,pkt_dts,key_frame',
      '-of',
      'compact=p=0',
      ffmpegInput(path),
    ],
    {
      ...(signal ? { signal } : {}),
      onStdoutLine: (line) => {
        if (!line.includes('best_effort_timestamp=')) return;
        const fields = new Map<string, string>();
        for (const part of line.split('|')) {
          const eq = part.indexOf('=');
          if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
        }
        const pick = ['best_effort_timestamp', 'pts', 'pkt_dts']
          .map((k) => Number(fields.get(k)))
          .find((v) => Number.isFinite(v));
        if (fields.get('key_frame') === '1') keyframes.push(pts.length);
        pts.push(pick ?? Number.NaN);
      },
    },
  );
  const errorLines = r.stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (r.code !== 0 && pts.length === 0) {
    throw new AmeliaError('media_error', `Cannot decode ${path}: ${explainProbeFailure(r.stderr)}.`);
  }
  return { pts, keyframes, errorLines };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The stream's own rate where it is the commonest interval's, else that interval's rate in milli-frames. */
function typicalRate(typicalFps: number, info: StreamInfo): { typicalFps: number; typicalRateText: string } {
  if (Math.abs(typicalFps - info.nominalFps) / info.nominalFps < 0.01) {
    return { typicalFps: info.nominalFps, typicalRateText: info.rateText };
  }
  const milli = Math.round(typicalFps * 1000);
  const g = gcd(milli, 1000);
  return { typicalFps: milli / 1000, typicalRateText: `${milli / g}/${1000 / g}` };
}

export async function probeVideo(ffprobe: string, path: string, signal?: AbortSignal): Promise<ProbeResult> {
  const info = await probeStream(ffprobe, path, signal);
  const scan = await scanFrames(ffprobe, path, info.streamIndex, signal);
  const frameCount = scan.pts.length;
  if (frameCount === 0) {
    throw new AmeliaError('media_error', `Cannot import ${path}: not one frame of its video decodes.`);
  }
  const warnings: string[] = [];
  const tb = info.timeBase.num / info.timeBase.den;
  const step = 1 / info.nominalFps;
  // Seconds, filling gaps the decoder left without a timestamp and keeping the order strictly rising.
  const abs = new Float64Array(frameCount);
  let mended = 0;
  for (let i = 0; i < frameCount; i++) {
    const raw = scan.pts[i] as number;
    let t = Number.isFinite(raw) ? raw * tb : i === 0 ? info.formatStartSec : (abs[i - 1] as number) + step;
    if (i > 0 && t <= (abs[i - 1] as number)) {
      t = (abs[i - 1] as number) + Math.min(step, 0.001);
      mended++;
    }
    abs[i] = t;
  }
  if (mended > 0) {
    warnings.push(
      `${mended} frames had timestamps out of order or repeated; they were numbered in decode order.`,
    );
  }
  const first = abs[0] as number;
  const times = new Float64Array(frameCount);
  for (let i = 0; i < frameCount; i++) times[i] = (abs[i] as number) - first;
  const timing = summariseFrameTimes(times, info.nominalFps);
  if (info.headerFrameCount !== null && frameCount < info.headerFrameCount) {
    warnings.push(
      `Only ${frameCount} of the ${info.headerFrameCount} frames its header lists could be decoded: the file is truncated or damaged. Frames are numbered as they decode.`,
    );
  }
  if (scan.errorLines.length > 0) {
    warnings.push(
      `ffmpeg reported ${scan.errorLines.length} decoding error${scan.errorLines.length === 1 ? '' : 's'} (first: ${firstErrorLine(scan.errorLines.join('\n'))}).`,
    );
  }
  const quarter = info.rotation === 90 || info.rotation === 270;
  return {
    ...info,
    width: quarter ? info.codedHeight : info.codedWidth,
    height: quarter ? info.codedWidth : info.codedHeight,
    frameCount,
    times,
    firstFrameOffsetSec: first - info.formatStartSec,
    keyframes: scan.keyframes,
    meanFps: timing.meanFps,
    ...typicalRate(timing.typicalFps, info),
    variableFrameRate: timing.variable,
    durationSec: timing.durationSec,
    warnings,
  };
}
