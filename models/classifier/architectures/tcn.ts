import type { SeededRandom } from '../../../shared/classifier/seededRandom';
import { applyLinear, dropout, linear, temporalConv } from '../tf/layers';
import { tf } from '../tf/tfjs';
import type { ClassifierConfig, InputShape } from '../types';
import type { Network } from './network';

/**
 * A temporal CNN: every frame's joints flattened and embedded by one dense layer, two residual temporal
 * convolutions (dilation 1, then 2: a receptive field of 1 + 3·(k − 1) frames), mean and max over time, and
 * a dense layer to the classes.
 */
export function createTcn(
  config: Pick<ClassifierConfig, 'tcnChannels' | 'tcnKernel' | 'dropout'>,
  shape: InputShape,
  classes: number,
  prng: SeededRandom,
): Network {
  const h = config.tcnChannels;
  const k = config.tcnKernel;
  const embed = linear(prng, 'tcn/embed', shape.joints * shape.channels, h, 'he');
  const conv1 = linear(prng, 'tcn/conv1', k * h, h, 'he');
  const conv2 = linear(prng, 'tcn/conv2', k * h, h, 'he');
  const out = linear(prng, 'tcn/out', 2 * h, classes, 'glorot');
  const layers = [embed, conv1, conv2, out];
  return {
    variables: layers.flatMap((l) => [l.w, l.b]),
    names: layers.flatMap((l) => [l.names.w, l.names.b]),
    weightMatrices: layers.map((l) => l.w),
    apply(x, drop) {
      const [n, t] = x.shape;
      const flat = tf.reshape(x, [n * t, shape.joints * shape.channels]) as tf.Tensor2D;
      let y = tf.reshape(tf.relu(applyLinear(flat, embed)), [n, t, h]) as tf.Tensor3D;
      y = tf.add(y, tf.relu(temporalConv(y, conv1, k, 1)));
      y = tf.add(y, tf.relu(temporalConv(y, conv2, k, 2)));
      const pooled = tf.concat([tf.mean(y, 1), tf.max(y, 1)], 1) as tf.Tensor2D;
      return applyLinear(dropout(pooled, config.dropout, drop), out);
    },
    dispose() {
      for (const l of layers) {
        l.w.dispose();
        l.b.dispose();
      }
    },
  };
}
