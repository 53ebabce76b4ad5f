import { parentPort } from 'node:worker_threads';
import { createSituationClassifier } from '../../../models/classifier/classifier';
import { inferTracks } from '../../../models/classifier/infer';
import { prepareClassifierBackend, tensorCount } from '../../../models/classifier/node';
import { trainAndEvaluate } from '../../../models/classifier/pipeline';
import type { FromClassifierWorker, ToClassifierWorker } from './protocol';

/**
 * A classifier worker thread: its own tfjs on the backend the pose extractor would choose, one task
 * (training or inference), progress as it goes. Built as its own entry (out/main/classifier-worker.js);
 * cancelling a task ends the thread.
 */
const port = parentPort;
if (!port) throw new Error('classifier-worker runs as a worker thread');

function send(msg: FromClassifierWorker, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(msg, transfer);
}

async function handle(msg: ToClassifierWorker): Promise<void> {
  const choice = await prepareClassifierBackend(msg.backend);
  send({ type: 'backend', backend: choice.backend, reason: choice.reason });
  switch (msg.type) {
    case 'train': {
      let lastBatch = 0;
      const result = await trainAndEvaluate(
        { classes: msg.classes, tracks: msg.tracks, splits: msg.splits },
        msg.config,
        msg.evaluation,
        {
          onEpoch: (report) => send({ type: 'epoch', report }),
          onBatch: (done, total) => {
            const now = Date.now();
            if (now - lastBatch < 250 && done < total) return;
            lastBatch = now;
            send({ type: 'batch', done, total });
          },
        },
      );
      send({ type: 'trained', result, tensorsLeft: tensorCount() }, [result.weights]);
      return;
    }
    case 'infer': {
      const classifier = createSituationClassifier({
        classes: msg.model.classes,
        artifacts: { model: msg.model, weights: msg.weights },
      });
      try {
        const result = await inferTracks(classifier, msg.tracks, msg.rules);
        classifier.dispose();
        send({ type: 'inferred', result, tensorsLeft: tensorCount() });
      } catch (err) {
        classifier.dispose();
        throw err;
      }
      return;
    }
  }
}

port.once('message', (msg: ToClassifierWorker) => {
  handle(msg).catch((err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
});
