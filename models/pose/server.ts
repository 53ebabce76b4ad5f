import type { FromWorker, ToWorker } from './protocol';
import type { PersonDetector, PoseExtractor } from './types';

export interface PoseServerHost {
  /** Makes the models for an init message (backend made ready, weights loaded). */
  createExtractor(msg: Extract<ToWorker, { type: 'init'; task: 'blazepose' }>): Promise<PoseExtractor>;
  createDetector(msg: Extract<ToWorker, { type: 'init'; task: 'movenet' }>): Promise<PersonDetector>;
  send(msg: FromWorker, transfer: ArrayBuffer[]): void;
  /** Tensors alive in this thread (reported after close, to prove nothing leaked). */
  numTensors(): number;
  close(): void;
}

/**
 * The message loop of a pose runner (a Node worker thread, or the Electron GPU window): messages are
 * handled one at a time, in order, each answered with its id.
 */
export function createPoseServer(host: PoseServerHost): (msg: ToWorker) => void {
  let extractor: PoseExtractor | null = null;
  let detector: PersonDetector | null = null;
  const queue: ToWorker[] = [];
  let busy = false;

  async function handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init':
        if (msg.task === 'blazepose') {
          extractor = await host.createExtractor(msg);
          await extractor.warmUp();
        } else {
          detector = await host.createDetector(msg);
          await detector.detect({ data: new Uint8Array(64 * 64 * 3), width: 64, height: 64 });
        }
        host.send({ type: 'ready', backend: msg.backend }, []);
        return;
      case 'crop': {
        if (!extractor) throw new Error('crop before init');
        if (msg.first) extractor.reset(msg.track);
        const t0 = performance.now();
        const r = await extractor.estimate(
          { data: msg.data, width: msg.width, height: msg.height },
          msg.rect,
          msg.timestampMs,
          msg.track,
        );
        host.send(
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
        host.send({ type: 'people', id: msg.id, people, ms: performance.now() - t0 }, []);
        return;
      }
      case 'close':
        extractor?.dispose();
        detector?.dispose();
        extractor = null;
        detector = null;
        host.send({ type: 'memory', numTensors: host.numTensors() }, []);
        host.close();
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
          host.send(
            {
              type: 'error',
              id: msg.type === 'crop' || msg.type === 'frame' ? msg.id : null,
              message: err instanceof Error ? err.message : String(err),
            },
            [],
          );
        }
      }
    } finally {
      busy = false;
    }
  }

  return (msg) => {
    queue.push(msg);
    void pump();
  };
}
