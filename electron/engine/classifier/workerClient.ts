import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { FromClassifierWorker, ToClassifierWorker } from './protocol';
import { transferablesOf } from './protocol';

export const CLASSIFIER_WORKER_FILE = 'classifier-worker.js';

/**
 * The built worker entry: beside the bundle that runs (out/main, or out/main/chunks' parent), or, when the
 * engine runs from source (tests), in the build output of the checkout.
 */
export function classifierWorkerPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AMELIA_CLASSIFIER_WORKER) return env.AMELIA_CLASSIFIER_WORKER;
  const candidates = [
    new URL(`./${CLASSIFIER_WORKER_FILE}`, import.meta.url),
    new URL(`../${CLASSIFIER_WORKER_FILE}`, import.meta.url),
    new URL(`../../../out/main/${CLASSIFIER_WORKER_FILE}`, import.meta.url),
  ].map((u) => fileURLToPath(u).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `The classifier worker (${CLASSIFIER_WORKER_FILE}) is not built: run npm run build. Looked in ${candidates.join(', ')}.`,
    );
  }
  return found;
}

type Final = Extract<FromClassifierWorker, { type: 'trained' | 'inferred' }>;

/**
 * Runs one task in a fresh worker thread, passing its progress messages on; resolves with the final one.
 * An abort of `signal` ends the thread at once (its tensors go with it) and rejects as cancelled.
 */
export function runInWorker<T extends Final['type']>(
  task: ToClassifierWorker,
  expect: T,
  onMessage: (msg: FromClassifierWorker) => void,
  signal?: AbortSignal,
  workerPath: string = classifierWorkerPath(),
): Promise<Extract<FromClassifierWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AmeliaError('cancelled', 'cancelled'));
      return;
    }
    const worker = new Worker(workerPath);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new AmeliaError('cancelled', 'cancelled')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: FromClassifierWorker) => {
      if (msg.type === 'error') finish(() => reject(new Error(msg.message)));
      else if (msg.type === expect) finish(() => resolve(msg as Extract<FromClassifierWorker, { type: T }>));
      else onMessage(msg);
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`The classifier worker stopped (exit ${code}) before it finished.`))),
    );
    worker.postMessage(task, transferablesOf(task.tracks));
  });
}
