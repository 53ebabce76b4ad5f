import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveMediaBinaries } from '../../electron/engine/media/binaries';

const run = promisify(execFile);

/** Runs the resolved ffprobe (an argument list, never a shell) and returns its standard output. */
export async function ffprobe(args: readonly string[]): Promise<string> {
  const { ffprobe: bin } = await resolveMediaBinaries();
  const { stdout } = await run(bin.path, [...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Runs the resolved ffmpeg quietly; rejects when it fails. */
export async function ffmpeg(args: readonly string[]): Promise<Buffer> {
  const { ffmpeg: bin } = await resolveMediaBinaries();
  const { stdout } = await run(bin.path, ['-v', 'error', '-nostdin', ...args], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Frames of the first video stream that decode, counted by ffprobe itself: the reference for every count. */
export async function countDecodedFrames(path: string): Promise<number> {
  const out = await ffprobe([
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=nb_read_frames',
    '-of',
    'csv=p=0',
    path,
  ]);
  // One line, `frames` (followed by side data, such as a display matrix's rotation, where there is some).
  const n = Number(out.trim().split(/\r?\n/)[0]?.split(',')[0]);
  if (!Number.isInteger(n)) throw new Error(`ffprobe counted no frames in ${path}: ${out}`);
  return n;
}

export interface StreamFacts {
  codec: string;
  pixelFormat: string;
  width: number;
  height: number;
  /** Packets (one per frame in an encoded proxy) and decoded frames of the first video stream. */
  packets: number;
  frames: number;
  /** Display rotation left on the stream (side data or tag); 0 where there is none. */
  rotation: number;
  rate: string;
}

interface FfprobeStream {
  codec_name: string;
  pix_fmt: string;
  width: number;
  height: number;
  nb_read_packets: string;
  nb_read_frames: string;
  r_frame_rate: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

/** What an independent ffprobe reads of a file's first video stream, counting packets and frames. */
export async function streamFacts(path: string): Promise<StreamFacts> {
  const out = await ffprobe([
    '-v',
    'error',
    '-count_frames',
    '-count_packets',
    '-select_streams',
    'v:0',
    '-show_streams',
    '-of',
    'json',
    path,
  ]);
  const s = (JSON.parse(out) as { streams: FfprobeStream[] }).streams[0];
  if (!s) throw new Error(`no video stream in ${path}`);
  const sideRotation = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  return {
    codec: s.codec_name,
    pixelFormat: s.pix_fmt,
    width: s.width,
    height: s.height,
    packets: Number(s.nb_read_packets),
    frames: Number(s.nb_read_frames),
    rotation: sideRotation ?? Number(s.tags?.rotate ?? 0),
    rate: s.r_frame_rate,
  };
}

/**
 * A Matroska clip made from ffmpeg's test sources: 3 s of a sine as stream 0, then 2 s of `testsrc2` (a moving
 * picture, 320x240, 25 fps: 50 frames) as stream 1, starting half a second after the audio.
 */
export async function makeLateVideoClip(out: string): Promise<void> {
  await ffmpeg([
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=3',
    '-itsoffset',
    '0.5',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=25:duration=2',
    '-map',
    '0:a',
    '-map',
    '1:v',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    out,
  ]);
}

/** A small grey thumbnail of an image or of one video frame, as raw bytes, for comparing pictures. */
export async function grayPixels(input: readonly string[], width = 64, height = 48): Promise<Buffer> {
  return ffmpeg([
    ...input,
    '-frames:v',
    '1',
    '-vf',
    `scale=${width}:${height},format=gray`,
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
}

/** Mean absolute difference of two equally sized grey pictures (0: identical). */
export function pictureDistance(a: Buffer, b: Buffer): number {
  if (a.length !== b.length || a.length === 0)
    throw new Error(`pictures differ in size: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

/** Frame `i` as the decoder gives it counting from the first frame (no seeking), as `grayPixels` does. */
export async function decodedFramePixels(path: string, i: number, width = 64, height = 48): Promise<Buffer> {
  return ffmpeg([
    '-i',
    path,
    '-vf',
    `select=eq(n\\,${i}),scale=${width}:${height},format=gray`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    'pipe:1',
  ]);
}

/** Frames of `makeLevelsClip`'s video. */
export const LEVELS_CLIP_FRAMES = 400;

/** Luma of frame `n` of `makeLevelsClip`'s video: a neighbour differs by 4 levels. */
export function levelsClipLuma(n: number): number {
  return 20 + 4 * (n % 50);
}

/**
 * A 400-frame 64×48 H.264 video (25 frames/s, lossless) whose frame N is a flat grey of luma
 * `levelsClipLuma(N)`, with a keyframe every 48 frames and B-frames: for proving which frame a seek gives.
 */
export async function makeLevelsClip(out: string): Promise<void> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'color=c=black:s=64x48:r=25:d=16,geq=lum=20+4*mod(N\\,50):cb=128:cr=128',
    '-c:v',
    'libx264',
    '-qp',
    '0',
    '-g',
    '48',
    '-bf',
    '3',
    '-pix_fmt',
    'yuv420p',
    out,
  ]);
}
