import { AmeliaError } from '../../../shared/contract/envelope';
import type { FfmpegInfo } from './binaries';
import { ffmpegInput, firstErrorLine, runProcess } from './processes';

export interface ProxySpec {
  src: string;
  streamIndex: number;
  /** Where to write (a temporary name: the caller renames it when it is proven). */
  out: string;
  /** Displayed size of the source. */
  width: number;
  height: number;
  frameCount: number;
  /** Constant rate of the proxy, as a rational string, and as a number. */
  rateText: string;
  fps: number;
}

/** The proxy's longest side: enough to annotate on, small enough to seek fast. */
export const PROXY_MAX_SIDE = 1920;

export function proxySize(width: number, height: number): { width: number; height: number } {
  const k = Math.min(1, PROXY_MAX_SIDE / Math.max(width, height));
  const even = (v: number) => Math.max(2, Math.round((v * k) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/** Keyframe interval: about half a second, so stepping backwards decodes few frames. */
export function proxyGop(fps: number): number {
  return Math.max(1, Math.round(fps / 2));
}

export function proxyArgs(ffmpeg: Pick<FfmpegInfo, 'hasFpsMode'>, spec: ProxySpec): string[] {
  const size = proxySize(spec.width, spec.height);
  const [num, den] = spec.rateText.split('/');
  // Frame N of the source becomes frame N of the proxy at N / rate seconds: no frame dropped or repeated.
  const setpts = `setpts=N*${den ?? 1}/(${num ?? spec.fps}*TB)`;
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
    `${setpts},scale=${size.width}:${size.height}:flags=bicubic,format=yuv420p`,
    ...(ffmpeg.hasFpsMode ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-r',
    spec.rateText,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '20',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(proxyGop(spec.fps)),
    '-movflags',
    '+faststart',
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

/** Transcodes a playback proxy, reporting frames done. */
export async function makeProxy(
  ffmpeg: FfmpegInfo,
  spec: ProxySpec,
  onProgress: (framesDone: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const r = await runProcess(ffmpeg.path, proxyArgs(ffmpeg, spec), {
    ...(signal ? { signal } : {}),
    onStdoutLine: (line) => {
      const m = /^frame=(\d+)/.exec(line);
      if (m) onProgress(Number(m[1]));
    },
  });
  if (r.code !== 0) {
    throw new AmeliaError('media_error', `ffmpeg could not make the proxy: ${firstErrorLine(r.stderr)}`);
  }
}

/** Proves a proxy has exactly one frame per source frame, by counting its packets. */
export async function verifyProxy(ffprobe: string, path: string, expectedFrames: number): Promise<void> {
  const r = await runProcess(
    ffprobe,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-count_packets',
      '-show_entries',
      'stream=nb_read_packets,width,height',
      '-of',
      'compact=p=0:nk=0',
      ffmpegInput(path),
    ],
    { timeoutMs: 300_000 },
  );
  const m = /nb_read_packets=(\d+)/.exec(r.stdout);
  if (r.code !== 0 || !m) {
    throw new AmeliaError('media_error', `The proxy could not be read back: ${firstErrorLine(r.stderr)}`);
  }
  const got = Number(m[1]);
  if (got !== expectedFrames) {
    throw new AmeliaError(
      'media_error',
      `The proxy has ${got} frames where the source has ${expectedFrames}; it was discarded so frames cannot drift.`,
    );
  }
}
