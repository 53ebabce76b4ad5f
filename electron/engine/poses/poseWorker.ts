import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { createNodePersonDetector, createNodePoseExtractor } from '../../../models/pose/node';
import type { PersonDetector, PoseExtractor } from '../../../models/pose/types';
import type { FromWorker, ToWorker } from './protocol';

/**
 * A pose worker thread: its own tfjs and backend, one model, messages handled one at a time in order.
 * Built as its own entry (out/main/pose-worker.js).
 */
const port = parentPort;
if (!port) throw new Error('pose-worker runs as a worker thread');

let extractor: PoseExtractor | null = null;
let detector: PersonDetector | null = null;
const queue: ToWorker[] = [];
let busy = false;

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(msg, transfer);
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init':
      if (msg.task === 'blazepose') {
        extractor = await createNodePoseExtractor({
          model: msg.model,
          backend: msg.backend,
          dir: msg.weightsDir,
          minPoseScore: msg.minPoseScore,
        });
      } else {
        detector = await createNodePersonDetector({ backend: msg.backend, dir: msg.weightsDir });
      }
      send({ type: 'ready', backend: msg.backend });
      return;
    case 'crop': {
      if (!extractor) throw new Error('crop before init');
      if (msg.first) extractor.reset();
      const t0 = performance.now();
      const r = await extractor.estimate(
        { data: msg.data, width: msg.width, height: msg.height },
        msg.rect,
        msg.timestampMs,
      );
      send(
        {
          type: 'pose',
          id: msg.id,
          present: r.present,
          score: r.score,
          image: r.image,
          world: r.world,
          ms: performance.now() - t0,
        },
        [r.image.buffer as ArrayBuffer, r.world.buffer as ArrayBuffer],
      );
      return;
    }
    case 'frame': {
      if (!detector) throw new Error('frame before init');
      const t0 = performance.now();
      const people = await detector.detect({ data: msg.data, width: msg.width, height: msg.height });
      send({ type: 'people', id: msg.id, people, ms: performance.now() - t0 });
      return;
    }
    case 'close':
      extractor?.dispose();
      detector?.dispose();
      send({ type: 'memory', numTensors: tf.memory().numTensors });
      extractor = null;
      detector = null;
      port?.close();
      return;
  }
}

async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    while (queue.length > 0) {
      const msg = queue.shift() as ToWorker;
      try {
        await handle(msg);
      } catch (err) {
        send({
          type: 'error',
          id: msg.type === 'crop' || msg.type === 'frame' ? msg.id : null,
          message: err instanceof Error ? err.message : String(err),
        });
      }
    }
  } finally {
    busy = false;
  }
}

port.on('message', (msg: ToWorker) => {
  queue.push(msg);
  void pump();
});
