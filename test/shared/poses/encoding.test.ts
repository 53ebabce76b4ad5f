import { describe, expect, it } from 'vitest';
import type { TubePoseArrays } from '../../../shared/domain/pose';
import {
  base64ToBytes,
  bytesToBase64,
  decodePoseArrays,
  encodePoseArrays,
  poseQuality,
} from '../../../shared/poses/encoding';

function arrays(T: number, K: number, filtered: boolean): TubePoseArrays {
  const fill = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => i * k + 0.25);
  return {
    keypointCount: K,
    present: Uint8Array.from({ length: T }, (_, i) => (i % 3 === 0 ? 0 : 1)),
    score: fill(T, 0.01),
    image: fill(T * K * 4, 0.5),
    world: fill(T * K * 3, -0.001),
    crops: fill(T * 4, 2),
    rawImage: filtered ? fill(T * K * 4, 0.7) : null,
    rawWorld: filtered ? fill(T * K * 3, 0.3) : null,
  };
}

describe('pose arrays encoding', () => {
  it.each([
    [7, 33, true],
    [1, 33, false],
    [5, 2, false],
  ])('round-trips %i frames × %i keypoints (filtered %s) through bytes and base64', (T, K, filtered) => {
    const a = arrays(T, K, filtered);
    const bytes = encodePoseArrays(a);
    expect(decodePoseArrays(base64ToBytes(bytesToBase64(bytes)))).toEqual(a);
  });

  it('refuses bytes that are not pose data or have the wrong length', () => {
    const bytes = encodePoseArrays(arrays(3, 33, false));
    expect(() => decodePoseArrays(bytes.slice(0, bytes.length - 4))).toThrow(/wrong length/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => decodePoseArrays(bad)).toThrow(/bad magic/);
  });

  it('counts frames with a pose and their mean visibility', () => {
    const K = 2;
    const present = Uint8Array.from([1, 0, 1]);
    const image = new Float32Array(3 * K * 4);
    [0.5, 1, 0, 0, 1, 1].forEach((v, i) => (image[i * 4 + 3] = v));
    expect(poseQuality({ present, image, keypointCount: K })).toEqual({
      framesWithPose: 2,
      meanVisibility: 0.875,
    });
  });
});
