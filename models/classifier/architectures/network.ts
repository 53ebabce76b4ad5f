import type { SeededRandom } from '../../../shared/classifier/seededRandom';
import type { tf } from '../tf/tfjs';

/** A network's parameters and its forward pass. */
export interface Network {
  /** Every trainable variable, in a fixed order. */
  readonly variables: tf.Variable[];
  /** The name each variable's weights are saved under (same order). */
  readonly names: string[];
  /** The weight matrices (not the biases): what weight decay applies to. */
  readonly weightMatrices: tf.Variable[];
  /**
   * Class scores (logits) [n, classes] of windows x [n, frames, joints, channels]. With `dropout` (a seeded
   * generator) it runs in training mode; with null, for inference.
   */
  apply(x: tf.Tensor4D, dropout: SeededRandom | null): tf.Tensor2D;
  dispose(): void;
}
