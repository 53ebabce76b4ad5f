import * as tf from '@tensorflow/tfjs-core';
import type {
  KernelConfig,
  KernelFunc,
  TensorInfo,
  TransformAttrs,
  TransformInputs,
} from '@tensorflow/tfjs-core';

/** What of the wasm backend this kernel uses: its heap, as typed arrays over a tensor's bytes. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type Fill = 'constant' | 'nearest';

/**
 * tfjs's `Transform` (a projective warp, `tf.image.transform`) for the wasm backend, in JavaScript. BlazePose
 * cuts every frame's region of interest with it (256×256 for the landmark model, 224×224 for the detector),
 * and the wasm build's own kernel takes about 3 ms for that here, whatever the input size: 12 % of a lite
 * frame. This one works per output pixel, with the arithmetic of tfjs's reference (CPU) kernel, in about 1 ms
 * (1.6 ms through tfjs for a 239×480 crop). Poses agree to a thousandth of a pixel on a detector frame; over a
 * tracked clip the difference grows (each frame's region comes from the last frame's landmarks) to a few
 * pixels, with the same bone lengths and visibilities.
 *
 * Only the fill modes BlazePose uses ('constant' for a zero border, 'nearest' to replicate the edge) are
 * done here; 'reflect' and 'wrap' go to the kernel this one replaced.
 */
export function warpImage(
  src: ArrayLike<number>,
  srcShape: readonly [number, number, number, number],
  matrices: ArrayLike<number>,
  out: Float32Array | Int32Array | Uint8Array,
  outHeight: number,
  outWidth: number,
  interpolation: 'bilinear' | 'nearest',
  fillMode: Fill,
  fillValue: number,
): void {
  const [batch, height, width, channels] = srcShape;
  const rowStride = width * channels;
  const batchStride = height * rowStride;
  const outBatchStride = outHeight * outWidth * channels;
  const perBatch = matrices.length >= batch * 8 && batch > 1;
  const clampX = (v: number) => (v < 0 ? 0 : v > width - 1 ? width - 1 : v);
  const clampY = (v: number) => (v < 0 ? 0 : v > height - 1 ? height - 1 : v);
  /** One source value, or the fill value outside the image (as the reference reads it). */
  const read = (base: number, y: number, x: number, c: number) =>
    y >= 0 && y < height && x >= 0 && x < width
      ? (src[base + y * rowStride + x * channels + c] as number)
      : fillValue;
  out.fill(fillValue);
  for (let b = 0; b < batch; b++) {
    const m = perBatch ? b * 8 : 0;
    const a0 = matrices[m] as number;
    const a1 = matrices[m + 1] as number;
    const a2 = matrices[m + 2] as number;
    const b0 = matrices[m + 3] as number;
    const b1 = matrices[m + 4] as number;
    const b2 = matrices[m + 5] as number;
    const c0 = matrices[m + 6] as number;
    const c1 = matrices[m + 7] as number;
    const affine = c0 === 0 && c1 === 0;
    const base = b * batchStride;
    let o = b * outBatchStride;
    for (let outY = 0; outY < outHeight; outY++) {
      for (let outX = 0; outX < outWidth; outX++, o += channels) {
        const projection = c0 * outX + c1 * outY + 1;
        // An infinite source position lies outside the image: the fill value stays.
        if (projection === 0) continue;
        // An affine warp (BlazePose's) divides by exactly 1: skipped, the same numbers without two divisions.
        let x = affine ? a0 * outX + a1 * outY + a2 : (a0 * outX + a1 * outY + a2) / projection;
        let y = affine ? b0 * outX + b1 * outY + b2 : (b0 * outX + b1 * outY + b2) / projection;
        if (fillMode === 'nearest') {
          x = clampX(x);
          y = clampY(y);
        }
        if (interpolation === 'nearest') {
          const ry = Math.round(y);
          const rx = Math.round(x);
          for (let c = 0; c < channels; c++) out[o + c] = read(base, ry, rx, c);
          continue;
        }
        const y0 = Math.floor(y);
        const x0 = Math.floor(x);
        const y1 = y0 + 1;
        const x1 = x0 + 1;
        const wx0 = x1 - x;
        const wx1 = x - x0;
        const wy0 = y1 - y;
        const wy1 = y - y0;
        if (y0 >= 0 && y1 < height && x0 >= 0 && x1 < width) {
          // All four neighbours inside: read them directly.
          const p00 = base + y0 * rowStride + x0 * channels;
          const p10 = p00 + rowStride;
          for (let c = 0; c < channels; c++) {
            const top = wx0 * (src[p00 + c] as number) + wx1 * (src[p00 + channels + c] as number);
            const bottom = wx0 * (src[p10 + c] as number) + wx1 * (src[p10 + channels + c] as number);
            out[o + c] = wy0 * top + wy1 * bottom;
          }
          continue;
        }
        // Far outside (every neighbour reads the fill value) the fill value stays.
        if (y1 < 0 || y0 >= height || x1 < 0 || x0 >= width) continue;
        for (let c = 0; c < channels; c++) {
          const top = wx0 * read(base, y0, x0, c) + wx1 * read(base, y0, x1, c);
          const bottom = wx0 * read(base, y1, x0, c) + wx1 * read(base, y1, x1, c);
          out[o + c] = wy0 * top + wy1 * bottom;
        }
      }
    }
  }
}

/** The kernel config registered over the wasm backend's own `Transform`, which it falls back to. */
function transformKernel(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: { inputs: TransformInputs; attrs: TransformAttrs; backend: unknown }) => {
    const { image, transforms } = args.inputs as { image: TensorInfo; transforms: TensorInfo };
    const { interpolation, fillMode, fillValue, outputShape } = args.attrs;
    if ((fillMode !== 'constant' && fillMode !== 'nearest') || image.shape.length !== 4) {
      return original.kernelFunc(args as unknown as Parameters<KernelFunc>[0]);
    }
    const backend = args.backend as HeapBackend;
    const [batch, height, width, channels] = image.shape as [number, number, number, number];
    const [outHeight, outWidth] = outputShape ?? [height, width];
    const out = backend.makeOutput([batch, outHeight, outWidth, channels], image.dtype);
    // Views of the heap taken after the output was allocated (an allocation can move the heap).
    warpImage(
      backend.typedArrayFromHeap(image),
      [batch, height, width, channels],
      backend.typedArrayFromHeap(transforms),
      backend.typedArrayFromHeap(out),
      outHeight,
      outWidth,
      interpolation,
      fillMode,
      fillValue,
    );
    return out;
  };
  return { ...original, kernelFunc: kernelFunc as unknown as KernelFunc };
}

const REPLACED = Symbol.for('amelia.wasmTransform');

/**
 * Puts the JavaScript `Transform` in place of the wasm backend's own, once per thread; call it after the
 * wasm backend is registered (its own kernel is kept and still takes the fill modes not done here).
 */
export function useFastWasmTransform(): void {
  const original = tf.getKernel('Transform', 'wasm');
  if (!original || (original as unknown as Record<symbol, boolean>)[REPLACED]) return;
  const replacement = transformKernel(original);
  (replacement as unknown as Record<symbol, boolean>)[REPLACED] = true;
  tf.unregisterKernel('Transform', 'wasm');
  tf.registerKernel(replacement);
}

/** Whether this thread's wasm backend runs the JavaScript `Transform`. */
export function usesFastWasmTransform(): boolean {
  const kernel = tf.getKernel('Transform', 'wasm');
  return kernel !== undefined && (kernel as unknown as Record<symbol, boolean>)[REPLACED] === true;
}
