import { AmeliaError } from '../../../../shared/contract/envelope';
import type { FfmpegInfo } from '../../media/binaries';
import { ffmpegInput, firstErrorLine, runProcess } from '../../media/processes';
import { MIN_SEEK_FRAME, proveSeek } from '../../poses/seekPoint';
import type { SeekPoint, SeekSource } from '../../poses/seekPoint';
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
 * (one output frame per source frame), cropped, and where asked blurred outside the actor's window. `tag`
 * keeps the graph's inner pad names apart from other clips' in one ffmpeg; `first` is the frame the decode
 * starts at (a proved seek's, or 0), from which n counts.
 */
export function clipFilter(
  spec: Pick<ClipSpec, 'start' | 'end' | 'rateText' | 'geometry'>,
  tag = '',
  first = 0,
): string {
  const [num, den] = spec.rateText.split('/');
  const g = spec.geometry;
  const chain = [
    `select='between(n,${spec.start - first},${spec.end - first})'`,
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
    const [a, b, blurred, sharp] = ['a', 'b', 'blur', 'sharp'].map((p) => `[amelia_${p}${tag}]`);
    graph +=
      `,split${a}${b};${b}${blur}${blurred};` +
      `${a}crop=w=${w.width}:h=${w.height}:x='${x}':y='${y}'${sharp};` +
      `${blurred}${sharp}overlay=x='${x}':y='${y}'${enable}`;
  } else if (g.window) {
    // Too small to blur: nothing but the window may show, so the rest is blacked out.
    graph += `,drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill`;
  }
  return `${graph},format=yuv420p`;
}

/** Clips cut in one ffmpeg at most: each has its own encoder. */
const CLIPS_PER_PASS = 8;
/**
 * Characters of filter graph one ffmpeg gets at most (a graph is one argument: Linux takes 128 KiB an
 * argument, Windows 32 Ki characters a whole command line). A clip whose own graph is longer goes alone.
 */
const MAX_PASS_GRAPH_CHARS = 24_000;

/**
 * The clips in passes: those of one video stream together (the video is decoded once a pass, from its
 * first frame or a proved seek to the pass's first clip), in order of their first frame, at most
 * `CLIPS_PER_PASS` and `MAX_PASS_GRAPH_CHARS` a pass, and a new pass where a clip starts `MIN_SEEK_FRAME`
 * frames or more after the pass's clips end.
 */
export function clipPasses(specs: readonly ClipSpec[]): ClipSpec[][] {
  const byVideo = new Map<string, ClipSpec[]>();
  for (const s of specs) {
    const key = `${s.streamIndex}:${s.src}`;
    byVideo.set(key, [...(byVideo.get(key) ?? []), s]);
  }
  const passes: ClipSpec[][] = [];
  for (const list of byVideo.values()) {
    let pass: ClipSpec[] = [];
    let chars = 0;
    let end = -1;
    for (const s of [...list].sort((a, b) => a.start - b.start)) {
      const size = clipFilter(s, String(CLIPS_PER_PASS)).length + 40;
      if (
        pass.length > 0 &&
        (pass.length === CLIPS_PER_PASS ||
          chars + size > MAX_PASS_GRAPH_CHARS ||
          // Far after every clip of the pass: a seek reaches it sooner than decoding the gap.
          s.start - end - 1 >= MIN_SEEK_FRAME)
      ) {
        passes.push(pass);
        pass = [];
        chars = 0;
      }
      pass.push(s);
      chars += size;
      end = Math.max(end, s.end);
    }
    if (pass.length > 0) passes.push(pass);
  }
  return passes;
}

/** The encoder and file options of one clip (after its `-map`). */
function clipOutputArgs(ffmpeg: Pick<FfmpegInfo, 'hasFpsMode'>, spec: ClipSpec): string[] {
  return [
    ...(ffmpeg.hasFpsMode ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-r',
    spec.rateText,
    '-frames:v',
    String(spec.end - spec.start + 1),
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
    '-f',
    'mp4',
    ffmpegInput(spec.out),
  ];
}

/**
 * One ffmpeg for clips of one video: the video is decoded once, from frame 0 or a proved seek point before
 * every clip, up to the last frame any clip needs, and each clip has its own branch of the filter graph
 * (choosing its frames by decode index) and its own file.
 */
export function clipsArgs(
  ffmpeg: Pick<FfmpegInfo, 'hasFpsMode'>,
  specs: readonly ClipSpec[],
  seek: SeekPoint | null = null,
): string[] {
  const first = specs[0];
  if (!first) throw new Error('no clips to cut');
  if (specs.some((s) => s.src !== first.src || s.streamIndex !== first.streamIndex))
    throw new Error('clips cut together must come from one video stream');
  const from = seek?.frame ?? 0;
  if (specs.some((s) => s.start < from)) throw new Error(`a clip starts before the seek's frame ${from}`);
  const input = `[0:${first.streamIndex}]`;
  const branches = specs.map((s, i) => `${clipFilter(s, String(i), from)}[amelia_out${i}]`);
  const graph =
    specs.length === 1
      ? `${input}${branches[0] as string}`
      : `${input}split=${specs.length}${specs.map((_, i) => `[amelia_in${i}]`).join('')};` +
        branches.map((b, i) => `[amelia_in${i}]${b}`).join(';');
  return [
    '-v',
    'error',
    '-nostdin',
    '-y',
    ...(seek ? ['-ss', seek.seconds.toFixed(6)] : []),
    '-i',
    ffmpegInput(first.src),
    '-filter_complex',
    graph,
    '-progress',
    'pipe:1',
    '-nostats',
    ...specs.flatMap((s, i) => ['-map', `[amelia_out${i}]`, ...clipOutputArgs(ffmpeg, s)]),
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
 * Cuts clips of one video in one pass and proves each holds exactly its tube's frames; reports the frames
 * written as it goes (those of the first clip while ffmpeg runs, all of them once each is proved). A clip
 * that comes out with another count is an error (the export fails rather than ship it). Given the video's
 * frame times (`seekFrom`), the decode starts at a proved seek to the first clip where that is far in.
 */
export async function cutClips(
  ffmpeg: FfmpegInfo,
  ffprobe: string,
  specs: readonly ClipSpec[],
  onFrames: (done: number) => void,
  signal?: AbortSignal,
  seekFrom: Omit<SeekSource, 'ffmpeg' | 'path' | 'streamIndex'> | null = null,
): Promise<void> {
  if (!ffmpeg.hasLibx264) {
    throw new AmeliaError(
      'unsupported',
      `Clips are H.264 and this ffmpeg (${ffmpeg.path}) has no libx264 encoder: set AMELIA_FFMPEG to an ffmpeg with libx264.`,
    );
  }
  const firstFrames = specs[0] ? specs[0].end - specs[0].start + 1 : 0;
  const seek =
    seekFrom && specs[0]
      ? await proveSeek(
          { ...seekFrom, ffmpeg, path: specs[0].src, streamIndex: specs[0].streamIndex },
          Math.min(...specs.map((s) => s.start)),
          Math.max(...specs.map((s) => s.end)),
          signal,
        )
      : null;
  const r = await runProcess(ffmpeg.path, clipsArgs(ffmpeg, specs, seek), {
    ...(signal ? { signal } : {}),
    onStdoutLine: (line) => {
      const m = /^frame=(\d+)/.exec(line);
      if (m) onFrames(Math.min(Number(m[1]), firstFrames));
    },
  });
  if (r.code !== 0)
    throw new AmeliaError('media_error', `ffmpeg could not cut a clip: ${firstErrorLine(r.stderr)}`);
  let done = 0;
  for (const spec of specs) {
    const expected = spec.end - spec.start + 1;
    const got = await countClipFrames(ffprobe, spec.out, signal);
    if (got !== expected) {
      throw new AmeliaError(
        'media_error',
        `A clip of frames ${spec.start}–${spec.end} came out with ${got} frames instead of ${expected}; the export stopped rather than write it.`,
      );
    }
    done += expected;
    onFrames(done);
  }
}
