import { BLAZEPOSE_KEYPOINT_COUNT, keypointIndex } from '../../../shared/domain/pose';
import { MD4FD_KEYPOINTS } from '../constants';
import type { PoseTrack } from '../types';

const K = BLAZEPOSE_KEYPOINT_COUNT;
/** Numbers in one md4fd frame: (x, y) of 11 keypoints, then the body's aspect ratio. */
export const MD4FD_FRAME_VALUES = MD4FD_KEYPOINTS.length * 2 + 1;
/** Sequences longer than this are refused (the files hold 90 frames a sequence). */
const MAX_FRAMES = 100_000;

/** A malformed md4fd file: the message names the sequence and frame where it goes wrong. */
export class Md4fdFormatError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'Md4fdFormatError';
  }
}

export interface Md4fdOptions {
  /** Name of the file (for track keys and messages). */
  source: string;
  /** Frame rate of the videos the sequences come from, frames a second (UR Fall 30, Le2i 25). */
  fps: number;
  /** Width over height of those videos' frames (both 640×480 and 320×240: 4/3): x is scaled by it. */
  frameAspect?: number;
  /** Class index of label 0 (daily activity) and of label 1 (fall). */
  classOf: { 0: number; 1: number };
}

export interface Md4fdSequence {
  track: PoseTrack;
  /** 0 daily activity, 1 fall, as in the file. */
  label: 0 | 1;
  /**
   * The recording the sequence belongs to: the files hold overlapping windows of the same videos (and some
   * sequences twice), so sequences that share a frame are one recording, never split apart.
   */
  recording: string;
  /** Keypoints given as null (not found), filled from the same keypoint's neighbouring frames. */
  nullKeypoints: number;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 30))})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Largest difference of any value for two frames to count as the same moment of the same video. */
const SAME_FRAME_TOLERANCE = 0.02;

function sameFrame(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  let compared = 0;
  for (let i = 0; i < a.length - 1; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null || x === undefined || y === undefined) continue;
    if (Math.abs(x - y) > SAME_FRAME_TOLERANCE) return false;
    compared++;
  }
  return compared >= (a.length - 1) / 2;
}

/**
 * Recording groups: the files hold overlapping windows of the same videos (one sequence starting some frames
 * into another) and near-copies of sequences, so a sequence whose first frame matches a frame of another
 * (every value within SAME_FRAME_TOLERANCE) is joined with it (union–find).
 */
function recordingsOf(sequences: readonly (readonly (readonly (number | null)[])[])[]): number[] {
  const parent = sequences.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  sequences.forEach((frames, s) => {
    const first = frames.find((f) => f.some((v) => v !== null));
    if (!first) return;
    sequences.forEach((other, r) => {
      if (r === s || find(r) === find(s)) return;
      if (other.some((f) => sameFrame(first, f))) parent[find(s)] = find(r);
    });
  });
  const ids = new Map<number, number>();
  return sequences.map((_, s) => {
    const root = find(s);
    if (!ids.has(root)) ids.set(root, ids.size);
    return ids.get(root) as number;
  });
}

/**
 * Reads an md4fd-skeleton file: a JSON list of sequences, each its frames (23 numbers: normalised x, y of
 * front_face, left_shoulder, right_shoulder, left_hip, right_hip, left_knee, right_knee, right_ankle,
 * left_ankle, left_wrist, right_wrist, then the body's aspect ratio) followed by one label, 1 fall or 0
 * daily activity. The keypoints are put at their BlazePose indices (front_face as the nose), with
 * visibility 1; the other 22 keypoints have visibility 0. Null values (a keypoint not found) are filled
 * from the same keypoint's nearest frames; a frame with fewer than half its keypoints has no pose. The
 * aspect ratio is not used. Anything else malformed is refused, naming the sequence and frame.
 */
