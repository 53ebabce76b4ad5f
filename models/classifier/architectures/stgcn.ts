import type { SeededRandom } from '../../../shared/classifier/seededRandom';
import { spatialPartitions } from '../graph';
import type { Linear } from '../tf/layers';
import { applyLinear, dropout, linear, temporalConv } from '../tf/layers';
import { tf } from '../tf/tfjs';
import type { ClassifierConfig, InputShape } from '../types';
import type { Network } from './network';

/** Partitions of the spatial-configuration graph: root, centripetal, centrifugal. */
const PARTITIONS = 3;

/**
 * A small spatio-temporal graph convolution network in the manner of ST-GCN (Yan et al., 2018) over the
 * skeleton of the model's joint set (graph.ts): per block, a graph convolution over the three partitions
 * of each joint's neighbours, then a temporal convolution of each joint's channels, with a residual path;
 * after the first block, frames are averaged in pairs (half the frame rate). Mean over frames and joints,
 * and a dense layer to the classes. No learnable edge weights, no batch normalisation: the inputs come
 * normalised (normalise.ts) and the network is shallow.
 */
export function createStgcn(
  config: Pick<ClassifierConfig, 'gcnChannels' | 'gcnKernel' | 'dropout'>,
  shape: InputShape,
  joints: readonly number[],
  classes: number,
  prng: SeededRandom,
): Network {
  const v = shape.joints;
  const { matrices } = spatialPartitions(joints);
  // Stacked partitions [3V, V] and their transpose: gathering from neighbours is one matrix product.
  const a = tf.tensor2d(matrices, [PARTITIONS * v, v]);
  const aT = tf.keep(tf.transpose(a));
  tf.keep(a);
  const gather = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.matMul(a, args[0] as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor) => tf.matMul(aT, dy as tf.Tensor2D),
  })) as (x: tf.Tensor2D) => tf.Tensor2D;

  interface Block {
    gcn: Linear;
    tcn: Linear;
    residual: Linear | null;
    cin: number;
    cout: number;
  }
  const blocks: Block[] = [];
  let cin = shape.channels;
  config.gcnChannels.forEach((cout, i) => {
    blocks.push({
      gcn: linear(prng, `stgcn/block${i}/gcn`, PARTITIONS * cin, cout, 'he'),
      tcn: linear(prng, `stgcn/block${i}/tcn`, config.gcnKernel * cout, cout, 'he'),
      residual: cin === cout ? null : linear(prng, `stgcn/block${i}/residual`, cin, cout, 'he'),
      cin,
      cout,
    });
    cin = cout;
  });
  const out = linear(prng, 'stgcn/out', cin, classes, 'glorot');
  const layers: Linear[] = [
    ...blocks.flatMap((b) => [b.gcn, b.tcn, ...(b.residual ? [b.residual] : [])]),
    out,
  ];

  /** Graph convolution: x [n, T, V, c] → [n, T, V, cout]. */
  const graphConv = (x: tf.Tensor4D, l: Linear, cout: number): tf.Tensor4D => {
    const [n, t, , c] = x.shape;
    const byJoint = tf.reshape(tf.transpose(tf.reshape(x, [n * t, v, c]), [1, 0, 2]), [v, n * t * c]);
    const gathered = tf.reshape(gather(byJoint as tf.Tensor2D), [PARTITIONS, v, n * t, c]);
    const perJoint = tf.reshape(tf.transpose(gathered, [2, 1, 0, 3]), [n * t * v, PARTITIONS * c]);
    return tf.reshape(applyLinear(perJoint as tf.Tensor2D, l), [n, t, v, cout]);
  };

  /** Temporal convolution of each joint: x [n, T, V, c] → [n, T, V, cout]. */
  const jointConv = (x: tf.Tensor4D, l: Linear, cout: number): tf.Tensor4D => {
    const [n, t, , c] = x.shape;
    const series = tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [n * v, t, c]) as tf.Tensor3D;
    const y = temporalConv(series, l, config.gcnKernel, 1);
    return tf.transpose(tf.reshape(y, [n, v, t, cout]), [0, 2, 1, 3]);
  };

  return {
    variables: layers.flatMap((l) => [l.w, l.b]),
    names: layers.flatMap((l) => [l.names.w, l.names.b]),
    weightMatrices: layers.map((l) => l.w),
    apply(x, drop) {
      let h: tf.Tensor4D = x;
      blocks.forEach((b, i) => {
        const [n, t] = h.shape;
        const g = tf.relu(graphConv(h, b.gcn, b.cout));
        const tc = jointConv(g, b.tcn, b.cout);
        const res = b.residual
          ? (tf.reshape(applyLinear(tf.reshape(h, [n * t * v, b.cin]) as tf.Tensor2D, b.residual), [
              n,
              t,
              v,
              b.cout,
            ]) as tf.Tensor4D)
          : h;
        h = tf.relu(tf.add(tc, res)) as tf.Tensor4D;
        if (i === 0 && blocks.length > 1 && t % 2 === 0) {
          h = tf.mean(tf.reshape(h, [n, t / 2, 2, v, b.cout]), 2) as tf.Tensor4D;
        }
      });
      const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
      return applyLinear(dropout(pooled, config.dropout, drop), out);
    },
    dispose() {
      for (const l of layers) {
        l.w.dispose();
        l.b.dispose();
      }
      a.dispose();
      aT.dispose();
    },
  };
}
