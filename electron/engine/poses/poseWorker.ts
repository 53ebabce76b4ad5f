import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { createNodePersonDetector, createNodePoseExtractor } from '../../../models/pose/node';
import type { ToWorker } from '../../../models/pose/protocol';
import { createPoseServer } from '../../../models/pose/server';

/**
 * A pose worker thread: its own tfjs and backend, one model, messages handled one at a time in order.
 * Built as its own entry (out/main/pose-worker.js).
 */
const port = parentPort;
if (!port) throw new Error('pose-worker runs as a worker thread');

const onMessage = createPoseServer({
  createExtractor: (msg) =>
    createNodePoseExtractor({
      model: msg.model,
      backend: msg.backend,
      dir: msg.weightsDir,
      minPoseScore: msg.minPoseScore,
    }),
  createDetector: (msg) => createNodePersonDetector({ backend: msg.backend, dir: msg.weightsDir }),
  send: (msg, transfer) => port.postMessage(msg, transfer),
  numTensors: () => tf.memory().numTensors,
  close: () => port.close(),
});

port.on('message', (msg: ToWorker) => onMessage(msg));
