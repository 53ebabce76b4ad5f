import type { PoseBackend } from '../../shared/domain/pose';
import type { BackendChoice, BackendRequest } from '../pose/backends/choose';
import { chooseBackend, runsInWorkers } from '../pose/backends/choose';
import { probeNodeBackends } from '../pose/backends/probe';
import { prepareNodeBackend } from '../pose/backends/setup';
import { gradientsRegistered, tf } from './tf/tfjs';

/**
 * The backend a classifier trains and infers with in this Node thread: the pose extractor's choice (tfjs-node
 * with CUDA, then tfjs-node, then wasm, then plain JS; webgpu and webgl live only in the app's GPU window,
 * so `auto` here never picks them), made ready, with the gradients training needs registered.
 */
export async function prepareClassifierBackend(request: BackendRequest = 'auto'): Promise<BackendChoice> {
  const choice = chooseBackend(request, probeNodeBackends());
  if (!runsInWorkers(choice.backend)) {
    throw new Error(`The ${choice.backend} backend runs only in the desktop app's GPU window, not in Node.`);
  }
  await prepareNodeBackend(choice.backend as PoseBackend);
  if (!gradientsRegistered()) throw new Error('The tfjs gradients are not registered: training cannot run.');
  return choice;
}

/** Tensors tfjs holds now (for leak checks). */
export function tensorCount(): number {
  return tf.memory().numTensors;
}
