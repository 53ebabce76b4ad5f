import { AmeliaError } from '../../../../shared/contract/envelope';
import type { FfmpegInfo } from '../../media/binaries';
import { ffmpegInput, firstErrorLine, runProcess } from '../../media/processes';
import type { ClipGeometry } from './clipGeometry';
import { piecesExpression, rangesExpression } from './clipGeometry';

export interface ClipSpec {
  src: string;
  streamIndex: number;
  /** The video's constant playback rate, as a rational (`18/1`, `30000/1001`). */
  rateText: string;
  /** First and last frame (inclusive), as amelia numbers them: decode order from frame 0. */
  start: number;
  end: number;
  geometry: ClipGeometry;
  crf: number;
  out: string;
}

/** A box blur as strong as the picture allows (its radius may not pass half the smaller side). */
function blurFilter(width: number, height: number): string | null {
  const luma = Math.min(20, Math.floor(Math.min(width, height) / 2) - 1);
  const chroma = Math.min(10, Math.floor(Math.min(width, height) / 4) - 1);
  if (luma < 1 || chroma < 1) return null;
  return `boxblur=luma_radius=${luma}:luma_power=2:chroma_radius=${chroma}:chroma_power=2`;
}

/**
 * The filter graph of a clip. Frames are chosen by their decode index (`select` on n), never by time, so
 * the clip holds exactly frames start…end of the source; they are then timed at the video's constant rate
 * (one output frame per source frame), cropped, and where asked blurred outside the actor's window.
 */
export function clipFilter(spec: Pick<ClipSpec, 'start' | 'end' | 'rateText' | 'geometry'>): string {
  const [num, den] = spec.rateText.split('/');
  const g = spec.geometry;
  const chain = [
    `select='between(n,${spec.start},${spec.end})'`,
    `setpts=N*${den ?? 1}/(${num ?? 25}*TB)`,
    g.cropX && g.cropY
      ? `crop=w=${g.width}:h=${g.height}:x='${piecesExpression(g.cropX)}':y='${piecesExpression(g.cropY)}'`
      : `crop=w=${g.crop.width}:h=${g.crop.height}:x=${g.crop.x}:y=${g.crop.y}`,
  ];
  let graph = chain.join(',');
  const blur = g.window ? blurFilter(g.width, g.height) : null;
  if (g.window && blur) {
    const w = g.window;
    const x = piecesExpression(w.x);
    const y = piecesExpression(w.y);
    const enable = w.visible.length > 0 ? `:enable='${rangesExpression(w.visible)}'` : '';
    graph +=
      `,split[amelia_a][amelia_b];[amelia_b]${blur}[amelia_blur];` +
      `[amelia_a]crop=w=${w.width}:h=${w.height}:x='${x}':y='${y}'[amelia_sharp];` +
      `[amelia_blur][amelia_sharp]overlay=x='${x}':y='${y}'${enable}`;
  } else if (g.window) {
    // Too small to blur: nothing but the window may show, so the rest is blacked out.
    graph += `,drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill`;
  }
  return `${graph},format=yuv420p`;
}

export function clipArgs(ffmpeg: Pick<FfmpegInfo, 'hasFpsMode'>, spec: ClipSpec): string[] {
  const frames = spec.end - spec.start + 1;
  return [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-i',
    ffmpegInput(spec.src),
    '-map',
    `0:${spec.streamIndex}`,
    '-an',
    '-sn',
    '-dn',
    '-vf',
    clipFilter(spec),
    ...(ffmpeg.hasFpsMode ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-r',
    spec.rateText,
    '-frames:v',
    String(frames),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    String(spec.crf),
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    '-map_metadata',
    '-1',
    '-metadata:s:v:0',
    'rotate=0',
    '-progress',
    'pipe:1',
    '-nostats',
    '-f',
    'mp4',
    ffmpegInput(spec.out),
  ];
}

/** Counts a clip's video packets (one per frame for H.264 without B-frame reordering tricks). */
export async function countClipFrames(ffprobe: string, path: string, signal?: AbortSignal): Promise<number> {
  const r = await runProcess(
    ffprobe,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-count_packets',
      '-show_entries',
      'stream=nb_read_packets',
      '-of',
      'csv=p=0',
      ffmpegInput(path),
    ],
    { ...(signal ? { signal } : {}), timeoutMs: 300_000 },
  );
  const n = Number(r.stdout.trim().split(/\r?\n/)[0]);
  if (r.code !== 0 || !Number.isInteger(n))
    throw new AmeliaError('media_error', `A clip could not be read back: ${firstErrorLine(r.stderr)}`);
  return n;
}

/**
 * Cuts one clip and proves it holds exactly the tube's frames; reports frames written as it goes.
 * A clip that comes out with another count is an error (the export fails rather than ship it).
 */
export async function cutClip(
  ffmpeg: FfmpegInfo,
  ffprobe: string,
  spec: ClipSpec,
  onFrames: (done: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (!ffmpeg.hasLibx264) {
    throw new AmeliaError(
      'unsupported',
      `Clips are H.264 and this ffmpeg (${ffmpeg.path}) has no libx264 encoder: set AMELIA_FFMPEG to an ffmpeg with libx264.`,
    );
  }
  const r = await runProcess(ffmpeg.path, clipArgs(ffmpeg, spec), {
    ...(signal ? { signal } : {}),
    onStdoutLine: (line) => {
      const m = /^frame=(\d+)/.exec(line);
      if (m) onFrames(Number(m[1]));
    },
  });
  if (r.code !== 0)
    throw new AmeliaError('media_error', `ffmpeg could not cut a clip: ${firstErrorLine(r.stderr)}`);
  const expected = spec.end - spec.start + 1;
  const got = await countClipFrames(ffprobe, spec.out, signal);
  if (got !== expected) {
    throw new AmeliaError(
      'media_error',
      `A clip of frames ${spec.start}–${spec.end} came out with ${got} frames instead of ${expected}; the export stopped rather than write it.`,
    );
  }
}
