import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmDistDir } from '../../../../models/pose/backends/probe';
import { prepareNodeBackend } from '../../../../models/pose/backends/setup';
import {
  usesFastWasmTransform,
  useFastWasmTransform,
  warpImage,
} from '../../../../models/pose/backends/wasmTransform';

/** A deterministic pseudo-random stream (the same images and warps on every run). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Case {
  name: string;
  shape: [number, number, number, number];
  /** One warp for all images ([1, 8]) or one per image ([batch, 8]). */
  matrices: number[][];
  out: [number, number];
  interpolation: 'bilinear' | 'nearest';
  fillMode: 'constant' | 'nearest' | 'reflect';
  fillValue: number;
}

/** A region of a `w`×`h` image, turned and scaled into an `outW`×`outH` output, as BlazePose cuts one. */
function roiWarp(random: () => number, w: number, h: number, outW: number, outH: number): number[] {
  const angle = (random() - 0.5) * 1.2;
  const scale = (0.4 + random() * 1.4) * Math.max(w / outW, h / outH);
  const cx = w * (random() * 1.4 - 0.2);
  const cy = h * (random() * 1.4 - 0.2);
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  // Output (x, y) → input: rotate and scale about the output's centre, then move to (cx, cy).
  return [
    cos,
    -sin,
    cx - cos * (outW / 2) + sin * (outH / 2),
    sin,
    cos,
    cy - sin * (outW / 2) - cos * (outH / 2),
    0,
    0,
  ];
}

function cases(): Case[] {
  const random = stream(7);
  const list: Case[] = [];
  const shapes: [number, number, number, number][] = [
    [1, 480, 239, 3],
    [1, 37, 53, 3],
    [1, 20, 30, 1],
  ];
  for (const shape of shapes) {
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      for (const [fillMode, fillValue] of [
        ['constant', 0],
        ['constant', 7.5],
        ['nearest', 0],
        ['reflect', 0],
      ] as const) {
        for (let k = 0; k < 3; k++) {
          list.push({
            name: `${shape.join('×')} ${interpolation} ${fillMode}(${fillValue}) #${k}`,
            shape,
            matrices: [roiWarp(random, shape[2], shape[1], 64, 48)],
            out: [48, 64],
            interpolation,
            fillMode,
            fillValue,
          });
        }
      }
    }
  }
  // A perspective warp (a projective row), and two images with a warp each.
  list.push({
    name: 'perspective',
    shape: [1, 60, 80, 3],
    matrices: [[1.1, 0.2, -5, 0.1, 0.9, 3, 0.002, -0.001]],
    out: [50, 70],
    interpolation: 'bilinear',
    fillMode: 'constant',
    fillValue: 0,
  });
  list.push({
    name: 'two images, a warp each',
    shape: [2, 40, 30, 3],
    matrices: [roiWarp(random, 30, 40, 32, 32), roiWarp(random, 30, 40, 32, 32)],
    out: [32, 32],
    interpolation: 'bilinear',
    fillMode: 'constant',
    fillValue: 0,
  });
  return list;
}

function image(shape: [number, number, number, number], seed: number): Float32Array {
  const random = stream(seed);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(random() * 256);
  return data;
}

function run(c: Case, seed: number): Float32Array {
  return tf.tidy(() =>
    tf.image
      .transform(
        tf.tensor4d(image(c.shape, seed), c.shape),
        tf.tensor2d(c.matrices),
        c.interpolation,
        c.fillMode,
        c.fillValue,
        c.out,
      )
      .dataSync(),
  ) as Float32Array;
}

/** The largest difference, and how many values differ by more than `by`. */
function compare(a: Float32Array, b: Float32Array, by: number): { max: number; over: number } {
  expect(a.length).toBe(b.length);
  let max = 0;
  let over = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    max = Math.max(max, d);
    if (d > by) over++;
  }
  return { max, over };
}

describe('the wasm backend’s projective warp (tf.image.transform)', () => {
  const all = cases();
  const before = new Map<string, Float32Array>();

  beforeAll(async () => {
    // The wasm build's own kernel first, then the one put in its place.
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmDistDir() as string);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(usesFastWasmTransform()).toBe(false);
    all.forEach((c, i) => before.set(c.name, run(c, i + 1)));
    useFastWasmTransform();
  });

  it('is replaced once the backend is prepared, and only once', async () => {
    expect(usesFastWasmTransform()).toBe(true);
    const kernel = tf.getKernel('Transform', 'wasm');
    await prepareNodeBackend('wasm');
    useFastWasmTransform();
    expect(tf.getKernel('Transform', 'wasm')).toBe(kernel);
  });

  it('gives what the wasm build’s own kernel gives, to float rounding, for every warp and border', () => {
    let warpedInside = 0;
    all.forEach((c, i) => {
      const after = run(c, i + 1);
      const was = before.get(c.name) as Float32Array;
      // Values are 0–255. The wasm build works out source positions in float32, this kernel in float64: up to
      // about 2⁻²⁴ × 480 px apart, a hundredth of a level where neighbours differ by 255. Sampling the nearest
      // pixel, a position that far from a half-pixel can round the other way (a handful of values at most).
      const { max, over } = compare(after, was, 0.05);
      if (c.interpolation === 'bilinear') expect(max, c.name).toBeLessThan(0.05);
      else expect(over, c.name).toBeLessThanOrEqual(Math.ceil(after.length / 1000));
      if (after.some((v) => v !== c.fillValue)) warpedInside++;
    });
    // The cases really sample the images (not only the border).
    expect(warpedInside).toBeGreaterThan(all.length * 0.9);
  });

  it('samples bilinearly between the four neighbours, and fills outside', () => {
    // A 2×2 image sampled at its centre, at a corner and outside, through the exported loop itself.
    const src = new Float32Array([0, 10, 20, 30]);
    const out = new Float32Array(3);
    // Output pixel x reads input (0.5 + x·0.5 − …): x=0 → (0.5, 0.5), x=1 → (1, 1), x=2 → (1.5, 1.5).
    warpImage(src, [1, 2, 2, 1], [0.5, 0, 0.5, 0.5, 0, 0.5, 0, 0], out, 1, 3, 'bilinear', 'constant', -1);
    expect(Array.from(out)).toEqual([15, 30, 0.25 * 30 + 0.75 * -1]);
    warpImage(src, [1, 2, 2, 1], [0.5, 0, 0.5, 0.5, 0, 0.5, 0, 0], out, 1, 3, 'bilinear', 'nearest', -1);
    expect(Array.from(out)).toEqual([15, 30, 30]);
  });

  it('leaks no tensors', () => {
    const c = all[0] as Case;
    run(c, 1);
    const n = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) run(c, 1);
    expect(tf.memory().numTensors).toBe(n);
  });
});
