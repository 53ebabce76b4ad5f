import type { SeededRandom } from '../../../shared/classifier/seededRandom';
import { tf } from './tfjs';

/**
 * Building blocks written on tfjs-core ops whose gradients every backend amelia runs has (the wasm backend
 * has no Conv2DBackpropFilter, so convolutions are written as shifted slices and one matrix product).
 */

/**
 * x · w for x [n, a] and w [a, b]. Its gradient multiplies by explicitly transposed matrices: the wasm
 * backend's matrix product with a transpose flag is several times slower than a transpose and a plain product.
 */
export const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sw)), tf.matMul(tf.transpose(sx), dy as tf.Tensor2D)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** A weight matrix and a bias: the parameters of a dense or convolution layer, under their saved names. */
export interface Linear {
  w: tf.Variable;
  b: tf.Variable;
  names: { w: string; b: string };
}

let instances = 0;

/** A variable from initial values (the initial tensor is freed: the variable keeps its data). */
function variableOf(values: Float32Array, shape: number[], name: string): tf.Variable {
  const init = tf.tensor(values, shape);
  // tfjs keeps variable names unique in a thread: the saved name, made unique per layer instance.
  const v = tf.variable(init, true, `${name}#${++instances}`);
  init.dispose();
  return v;
}

/** He-normal weights (ReLU layers) or Glorot-normal (the output), zero biases, from the seeded generator. */
export function linear(
  prng: SeededRandom,
  name: string,
  fanIn: number,
  fanOut: number,
  init: 'he' | 'glorot',
): Linear {
  const std = init === 'he' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = prng.normal() * std;
  return {
    w: variableOf(values, [fanIn, fanOut], `${name}/w`),
    b: variableOf(new Float32Array(fanOut), [fanOut], `${name}/b`),
    names: { w: `${name}/w`, b: `${name}/b` },
  };
}

/** x [n, a] → [n, b]. */
export function applyLinear(x: tf.Tensor2D, l: Linear): tf.Tensor2D {
  return tf.add(dense(x, l.w as tf.Tensor2D), l.b);
}

/**
 * A 1-D convolution over time, "same" padding (zeros), for x [n, T, c] and a kernel of `k` frames spaced
 * `dilation` frames apart: the k shifted copies side by side, then one product with [k·c, out].
 */
export function temporalConv(x: tf.Tensor3D, l: Linear, k: number, dilation = 1): tf.Tensor3D {
  const [n, t, c] = x.shape;
  const reach = ((k - 1) / 2) * dilation;
  const padded =
    reach > 0
      ? tf.pad(x, [
          [0, 0],
          [reach, reach],
          [0, 0],
        ])
      : x;
  const parts: tf.Tensor3D[] = [];
  for (let i = 0; i < k; i++) parts.push(tf.slice(padded, [0, i * dilation, 0], [n, t, c]));
  const cols = parts.length === 1 ? (parts[0] as tf.Tensor3D) : tf.concat(parts, 2);
  const y = applyLinear(tf.reshape(cols, [n * t, k * c]), l);
  return tf.reshape(y, [n, t, -1]);
}

/** Inverted dropout with a mask from the seeded generator (the same seed drops the same units). */
export function dropout<T extends tf.Tensor>(x: T, rate: number, prng: SeededRandom | null): T {
  if (rate <= 0 || prng === null) return x;
  const size = x.size;
  const mask = new Float32Array(size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < size; i++) mask[i] = prng.next() < rate ? 0 : keep;
  return tf.mul(x, tf.tensor(mask, x.shape)) as T;
}
