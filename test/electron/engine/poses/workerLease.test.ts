import { describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import { createWorkerLease, runBounded } from '../../../../electron/engine/poses/workerLease';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('a lease of a pool’s workers', () => {
  it('hands out the lowest free worker, and freed workers to those waiting, in the order they asked', async () => {
    const lease = createWorkerLease(2);
    expect(await lease.acquire()).toBe(0);
    expect(await lease.acquire()).toBe(1);
    const got: string[] = [];
    const a = lease.acquire().then((w) => got.push(`a:${w}`));
    const b = lease.acquire().then((w) => got.push(`b:${w}`));
    await tick();
    expect(got).toEqual([]);
    lease.release(1);
    await a;
    expect(got).toEqual(['a:1']);
    lease.release(0);
    await b;
    expect(got).toEqual(['a:1', 'b:0']);
    lease.release(0);
    lease.release(1);
    expect(await lease.acquire()).toBe(0);
  });

  it('refuses to free a worker it did not hand out', () => {
    const lease = createWorkerLease(2);
    expect(() => lease.release(0)).toThrow(/not leased/);
    expect(() => lease.release(5)).toThrow(/not leased/);
    expect(() => createWorkerLease(0)).toThrow(RangeError);
  });

  it('drops a waiter whose signal aborts: it is rejected as cancelled and the worker goes to the next', async () => {
    const lease = createWorkerLease(1);
    await lease.acquire();
    const stop = new AbortController();
    const cancelled = lease.acquire(stop.signal);
    const next = lease.acquire();
    stop.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    lease.release(0);
    expect(await next).toBe(0);
    await expect(lease.acquire(stop.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('running a batch a few at a time', () => {
  it('runs at most `limit` at once, every item once, in order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (n * 7) % 5));
      running--;
    });
    expect(most).toBe(3);
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops the others at the first failure, and throws it once every started item has ended', async () => {
    const ended: number[] = [];
    const promise = runBounded([1, 2, 3, 4], 2, async (n, signal) => {
      if (n === 1) {
        await tick();
        throw new Error('video 1 is broken');
      }
      // The others run until told to stop.
      await new Promise<void>((_resolve, reject) => {
        const stop = () =>
          setTimeout(() => {
            ended.push(n);
            reject(new AmeliaError('cancelled', 'cancelled'));
          }, 5);
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
      });
    });
    await expect(promise).rejects.toThrow('video 1 is broken');
    // Item 2 had started and ended before the failure was thrown; 3 and 4 never started.
    expect(ended).toEqual([2]);
  });

  it('ends as cancelled when the outer signal aborts', async () => {
    const outer = new AbortController();
    const promise = runBounded(
      [1, 2, 3],
      1,
      (_n, signal) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new AmeliaError('cancelled', 'cancelled')));
        }),
      outer.signal,
    );
    outer.abort();
    await expect(promise).rejects.toMatchObject({ code: 'cancelled' });
  });
});
