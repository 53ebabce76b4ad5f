import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { POSE_GPU_BRIDGE_KEY } from '../../../shared/contract/transport';
import type { PoseBackend } from '../../../shared/domain/pose';
import {
  BLAZEPOSE_DETECTOR_FILE,
  BLAZEPOSE_LANDMARK_FILES,
  MOVENET_MULTIPOSE_FILE,
} from '../../../models/pose/constants';
import { createMultiPoseDetector } from '../../../models/pose/movenet/multiPoseDetector';
import { createPoseExtractor } from '../../../models/pose/index';
import type { FromWorker, ToWorker } from '../../../models/pose/protocol';
import { createPoseServer } from '../../../models/pose/server';
import { memoryModelSource } from '../../../models/pose/weights/modelArtifacts';

/**
 * The hidden window that runs pose models on the GPU (WebGPU, else WebGL) for the desktop app: the same
 * message loop as a Node worker, the weights handed over as bytes by the main process (read and checked
 * there), crops in and poses out through the preload's one object.
 */
interface PoseGpuBridge {
  post(msg: FromWorker | { type: 'hello'; webgpu: boolean; webgl: boolean }): void;
  onMessage(listener: (msg: ToWorker) => void): void;
}

const bridge = (window as unknown as Record<string, unknown>)[POSE_GPU_BRIDGE_KEY] as
  PoseGpuBridge | undefined;

async function hasWebGpu(): Promise<boolean> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

function hasWebGl2(): boolean {
  return document.createElement('canvas').getContext('webgl2') !== null;
}

async function startBackend(backend: PoseBackend): Promise<void> {
  if (backend !== 'webgpu' && backend !== 'webgl')
    throw new Error(`The GPU window runs webgpu or webgl, not ${backend}.`);
  if (!(await tf.setBackend(backend))) throw new Error(`The ${backend} backend could not start on this GPU.`);
  await tf.ready();
}

function files(weights: Record<string, Uint8Array> | undefined): Map<string, Uint8Array> {
  if (!weights) throw new Error('The GPU window was given no weights.');
  return new Map(Object.entries(weights));
}

if (bridge) {
  const onMessage = createPoseServer({
    async createExtractor(msg) {
      await startBackend(msg.backend);
      const w = files(msg.weights);
      return createPoseExtractor({
        model: msg.model,
        backend: msg.backend,
        detector: memoryModelSource(w, BLAZEPOSE_DETECTOR_FILE),
        landmark: memoryModelSource(w, BLAZEPOSE_LANDMARK_FILES[msg.model]),
        minPoseScore: msg.minPoseScore,
      });
    },
    async createDetector(msg) {
      await startBackend(msg.backend);
      return createMultiPoseDetector(memoryModelSource(files(msg.weights), MOVENET_MULTIPOSE_FILE));
    },
    send: (msg) => bridge.post(msg),
    numTensors: () => tf.memory().numTensors,
    close: () => undefined,
  });
  bridge.onMessage(onMessage);
  void Promise.all([hasWebGpu(), Promise.resolve(hasWebGl2())]).then(([webgpu, webgl]) =>
    bridge.post({ type: 'hello', webgpu, webgl }),
  );
}
