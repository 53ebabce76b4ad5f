import type { SeededRandom } from '../../shared/classifier/seededRandom';
import type { FeatureLayout } from './normalise';
import type { AugmentConfig } from './types';

/** What one window's augmentation did (for tests and for reproducing it). */
export interface Augmentation {
  mirrored: boolean;
  /** In-plane rotation, radians. */
  rotation: number;
  /** Rotation about the vertical, radians (world coordinates). */
  yaw: number;
  scale: number;
}

function negate(a: Float32Array, i: number): void {
  a[i] = -(a[i] as number);
}

/** Draws one window's augmentation. */
export function drawAugmentation(config: AugmentConfig, prng: SeededRandom): Augmentation {
  const rad = Math.PI / 180;
  return {
    mirrored: config.mirror && prng.next() < 0.5,
    rotation: config.rotationDeg > 0 ? prng.uniform(-config.rotationDeg, config.rotationDeg) * rad : 0,
    yaw: config.yawDeg > 0 ? prng.uniform(-config.yawDeg, config.yawDeg) * rad : 0,
    scale: config.scale > 0 ? 1 + prng.uniform(-config.scale, config.scale) : 1,
  };
}

/**
 * Applies an augmentation to one window's features in place (frames × joints × channels at `offset`):
 * mirror (x negated, each joint swapped with its left/right partner: `mirror[j]`), in-plane rotation of
 * image and world x–y, rotation of world x–z about the vertical, and scaling. Velocities are turned with
 * their coordinates, so they stay the frame-to-frame differences of the coordinates.
 */
export function applyAugmentation(
  features: Float32Array,
  offset: number,
  frames: number,
  joints: number,
  layout: FeatureLayout,
  mirror: readonly number[],
  a: Augmentation,
): void {
  const C = layout.channels;
  const groups = layout.velocity >= 0 ? [0, layout.velocity] : [0];
  if (a.mirrored) {
    const tmp = new Float32Array(joints * C);
    for (let t = 0; t < frames; t++) {
      const base = offset + t * joints * C;
      tmp.set(features.subarray(base, base + joints * C));
      for (let j = 0; j < joints; j++) {
        const from = (mirror[j] as number) * C;
        for (let c = 0; c < C; c++) features[base + j * C + c] = tmp[from + c] as number;
      }
      for (let j = 0; j < joints; j++) {
        for (const g of groups) {
          if (layout.imageX >= 0) negate(features, base + j * C + g + layout.imageX);
          if (layout.worldX >= 0) negate(features, base + j * C + g + layout.worldX);
        }
      }
    }
  }
  const cr = Math.cos(a.rotation);
  const sr = Math.sin(a.rotation);
  const cy = Math.cos(a.yaw);
  const sy = Math.sin(a.yaw);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < joints; j++) {
      const base = offset + (t * joints + j) * C;
      for (const g of groups) {
        if (layout.imageX >= 0) {
          const ix = base + g + layout.imageX;
          const iy = base + g + layout.imageY;
          const x = features[ix] as number;
          const y = features[iy] as number;
          features[ix] = a.scale * (cr * x - sr * y);
          features[iy] = a.scale * (sr * x + cr * y);
        }
        if (layout.worldX >= 0) {
          const ix = base + g + layout.worldX;
          const iy = base + g + layout.worldY;
          const iz = base + g + layout.worldZ;
          let x = features[ix] as number;
          const z = features[iz] as number;
          const x2 = cy * x - sy * z;
          const z2 = sy * x + cy * z;
          x = x2;
          const y = features[iy] as number;
          features[ix] = a.scale * (cr * x - sr * y);
          features[iy] = a.scale * (sr * x + cr * y);
          features[iz] = a.scale * z2;
        }
      }
    }
  }
}
