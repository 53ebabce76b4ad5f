import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PersonDetection } from '../../../models/pose/types';
import type { PoseBackend } from '../../../shared/domain/pose';
import type { FromWorker, ToWorker } from '../../../models/pose/protocol';

export const POSE_WORKER_FILE = 'pose-worker.js';

/**
 * The built worker entry: beside the bundle that runs (out/main, or out/main/chunks' parent), or, when the
 * engine runs from source (tests), in the build output of the checkout.
 */
export function poseWorkerPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AMELIA_POSE_WORKER) return env.AMELIA_POSE_WORKER;
  const candidates = [
    new URL(`./${POSE_WORKER_FILE}`, import.meta.url),
    new URL(`../${POSE_WORKER_FILE}`, import.meta.url),
    new URL(`../../../out/main/${POSE_WORKER_FILE}`, import.meta.url),
  ].map((u) => fileURLToPath(u).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `The pose worker (${POSE_WORKER_FILE}) is not built: run npm run build. Looked in ${candidates.join(', ')}.`,
    );
  }
  return found;
}

export interface PoseResult {
  present: boolean;
  score: number;
  image: Float32Array;
  world: Float32Array;
  ms: number;
}

export type InitMessage = Extract<ToWorker, { type: 'init' }>;
export type CropMessage = Omit<Extract<ToWorker, { type: 'crop' }>, 'type' | 'id'>;
export type FrameMessage = Omit<Extract<ToWorker, { type: 'frame' }>, 'type' | 'id'>;

interface Waiting {
  resolve: (value: FromWorker) => void;
  reject: (err: Error) => void;
}

/** One runner the pool sends work to: a worker thread, or the Electron GPU window. */
export interface RunnerEndpoint {
  post(msg: ToWorker, transfer: ArrayBuffer[]): void;
  onMessage(listener: (msg: FromWorker) => void): void;
  offMessage(listener: (msg: FromWorker) => void): void;
  /** Called once if the runner crashes or stops. */
  onFailure(listener: (err: Error) => void): void;
  /** Resolves when the runner has stopped (after a close message, or at once when killed). */
  whenStopped(): Promise<void>;
  terminate(): Promise<void>;
}

/** A worker thread as a pool endpoint. */
export function workerEndpoint(path: string): RunnerEndpoint {
  const worker = new Worker(path);
  const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    onMessage: (l) => worker.on('message', l),
    offMessage: (l) => worker.off('message', l),
    onFailure: (l) => {
      worker.once('error', (err) => l(err));
      worker.once('exit', (code) => l(new Error(`A pose worker stopped (exit ${code}).`)));
    },
    whenStopped: () => stopped,
    terminate: async () => {
      await worker.terminate();
    },
  };
}

interface Slot {
  endpoint: RunnerEndpoint;
  pending: Map<number, Waiting>;
  failed: Error | null;
  lastTensors: number | null;
}

/** What extraction needs of a set of runners (a worker pool, or the GPU window). */
export interface PoseRunner {
  readonly size: number;
  leastLoaded(): number;
  /** Resolves once at most `n` items are queued over all runners, or for runner `i` where given. */
  whenAtMost(n: number, i?: number): Promise<void>;
  pose(i: number, crop: CropMessage): Promise<PoseResult>;
  people(i: number, frame: FrameMessage): Promise<PersonDetection[]>;
  close(): Promise<(number | null)[]>;
  /** Stops at once, dropping queued work (after a cancel). */
  terminate(): Promise<void>;
}

/** Worker threads, each with its own tfjs and model; work is sent to one and answered in order. */
export class PoseWorkerPool implements PoseRunner {
  private readonly slots: Slot[];
  private nextId = 1;
  private waiters: (() => void)[] = [];
  readonly backend: PoseBackend;

  private constructor(slots: Slot[], backend: PoseBackend) {
    this.slots = slots;
    this.backend = backend;
  }

  /** Starts `size` workers and loads the model in each (in parallel). */
  static start(
    size: number,
    init: InitMessage,
    workerPath: string = poseWorkerPath(),
  ): Promise<PoseWorkerPool> {
    return PoseWorkerPool.open(
      Array.from({ length: size }, () => workerEndpoint(workerPath)),
      init,
    );
  }

