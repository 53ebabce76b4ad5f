import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import type { JobKind } from '../../../../shared/domain/job';
import type { JobContext, JobQueueOptions, JobRunner } from '../../../../electron/engine/jobs/jobQueue';
import { JobQueue } from '../../../../electron/engine/jobs/jobQueue';
import type { JobRecord } from '../../../../electron/engine/store/jobRows';
import { getJob, insertJob } from '../../../../electron/engine/store/jobRows';
import { openDatabase } from '../../../../electron/engine/store/openDatabase';
import { tempDir } from '../../../support/tempProject';

/** A clock the test moves by hand. */
class Clock {
  ms = Date.UTC(2026, 0, 1);
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A promise the test settles by hand. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Resolves once `cond` holds, checking every few milliseconds. */
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function deadOwner(): string {
  return `${spawnSync(process.execPath, ['-e', '0']).pid}-deadbeef`;
}

interface Harness {
  queue: JobQueue;
  changes: JobRecord[];
}

describe('JobQueue', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  let clock: Clock;
  const queues: JobQueue[] = [];
  const extraDbs: Database[] = [];

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.dir, 'project.sqlite'));
    clock = new Clock();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    for (const d of extraDbs.splice(0)) d.close();
    db.close();
    dir.remove();
  });

  function harness(runner: JobRunner, options: Partial<JobQueueOptions> = {}, onDb: Database = db): Harness {
    const changes: JobRecord[] = [];
    const runners: Record<JobKind, JobRunner> = {
      proxy: runner,
      thumbnails: runner,
      poses: runner,
      export: runner,
      train: runner,
      infer: runner,
    };
    const queue = new JobQueue(onDb, runners, {
      owner: `${process.pid}-${randomUUID().slice(0, 8)}`,
      leaseMs: 300,
      now: clock.now,
      ...options,
      onChange: (job) => changes.push(job),
    });
    queues.push(queue);
    return { queue, changes };
  }

  function add(queue: JobQueue, kind: JobKind = 'proxy', total = 4): JobRecord {
    return queue.enqueue({ id: randomUUID(), kind, videoId: null, unit: 'frames', total });
  }

  /** A job some other process had claimed, as the database holds it. */
  function claimedElsewhere(owner: string, leaseUntil: number, attempts: number): string {
    const id = randomUUID();
    insertJob(
      db,
      { id, kind: 'proxy', videoId: null, unit: 'frames', total: 10 },
      new Date(clock.ms).toISOString(),
    );
    db.prepare(
      "UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = ?, done = 4 WHERE id = ?",
    ).run(owner, leaseUntil, attempts, id);
    return id;
  }

  it('reports progress as it is made, and ends done with all of it done', async () => {
    const { queue, changes } = harness(async (_job, { progress }) => {
      progress(0, 4);
      for (let i = 1; i <= 4; i++) {
        clock.advance(300);
        progress(i);
      }
    });
    const job = add(queue);
    expect(job.state).toBe('queued');
    queue.start();
    await queue.whenIdle();

    const mine = changes.filter((c) => c.id === job.id);
    expect(mine[0]?.state).toBe('queued');
    const running = mine.filter((c) => c.state === 'running');
    expect(running.map((c) => c.done)).toEqual([0, 0, 1, 2, 3, 4]);
    // One unit every 300 ms: a rate of 3.3 a second, and an estimate of what is left.
    const last = running[running.length - 1];
    expect(last?.rate).toBeGreaterThan(2);
    expect(running[3]?.etaSec).toBeCloseTo(2 / (running[3]?.rate as number), 6);
    const end = mine[mine.length - 1];
    expect(end).toMatchObject({
      state: 'done',
      done: 4,
      total: 4,
      rate: null,
      etaSec: null,
      error: null,
      attempts: 1,
    });
    expect(end?.finishedAt).not.toBeNull();
    expect(getJob(db, job.id)?.state).toBe('done');
  });

  it('cancels a queued job without running it', async () => {
    let ran = 0;
    const { queue } = harness(async () => {
      ran++;
    });
    const job = add(queue);
    const cancelled = queue.cancel(job.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', error: 'cancelled' });
    queue.start();
    await queue.whenIdle();
    expect(ran).toBe(0);
    expect(getJob(db, job.id)?.state).toBe('cancelled');
  });

  it('cancels a running job: its runner sees the signal abort', async () => {
    const started = deferred();
    let seen: boolean | null = null;
    const { queue } = harness(async (_job, { signal }: JobContext) => {
      started.resolve();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      seen = signal.aborted;
      throw new AmeliaError('cancelled', 'cancelled');
    });
    const job = add(queue);
    queue.start();
    await started.promise;
    expect(getJob(db, job.id)?.state).toBe('running');
    queue.cancel(job.id);
    await queue.whenIdle();
    expect(seen).toBe(true);
    expect(getJob(db, job.id)).toMatchObject({ state: 'cancelled', error: 'cancelled', leaseOwner: null });
  });

  it('counts a runner that finishes despite the abort as cancelled', async () => {
    const started = deferred();
    const release = deferred();
    const { queue } = harness(async () => {
      started.resolve();
      await release.promise;
    });
    const job = add(queue);
    queue.start();
    await started.promise;
    queue.cancel(job.id);
    release.resolve();
    await queue.whenIdle();
    expect(getJob(db, job.id)?.state).toBe('cancelled');
  });

  it('fails a job whose runner throws, keeping its message', async () => {
    const { queue } = harness(async () => {
      throw new Error('ffmpeg could not make the proxy: Invalid data');
    });
    const job = add(queue);
    queue.start();
    await queue.whenIdle();
    expect(getJob(db, job.id)).toMatchObject({
      state: 'failed',
      error: 'ffmpeg could not make the proxy: Invalid data',
    });
  });

  it('runs a failed job again on retry, from the start', async () => {
    let calls = 0;
    const { queue } = harness(async (_job, { progress }) => {
      calls++;
      progress(2);
      if (calls === 1) throw new Error('first try fails');
    });
    const job = add(queue);
    queue.start();
    await queue.whenIdle();
    expect(getJob(db, job.id)?.state).toBe('failed');

    const again = queue.retry(job.id);
    expect(again).toMatchObject({ error: null, attempts: 0, done: 0, finishedAt: null });
    expect(['queued', 'running']).toContain(again.state);
    await queue.whenIdle();
    expect(calls).toBe(2);
    expect(getJob(db, job.id)).toMatchObject({ state: 'done', error: null, attempts: 1 });
  });

  it('refuses to retry or cancel a job in the wrong state, or one that does not exist', async () => {
    const { queue } = harness(async () => undefined);
    const job = add(queue);
    const conflict = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AmeliaError).code;
      }
      return null;
    };
    expect(conflict(() => queue.retry(job.id))).toBe('conflict');
    queue.start();
    await queue.whenIdle();
    expect(conflict(() => queue.cancel(job.id))).toBe('conflict');
    expect(conflict(() => queue.retry(job.id))).toBe('conflict');
    expect(conflict(() => queue.cancel('no-such-job'))).toBe('not_found');
    expect(conflict(() => queue.retry('no-such-job'))).toBe('not_found');
  });

  it('resumes after a restart the job a crashed process left running', async () => {
    const id = claimedElsewhere(deadOwner(), clock.ms - 1, 1);
    const seen: JobRecord[] = [];
    const { queue } = harness(async (job) => {
      seen.push(job);
    });
    queue.start();
    await queue.whenIdle();
    expect(seen.map((j) => j.id)).toEqual([id]);
    expect(seen[0]?.attempts).toBe(2);
    expect(getJob(db, id)).toMatchObject({ state: 'done', attempts: 2, leaseOwner: null });
  });

  it('fails a job that was interrupted as often as it may be', async () => {
    const id = claimedElsewhere(deadOwner(), clock.ms - 1, 3);
    let ran = 0;
    const { queue } = harness(
      async () => {
        ran++;
      },
      { maxAttempts: 3 },
    );
    queue.start();
    await queue.whenIdle();
    expect(ran).toBe(0);
    expect(getJob(db, id)).toMatchObject({
      state: 'failed',
      error: 'stopped 3 times before it could finish',
    });
  });

  it('does not steal a job another live process holds, until its lease runs out', async () => {
    const other = `${process.pid}-0ther0wn`;
    const id = claimedElsewhere(other, clock.ms + 60_000, 1);
    let ran = 0;
    const { queue } = harness(async () => {
      ran++;
    });
    queue.start();
    // Several heartbeats (every 100 ms at a 300 ms lease) go by.
    await new Promise((r) => setTimeout(r, 400));
    expect(ran).toBe(0);
    expect(getJob(db, id)).toMatchObject({ state: 'running', leaseOwner: other, attempts: 1 });

    // The other process stops renewing its lease (it died): the next heartbeat takes the job over.
    clock.advance(60_001);
    await queue.whenIdle();
    expect(ran).toBe(1);
    expect(getJob(db, id)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('puts running jobs back in the queue on stop, and runs them at the next start', async () => {
    const started = deferred();
    let aborted = false;
    let calls = 0;
    const runner: JobRunner = async (_job, { signal }) => {
      calls++;
      if (calls > 1) return;
      started.resolve();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = signal.aborted;
      throw new AmeliaError('cancelled', 'cancelled');
    };
    const first = harness(runner);
    const job = add(first.queue);
    first.queue.start();
    await started.promise;
    await first.queue.stop();
    expect(aborted).toBe(true);
    // A clean stop is not held against the job: its attempt is given back.
    expect(getJob(db, job.id)).toMatchObject({ state: 'queued', leaseOwner: null, error: null, attempts: 0 });

    const second = harness(runner);
    second.queue.start();
    await second.queue.whenIdle();
    expect(calls).toBe(2);
    expect(getJob(db, job.id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('cancels, through the database, a job another process runs', async () => {
    const started = deferred();
    let aborted = false;
    const runnerHost = harness(async (_job, { signal }) => {
      started.resolve();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
      throw new AmeliaError('cancelled', 'cancelled');
    });
    const job = add(runnerHost.queue);
    runnerHost.queue.start();
    await started.promise;

    const otherDb = openDatabase(join(dir.dir, 'project.sqlite'));
    extraDbs.push(otherDb);
    const client = harness(async () => undefined, {}, otherDb);
    expect(client.queue.cancel(job.id).state).toBe('running');
    await until(() => getJob(db, job.id)?.state === 'cancelled');
    expect(aborted).toBe(true);
  });

  it('lets two processes share one queue, each job run exactly once', async () => {
    const otherDb = openDatabase(join(dir.dir, 'project.sqlite'));
    extraDbs.push(otherDb);
    const runs = new Map<string, string[]>();
    const runnerFor =
      (who: string): JobRunner =>
      async (job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), who]);
        await new Promise((r) => setTimeout(r, 5));
      };
    const a = harness(runnerFor('a'), { concurrency: 2 });
    const b = harness(runnerFor('b'), { concurrency: 2 }, otherDb);
    const ids = Array.from({ length: 12 }, () => add(a.queue).id);
    a.queue.start();
    b.queue.start();
    await a.queue.whenIdle();
    await b.queue.whenIdle();
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(runs.get(id)).toHaveLength(1);
      expect(getJob(db, id)?.state).toBe('done');
    }
  });

  it('runs thumbnail jobs before proxies', async () => {
    const order: JobKind[] = [];
    const { queue } = harness(async (job) => {
      order.push(job.kind);
    });
    add(queue, 'proxy');
    add(queue, 'proxy');
    add(queue, 'thumbnails');
    queue.start();
    await queue.whenIdle();
    expect(order).toEqual(['thumbnails', 'proxy', 'proxy']);
  });
});
