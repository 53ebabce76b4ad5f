import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../shared/classifier/seededRandom';
import { keypointIndex } from '../../../shared/domain/pose';
import { applyAugmentation, drawAugmentation } from '../../../models/classifier/augment';
import { jointsOf, mirrorOf } from '../../../models/classifier/graph';
import { featureLayout } from '../../../models/classifier/normalise';

const layout = featureLayout({ coordinates: 'image', velocity: true });
const joints = jointsOf('blazepose33');
const mirror = mirrorOf(joints);
const T = 3;
const J = joints.length;
const C = layout.channels;

function randomWindow(seed: number): Float32Array {
  const p = createSeededRandom(seed);
  return Float32Array.from({ length: T * J * C }, () => p.normal());
}

const none = { mirrored: false, rotation: 0, yaw: 0, scale: 1 };

describe('augmentation', () => {
  it('mirrors by negating x and swapping every left joint with its right partner', () => {
    const w = randomWindow(1);
    const m = w.slice();
    applyAugmentation(m, 0, T, J, layout, mirror, { ...none, mirrored: true });
    const lw = keypointIndex('left_wrist');
    const rw = keypointIndex('right_wrist');
    const nose = keypointIndex('nose');
    expect(m[lw * C]).toBeCloseTo(-(w[rw * C] as number), 6);
    expect(m[lw * C + 1]).toBeCloseTo(w[rw * C + 1] as number, 6);
    expect(m[rw * C + 2]).toBeCloseTo(-(w[lw * C + 2] as number), 6);
    expect(m[nose * C]).toBeCloseTo(-(w[nose * C] as number), 6);
  });

  it('undoes itself when mirrored twice', () => {
    const w = randomWindow(2);
    const m = w.slice();
    applyAugmentation(m, 0, T, J, layout, mirror, { ...none, mirrored: true });
    applyAugmentation(m, 0, T, J, layout, mirror, { ...none, mirrored: true });
    for (let i = 0; i < w.length; i++) expect(m[i]).toBeCloseTo(w[i] as number, 6);
  });

  it('rotates coordinates and velocities alike, keeping lengths, and scales them', () => {
    const w = randomWindow(3);
    const m = w.slice();
    applyAugmentation(m, 0, T, J, layout, mirror, { ...none, rotation: 0.3, scale: 1.2 });
    for (let i = 0; i < T * J; i++) {
      for (const g of [0, 2]) {
        const before = Math.hypot(w[i * C + g] as number, w[i * C + g + 1] as number);
        const after = Math.hypot(m[i * C + g] as number, m[i * C + g + 1] as number);
        expect(after).toBeCloseTo(before * 1.2, 5);
      }
    }
  });

  it('draws within the configured ranges, the same draws for the same seed', () => {
    const cfg = { mirror: true, rotationDeg: 10, yawDeg: 20, scale: 0.1, jitterFrames: 2 };
    const a = Array.from({ length: 200 }, (_, i) => drawAugmentation(cfg, createSeededRandom(i)));
    expect(a.every((x) => Math.abs(x.rotation) <= (10 * Math.PI) / 180 && Math.abs(x.scale - 1) <= 0.1)).toBe(
      true,
    );
    expect(a.some((x) => x.mirrored) && a.some((x) => !x.mirrored)).toBe(true);
    expect(drawAugmentation(cfg, createSeededRandom(7))).toEqual(
      drawAugmentation(cfg, createSeededRandom(7)),
    );
    expect(
      drawAugmentation({ ...cfg, mirror: false, rotationDeg: 0, yawDeg: 0, scale: 0 }, createSeededRandom(1)),
    ).toEqual(none);
  });
});
