import * as tf from '@tensorflow/tfjs-core';
import type { PoseBackend } from '../../../shared/domain/pose';
import { assertNever } from '../../../shared/util/assertNever';
import { wasmDistDir } from './probe';
import { useFastWasmTransform } from './wasmTransform';

/** Loads a package by a name the bundler must not resolve (optional, maybe not installed). */
async function loadOptional(name: string): Promise<void> {
  await import(/* @vite-ignore */ name);
}

/**
 * Makes `backend` the tfjs backend of this thread (a worker has its own tfjs). wasm in Node runs on one
 * thread (its multithreaded build needs a worker script path Node cannot give it), so parallelism comes
 * from one worker per core.
 */
export async function prepareNodeBackend(backend: PoseBackend): Promise<void> {
  switch (backend) {
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const dir = wasmDistDir();
      if (!dir) throw new Error('The wasm backend is not installed (@tensorflow/tfjs-backend-wasm).');
      wasm.setWasmPaths(dir);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      break;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      break;
    case 'tfjs-node':
      await loadOptional('@tensorflow/tfjs-node');
      break;
    case 'tfjs-node-gpu':
      await loadOptional('@tensorflow/tfjs-node-gpu');
      break;
    case 'webgpu':
    case 'webgl':
      throw new Error(`The ${backend} backend runs only in the desktop app's GPU window, not in Node.`);
    default:
      assertNever(backend, 'backend');
  }
  const name = tfjsBackendName(backend);
  const okay = await tf.setBackend(name);
  if (!okay) throw new Error(`The ${backend} backend could not be started.`);
  await tf.ready();
  // BlazePose cuts each frame's region with a projective warp that the wasm build does slowly.
  if (backend === 'wasm') useFastWasmTransform();
}

/** The name tfjs registers a backend under. */
export function tfjsBackendName(backend: PoseBackend): string {
  switch (backend) {
    case 'tfjs-node':
    case 'tfjs-node-gpu':
      return 'tensorflow';
    case 'wasm':
    case 'cpu':
    case 'webgpu':
    case 'webgl':
      return backend;
    default:
      return assertNever(backend, 'backend');
  }
}