export function parseMd4fd(text: string, options: Md4fdOptions): Md4fdSequence[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Md4fdFormatError(`not JSON (${(err as Error).message})`, options.source);
  }
  if (!Array.isArray(doc))
    throw new Md4fdFormatError(`expected a list of sequences, got ${describe(doc)}`, options.source);
  if (doc.length === 0) throw new Md4fdFormatError('the list holds no sequence', options.source);
  const aspect = options.frameAspect ?? 4 / 3;
  if (!(options.fps > 0)) throw new Error(`md4fd: fps must be positive (got ${options.fps}).`);

  const parsed = doc.map((seq: unknown, s) => {
    const where = `${options.source}, sequence ${s}`;
    if (!Array.isArray(seq)) {
      throw new Md4fdFormatError(`expected frames then a label, got ${describe(seq)}`, where);
    }
    if (seq.length < 2) {
      throw new Md4fdFormatError(
        `expected at least one frame then a label (0 or 1), but it holds ${seq.length} item${seq.length === 1 ? '' : 's'}`,
        where,
      );
    }
    if (seq.length - 1 > MAX_FRAMES) throw new Md4fdFormatError(`more than ${MAX_FRAMES} frames`, where);
    const label = seq[seq.length - 1] as unknown;
    if (label !== 0 && label !== 1) {
      throw new Md4fdFormatError(`its last item must be the label 0 or 1, got ${describe(label)}`, where);
    }
    const frames = seq.slice(0, -1).map((frame: unknown, f) => {
      const at = `${where}, frame ${f}`;
      if (!Array.isArray(frame))
        throw new Md4fdFormatError(`expected ${MD4FD_FRAME_VALUES} numbers, got ${describe(frame)}`, at);
      if (frame.length !== MD4FD_FRAME_VALUES) {
        throw new Md4fdFormatError(`expected ${MD4FD_FRAME_VALUES} numbers, got ${frame.length}`, at);
      }
      frame.forEach((v: unknown, i) => {
        if (v === null) return;
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new Md4fdFormatError(`value ${i} must be a number or null, got ${describe(v)}`, at);
        }
        if (i < MD4FD_FRAME_VALUES - 1 && (v < -1 || v > 2)) {
          throw new Md4fdFormatError(`value ${i} (${v}) is not a normalised coordinate (−1 to 2)`, at);
        }
      });
      return frame as (number | null)[];
    });
    return { frames, label: label as 0 | 1 };
  });

  const recordings = recordingsOf(parsed.map((p) => p.frames));
  const indices = MD4FD_KEYPOINTS.map(keypointIndex);
  return parsed.map(({ frames, label }, s) => {
    const t = frames.length;
    const image = new Float32Array(t * K * 3);
    const present = new Uint8Array(t);
    let nullKeypoints = 0;
    // Each keypoint's x and y over time, nulls filled from the nearest frames where it was found.
    indices.forEach((k, j) => {
      const known: number[] = [];
      for (let f = 0; f < t; f++) {
        const x = (frames[f] as (number | null)[])[2 * j];
        const y = (frames[f] as (number | null)[])[2 * j + 1];
        if (x === null || y === null || x === undefined || y === undefined) nullKeypoints++;
        else known.push(f);
      }
      for (let f = 0; f < t; f++) {
        const o = (f * K + k) * 3;
        if (known.length === 0) continue;
        let a = known[0] as number;
        let b = known[known.length - 1] as number;
        for (const kf of known) {
          if (kf <= f) a = kf;
          if (kf >= f) {
            b = kf;
            break;
          }
        }
        if (f < (known[0] as number)) a = b = known[0] as number;
        if (f > (known[known.length - 1] as number)) a = b = known[known.length - 1] as number;
        const w = b === a ? 0 : (f - a) / (b - a);
        const fa = frames[a] as number[];
        const fb = frames[b] as number[];
        image[o] = ((1 - w) * (fa[2 * j] as number) + w * (fb[2 * j] as number)) * aspect;
        image[o + 1] = (1 - w) * (fa[2 * j + 1] as number) + w * (fb[2 * j + 1] as number);
        image[o + 2] = 1;
      }
    });
    for (let f = 0; f < t; f++) {
      const fr = frames[f] as (number | null)[];
      let found = 0;
      for (let j = 0; j < indices.length; j++) if (fr[2 * j] !== null && fr[2 * j + 1] !== null) found++;
      present[f] = found * 2 >= indices.length ? 1 : 0;
    }
    const labels = new Int16Array(t).fill(options.classOf[label]);
    return {
      track: {
        key: `${options.source}#${s}`,
        times: Float64Array.from({ length: t }, (_, i) => i / options.fps),
        frames: Int32Array.from({ length: t }, (_, i) => i),
        present,
        image,
        world: null,
        labels,
      },
      label,
      recording: `${options.source}/recording-${recordings[s]}`,
      nullKeypoints,
    };
  });
}
