import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node build registers no gradients (the union package @tensorflow/tfjs does, which amelia does
// not install): this bundles tfjs-core's own gradient definitions, from its ES modules, into the build
// (package.json "imports" maps the name; the bundler resolves their extensionless imports, which Node
// cannot). They register into tfjs's global registry, shared by every copy of tfjs-core in the process.
import '#tfjs-gradients';

export { tf };

/** Whether the gradients training needs are registered (they are once this module has loaded). */
export function gradientsRegistered(): boolean {
  return tf.getGradient('BatchMatMul') !== undefined && tf.getGradient('Relu') !== undefined;
}
