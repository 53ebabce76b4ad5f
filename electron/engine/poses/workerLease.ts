import { AmeliaError } from '../../../shared/contract/envelope';

/**
 * A pool's workers handed out one window at a time: a window holds its worker from the first crop it
 * decodes to the last it sends, and windows waiting for a worker get the next one freed, in the order they
 * asked. Extractions of several videos share one lease, so that a worker freed by one video's window takes
 * the next video's instead of waiting for the slowest window of its own video.
 */
export interface WorkerLease {
  /** The lowest-numbered free worker, once there is one; rejects (cancelled) if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<number>;
  release(worker: number): void;
}

export function createWorkerLease(size: number): WorkerLease {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`a lease needs at least one worker, not ${size}`);
  const free = new Set<number>(Array.from({ length: size }, (_, i) => i));
  const waiting: ((worker: number) => void)[] = [];
  const take = (): number => {
    const worker = Math.min(...free);
    free.delete(worker);
    return worker;
  };
  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(new AmeliaError('cancelled', 'cancelled'));
      if (free.size > 0 && waiting.length === 0) return Promise.resolve(take());
      return new Promise<number>((resolve, reject) => {
        const onAbort = () => {
          const i = waiting.indexOf(grant);
          if (i >= 0) waiting.splice(i, 1);
          reject(new AmeliaError('cancelled', 'cancelled'));
        };
        const grant = (worker: number) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(worker);
        };
        waiting.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    release(worker) {
      if (!Number.isInteger(worker) || worker < 0 || worker >= size || free.has(worker)) {
        throw new RangeError(`worker ${worker} is not leased`);
      }
      const next = waiting.shift();
      if (next) next(worker);
      else free.add(worker);
    },
  };
}

/**
 * Runs `fn` over `items`, at most `limit` at once, in order. The first failure aborts the signal the others
 * were given, and is thrown once every started call has ended (none left running behind the caller); a
 * cancel from `outer` ends them the same way.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, signal: AbortSignal) => Promise<void>,
  outer?: AbortSignal,
): Promise<void> {
  const stop = new AbortController();
  const onCancel = () => stop.abort();
  outer?.addEventListener('abort', onCancel, { once: true });
  let failure: unknown = null;
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop.signal.aborted) {
      const item = items[next++] as T;
      try {
        await fn(item, stop.signal);
      } catch (err) {
        // A call that ends because another failed (or a cancel) is not the failure.
        if (failure === null && !(stop.signal.aborted && isCancel(err))) failure = err;
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  } finally {
    outer?.removeEventListener('abort', onCancel);
  }
  if (failure !== null) throw failure;
  if (outer?.aborted) throw new AmeliaError('cancelled', 'cancelled');
}

function isCancel(err: unknown): boolean {
  return err instanceof AmeliaError && err.code === 'cancelled';
}
