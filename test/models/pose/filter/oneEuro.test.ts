import { describe, expect, it } from 'vitest';
import { OneEuroFilter, filterKeypointSeries } from '../../../../models/pose/filter/oneEuro';

/** A reproducible noise in [-1, 1]. */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function rms(xs: number[]): number {
  return Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
}

describe('OneEuroFilter', () => {
  const params = { minCutoffHz: 1, beta: 0.01, derivateCutoffHz: 1 };

  it('smooths jitter on a still point', () => {
    const f = new OneEuroFilter(params);
    const errs: number[] = [];
    for (let i = 0; i < 300; i++) errs.push(f.apply(100 + 3 * noise(i), i / 30) - 100);
    expect(rms(errs.slice(30))).toBeLessThan(
      0.5 * rms(Array.from({ length: 270 }, (_, i) => 3 * noise(i + 30))),
    );
  });

  it('follows a fast movement with little lag (the cutoff rises with speed)', () => {
    const slow = new OneEuroFilter({ ...params, beta: 0 });
    const fast = new OneEuroFilter({ ...params, beta: 0.05 });
    let lagSlow = 0;
    let lagFast = 0;
    for (let i = 0; i < 60; i++) {
      const v = i * 20; // 600 px/s
      lagSlow = v - slow.apply(v, i / 30);
      lagFast = v - fast.apply(v, i / 30);
    }
    expect(lagFast).toBeLessThan(lagSlow / 3);
  });

  it('passes the first value and repeated times through unchanged', () => {
    const f = new OneEuroFilter(params);
    expect(f.apply(5, 0)).toBe(5);
    expect(f.apply(9, 0)).toBe(9);
  });
});

describe('filterKeypointSeries', () => {
  it('filters x, y, z of present frames, keeps the input (raw) and the visibility as they were', () => {
    const T = 90;
    const K = 2;
    const values = new Float32Array(T * K * 4);
    const present = new Uint8Array(T).fill(1);
    present[45] = 0;
    for (let t = 0; t < T; t++)
      for (let k = 0; k < K; k++) {
        values.set([50 + 2 * noise(t * 7 + k), 60 + 2 * noise(t * 13 + k), noise(t), 0.7], (t * K + k) * 4);
      }
    const raw = new Float32Array(values);
    const times = Array.from({ length: T }, (_, t) => t / 30);
    const out = filterKeypointSeries(values, present, times, K, 4, 3, {
      minCutoffHz: 1,
      beta: 0,
      derivateCutoffHz: 1,
    });
    expect(values).toEqual(raw);
    expect(out).not.toBe(values);
    for (let t = 0; t < T; t++) expect(out[t * K * 4 + 3]).toBeCloseTo(0.7, 5);
    // The frame without a pose is untouched, and the one after it restarts the filter (passes through).
    expect(out[45 * K * 4]).toBe(raw[45 * K * 4]);
    expect(out[46 * K * 4]).toBe(raw[46 * K * 4]);
    const err = (a: Float32Array) =>
      rms(Array.from({ length: 40 }, (_, i) => (a[(i + 2) * K * 4] as number) - 50));
    expect(err(out)).toBeLessThan(err(raw));
  });
});
