import { BLAZEPOSE_KEYPOINT_COUNT } from '../../shared/domain/pose';
import { LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER } from './constants';
import type { ClassifierConfig, InputShape } from './types';
import type { PreparedTrack } from './windows';
import { median } from '../../shared/util/median';

const K = BLAZEPOSE_KEYPOINT_COUNT;

/**
 * Velocities are given in torso lengths a second, times this: a walk (about 2 torso lengths a second) comes
 * out near 0.4, a fall's descent near 1, the size of the coordinates.
 */
export const VELOCITY_SCALE_SEC = 0.2;
/** A torso shorter than this (in its coordinates' unit) is taken as this, so that no division blows up. */
const MIN_TORSO = 1e-3;

/** Where each value sits among a joint's channels. −1: not in this configuration. */
export interface FeatureLayout {
  channels: number;
  imageX: number;
  imageY: number;
  worldX: number;
  worldY: number;
  worldZ: number;
  /** Offset of the velocities (same order as the coordinates), −1 without them. */
  velocity: number;
}

export function featureLayout(config: Pick<ClassifierConfig, 'coordinates' | 'velocity'>): FeatureLayout {
  const image = config.coordinates === 'image' || config.coordinates === 'both';
  const world = config.coordinates === 'world' || config.coordinates === 'both';
  const coords = (image ? 2 : 0) + (world ? 3 : 0);
  return {
    channels: coords * (config.velocity ? 2 : 1),
    imageX: image ? 0 : -1,
    imageY: image ? 1 : -1,
    worldX: world ? (image ? 2 : 0) : -1,
    worldY: world ? (image ? 3 : 1) : -1,
    worldZ: world ? (image ? 4 : 2) : -1,
    velocity: config.velocity ? coords : -1,
  };
}

export function inputShapeOf(
  config: Pick<ClassifierConfig, 'coordinates' | 'velocity' | 'windowFrames'>,
  joints: number,
): InputShape {
  return { frames: config.windowFrames, joints, channels: featureLayout(config).channels };
}

/** Midpoint of two keypoints (x, y[, z]) of frame `f` in a T×33×3 array. */
function mid(a: Float32Array, f: number, i: number, j: number, c: number): number {
  return ((a[(f * K + i) * 3 + c] as number) + (a[(f * K + j) * 3 + c] as number)) / 2;
}

interface Frame2or3 {
  /** Centre of the hips per frame (x, y[, z]). */
  centre: Float64Array;
  /** One scale for the window: the median torso length (shoulders' midpoint to hips' midpoint). */
  scale: number;
}

function centresAndScale(
  a: Float32Array,
  frames: readonly number[],
  dims: 2 | 3,
  posed: readonly boolean[],
): Frame2or3 {
  const centre = new Float64Array(frames.length * dims);
  const torsos: number[] = [];
  frames.forEach((f, i) => {
    let d2 = 0;
    for (let c = 0; c < dims; c++) {
      const hip = mid(a, f, LEFT_HIP, RIGHT_HIP, c);
      centre[i * dims + c] = hip;
      const sh = mid(a, f, LEFT_SHOULDER, RIGHT_SHOULDER, c);
      d2 += (sh - hip) ** 2;
    }
    if (posed[i]) torsos.push(Math.sqrt(d2));
  });
  return { centre, scale: Math.max(MIN_TORSO, median(torsos)) };
}

/**
 * The features of one window, written into `out` at `offset` (frames × joints × channels): each joint's
 * coordinates centred on the hips (those of the frame, or the mean over the window: `centre`) and divided by
 * the window's median torso length; world coordinates optionally turned about the vertical so that the hips
 * face the camera; then each value's velocity (frame to frame, in torso lengths a second × VELOCITY_SCALE_SEC).
 * Frames past the track's end repeat its last frame.
 */
export function windowFeatures(
  track: PreparedTrack,
  start: number,
  joints: readonly number[],
  config: Pick<
    ClassifierConfig,
    'coordinates' | 'velocity' | 'centre' | 'faceCamera' | 'windowFrames' | 'frameRateHz'
  >,
  out: Float32Array,
  offset: number,
): void {
  const T = config.windowFrames;
  const J = joints.length;
  const layout = featureLayout(config);
  const C = layout.channels;
  const frames: number[] = [];
  const posed: boolean[] = [];
  for (let i = 0; i < T; i++) {
    const f = Math.min(track.length - 1, start + i);
    frames.push(f);
    posed.push(track.missing[f] === 0);
  }
  if (!posed.some(Boolean)) posed.fill(true);

  const put = (a: Float32Array, dims: 2 | 3, channel0: number, rotate: boolean): void => {
    const { centre, scale } = centresAndScale(a, frames, dims, posed);
    const meanCentre = new Float64Array(dims);
    let n = 0;
    frames.forEach((_, i) => {
      if (!posed[i]) return;
      n++;
      for (let c = 0; c < dims; c++)
        meanCentre[c] = (meanCentre[c] as number) + (centre[i * dims + c] as number);
    });
    for (let c = 0; c < dims; c++) meanCentre[c] = (meanCentre[c] as number) / Math.max(1, n);
    // Facing: the mean direction from the right hip to the left hip in the x–z plane, turned onto +x.
    let cos = 1;
    let sin = 0;
    if (rotate && dims === 3) {
      let dx = 0;
      let dz = 0;
      for (const f of frames) {
        dx += (a[(f * K + LEFT_HIP) * 3] as number) - (a[(f * K + RIGHT_HIP) * 3] as number);
        dz += (a[(f * K + LEFT_HIP) * 3 + 2] as number) - (a[(f * K + RIGHT_HIP) * 3 + 2] as number);
      }
      const angle = Math.atan2(dz, dx);
      if (Number.isFinite(angle) && (dx !== 0 || dz !== 0)) {
        cos = Math.cos(-angle);
        sin = Math.sin(-angle);
      }
    }
    frames.forEach((f, i) => {
      for (let j = 0; j < J; j++) {
        const k = joints[j] as number;
        const base = offset + (i * J + j) * C + channel0;
        const v = [0, 0, 0];
        for (let c = 0; c < dims; c++) {
          const origin =
            config.centre === 'frame' ? (centre[i * dims + c] as number) : (meanCentre[c] as number);
          v[c] = ((a[(f * K + k) * 3 + c] as number) - origin) / scale;
        }
        if (rotate && dims === 3) {
          const x = v[0] as number;
          const z = v[2] as number;
          v[0] = cos * x - sin * z;
          v[2] = sin * x + cos * z;
        }
        for (let c = 0; c < dims; c++) out[base + c] = v[c] as number;
      }
    });
  };

  if (layout.imageX >= 0) put(track.image, 2, layout.imageX, false);
  if (layout.worldX >= 0) {
    if (!track.world) throw new Error(`Track ${track.key} has no world coordinates, which this model needs.`);
    put(track.world, 3, layout.worldX, config.faceCamera);
  }
  if (layout.velocity >= 0) {
    const coords = layout.velocity;
    const perSec = config.frameRateHz * VELOCITY_SCALE_SEC;
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < J; j++) {
        const base = offset + (i * J + j) * C;
        const prev = offset + ((i === 0 ? Math.min(1, T - 1) : i - 1) * J + j) * C;
        for (let c = 0; c < coords; c++) {
          const d =
            i === 0
              ? (out[prev + c] as number) - (out[base + c] as number)
              : (out[base + c] as number) - (out[prev + c] as number);
          out[base + coords + c] = d * perSec;
        }
      }
    }
  }
}