  /** Sends `init` to every endpoint and waits until each has loaded its model. */
  static async open(endpoints: RunnerEndpoint[], init: InitMessage): Promise<PoseWorkerPool> {
    const slots: Slot[] = endpoints.map((endpoint) => ({
      endpoint,
      pending: new Map(),
      failed: null,
      lastTensors: null,
    }));
    const ready = slots.map(
      (slot) =>
        new Promise<void>((resolve, reject) => {
          const onMessage = (msg: FromWorker) => {
            if (msg.type === 'ready') {
              slot.endpoint.offMessage(onMessage);
              resolve();
            } else if (msg.type === 'error' && msg.id === null) {
              slot.endpoint.offMessage(onMessage);
              reject(new Error(`A pose runner could not start: ${msg.message}`));
            }
          };
          slot.endpoint.onMessage(onMessage);
          slot.endpoint.onFailure(reject);
          slot.endpoint.post(init, []);
        }),
    );
    const pool = new PoseWorkerPool(slots, init.backend);
    try {
      await Promise.all(ready);
    } catch (err) {
      await pool.terminate();
      throw err;
    }
    for (const slot of slots) pool.listen(slot);
    return pool;
  }

  private listen(slot: Slot): void {
    slot.endpoint.onMessage((msg: FromWorker) => {
      if (msg.type === 'memory') {
        slot.lastTensors = msg.numTensors;
        return;
      }
      if (msg.type === 'ready') return;
      const id = msg.id;
      if (id === null) return;
      const w = slot.pending.get(id);
      if (!w) return;
      slot.pending.delete(id);
      if (msg.type === 'error') w.reject(new Error(msg.message));
      else w.resolve(msg);
      this.wake();
    });
    slot.endpoint.onFailure((err) => {
      slot.failed ??= err;
      for (const w of slot.pending.values()) w.reject(err);
      slot.pending.clear();
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  get size(): number {
    return this.slots.length;
  }

  pendingOf(i: number): number {
    return (this.slots[i] as Slot).pending.size;
  }

  totalPending(): number {
    return this.slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /** The worker with the least work queued. */
  leastLoaded(): number {
    let best = 0;
    for (let i = 1; i < this.slots.length; i++) if (this.pendingOf(i) < this.pendingOf(best)) best = i;
    return best;
  }

  /** Resolves once at most `n` items are queued over all workers, or for worker `i` where given. */
  async whenAtMost(n: number, i?: number): Promise<void> {
    const queued = () => (i === undefined ? this.totalPending() : this.pendingOf(i));
    while (queued() > n) await new Promise<void>((r) => this.waiters.push(r));
  }

  private send(i: number, msg: ToWorker, transfer: ArrayBuffer[]): Promise<FromWorker> {
    const slot = this.slots[i] as Slot;
    if (slot.failed) return Promise.reject(slot.failed);
    return new Promise<FromWorker>((resolve, reject) => {
      slot.pending.set((msg as { id: number }).id, { resolve, reject });
      slot.endpoint.post(msg, transfer);
    });
  }

  /** Runs BlazePose on a crop in worker `i` (the crop's bytes are handed over). */
  async pose(i: number, crop: CropMessage): Promise<PoseResult> {
    const msg = await this.send(i, { type: 'crop', id: this.nextId++, ...crop }, [
      crop.data.buffer as ArrayBuffer,
    ]);
    if (msg.type !== 'pose') throw new Error(`unexpected answer ${msg.type} from a pose worker`);
    return msg;
  }

  /** Runs MoveNet on a whole frame in worker `i`. */
  async people(i: number, frame: FrameMessage): Promise<PersonDetection[]> {
    const msg = await this.send(i, { type: 'frame', id: this.nextId++, ...frame }, [
      frame.data.buffer as ArrayBuffer,
    ]);
    if (msg.type !== 'people') throw new Error(`unexpected answer ${msg.type} from a pose worker`);
    return msg.people;
  }

  /** Disposes the models and stops the runners; returns each one's tensors left after disposal. */
  async close(): Promise<(number | null)[]> {
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.failed) return;
        slot.failed = new Error('closed');
        slot.endpoint.post({ type: 'close' } satisfies ToWorker, []);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(() => void slot.endpoint.terminate().then(resolve), 10_000);
        });
        await Promise.race([slot.endpoint.whenStopped(), timeout]);
        clearTimeout(timer);
      }),
    );
    return this.slots.map((s) => s.lastTensors);
  }

  async terminate(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.endpoint.terminate()));
  }
}
