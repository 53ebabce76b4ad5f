import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { JobKind } from '../../../shared/domain/job';
import type { JobRecord, NewJob } from '../store/jobRows';
import {
  cancelRequestedFor,
  claimNextJob,
  expiredJobs,
  extendLeases,
  finishJob,
  getJob,
  hasActiveJobs,
  insertJob,
  recordProgress,
  recordPartialResult,
  requestCancel,
  requeueJob,
  resetJob,
} from '../store/jobRows';

export interface JobContext {
  signal: AbortSignal;
  /** Reports work done (and the total, where it changed). Cheap to call often. */
  progress(done: number, total?: number): void;
  /**
   * Publishes what the job has made so far as its result while it runs (a training job's curves), pushed to
   * every client at once; the runner's return value replaces it when the job ends.
   */
  report(partial: Record<string, unknown>): void;
}

/**
 * Does a job's work. Throwing fails the job; the signal's abort cancels it. Must be safe to run again.
 * What it resolves with is kept as the job's result.
 */
export type JobRunner = (job: JobRecord, ctx: JobContext) => Promise<Record<string, unknown> | void>;

export interface JobQueueOptions {
  /** Identifies this process's claims. */
  owner: string;
  concurrency?: number;
  /** How long a claim holds without a heartbeat. */
  leaseMs?: number;
  /** A job that was interrupted this often is failed instead of tried again. */
  maxAttempts?: number;
  /** Called after every change of a job (state or progress) this queue makes. */
  onChange: (job: JobRecord) => void;
  now?: () => number;
}

interface Running {
  controller: AbortController;
  promise: Promise<void>;
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * The persistent job queue. Jobs live in the database; any process with the project open may run them,
 * each claiming jobs with a lease it renews. A crashed process's jobs go back to the queue when their
 * lease runs out, and are resumed from the start (runners write to temporary files and rename).
 */
export class JobQueue {
  private readonly db: Database;
  private readonly runners: Record<JobKind, JobRunner>;
  private readonly opts: Required<Omit<JobQueueOptions, 'onChange' | 'now'>> &
    Pick<JobQueueOptions, 'onChange'>;
  private readonly now: () => number;
  private readonly running = new Map<string, Running>();
  private heartbeat: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;
  private idleWaiters: (() => void)[] = [];

  constructor(db: Database, runners: Record<JobKind, JobRunner>, options: JobQueueOptions) {
    this.db = db;
    this.runners = runners;
    this.now = options.now ?? Date.now;
    this.opts = {
      owner: options.owner,
      concurrency: options.concurrency ?? 1,
      leaseMs: options.leaseMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 3,
      onChange: options.onChange,
    };
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private changed(id: string): void {
    const job = getJob(this.db, id);
    if (job) this.opts.onChange(job);
  }

  /** Recovers jobs of processes that died, then starts running queued jobs. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.recover();
    this.heartbeat = setInterval(() => this.beat(), Math.max(50, Math.floor(this.opts.leaseMs / 3)));
    this.heartbeat.unref();
    this.pump();
  }

  /** Stops taking jobs; running ones are stopped and put back in the queue for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const pending = [...this.running.entries()];
    for (const [, r] of pending) r.controller.abort(new AmeliaError('cancelled', 'shutting down'));
    await Promise.allSettled(pending.map(([, r]) => r.promise));
    this.started = false;
  }

  recover(): void {
    for (const job of expiredJobs(this.db, this.now())) {
      if (this.running.has(job.id)) continue;
      if (job.attempts >= this.opts.maxAttempts) {
        finishJob(
          this.db,
          job.id,
          'failed',
          `stopped ${job.attempts} times before it could finish`,
          this.iso(),
        );
      } else {
        requeueJob(this.db, job.id, null);
      }
      this.changed(job.id);
    }
  }

  enqueue(job: NewJob): JobRecord {
    const rec = insertJob(this.db, job, this.iso());
    this.opts.onChange(rec);
    this.schedule();
    return rec;
  }

  /** Runs after the current transaction (if any) has committed. */
  schedule(): void {
    if (this.started) setImmediate(() => this.pump());
  }

  cancel(id: string): JobRecord {
    const job = getJob(this.db, id);
    if (!job) throw new AmeliaError('not_found', `No job ${id}.`);
    switch (job.state) {
      case 'queued':
        finishJob(this.db, id, 'cancelled', 'cancelled', this.iso());
        break;
      case 'running': {
        const mine = this.running.get(id);
        if (mine) mine.controller.abort(new AmeliaError('cancelled', 'cancelled'));
        else requestCancel(this.db, id);
        break;
      }
      case 'done':
      case 'failed':
      case 'cancelled':
        throw new AmeliaError('conflict', `Job ${id} has already ended (${job.state}).`);
    }
    this.changed(id);
    return getJob(this.db, id) as JobRecord;
  }

  retry(id: string): JobRecord {
    const job = getJob(this.db, id);
    if (!job) throw new AmeliaError('not_found', `No job ${id}.`);
    if (job.state !== 'failed' && job.state !== 'cancelled') {
      throw new AmeliaError(
        'conflict',
        `Only a failed or cancelled job can be run again; job ${id} is ${job.state}.`,
      );
    }
    resetJob(this.db, id);
    this.changed(id);
    this.schedule();
    return getJob(this.db, id) as JobRecord;
  }

  /** Resolves when none of the given jobs (or no job at all) is queued or running. */
  async whenIdle(ids?: readonly string[]): Promise<void> {
    while (hasActiveJobs(this.db, ids)) {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        setTimeout(resolve, 500).unref();
      });
      this.recover();
      this.pump();
    }
  }

  private beat(): void {
    extendLeases(this.db, this.opts.owner, this.now() + this.opts.leaseMs);
    for (const id of cancelRequestedFor(this.db, this.opts.owner)) {
      this.running.get(id)?.controller.abort(new AmeliaError('cancelled', 'cancelled'));
    }
    this.recover();
    this.pump();
  }

  private pump(): void {
    while (this.started && !this.stopping && this.running.size < this.opts.concurrency) {
      const job = claimNextJob(this.db, this.opts.owner, this.now() + this.opts.leaseMs, this.iso());
      if (!job) break;
      this.opts.onChange(job);
      const controller = new AbortController();
      const promise = this.run(job, controller).finally(() => {
        this.running.delete(job.id);
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        waiters.forEach((w) => w());
        this.pump();
      });
      this.running.set(job.id, { controller, promise });
    }
  }

  private async run(job: JobRecord, controller: AbortController): Promise<void> {
    let done = job.done;
    let total = job.total;
    let lastWrite = 0;
    let lastSample = { t: this.now(), done };
    let rate: number | null = null;
    const flush = () => {
      recordProgress(this.db, job.id, done, total, rate);
      this.changed(job.id);
    };
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (d, t) => {
        done = d;
        if (t !== undefined) total = t;
        const now = this.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
        const dt = (now - lastSample.t) / 1000;
        if (dt > 0) {
          const instant = Math.max(0, (done - lastSample.done) / dt);
          rate = rate === null ? instant : 0.7 * rate + 0.3 * instant;
        }
        lastSample = { t: now, done };
        lastWrite = now;
        flush();
      },
      report: (partial) => {
        recordPartialResult(this.db, job.id, partial);
        recordProgress(this.db, job.id, done, total, rate);
        lastWrite = this.now();
        this.changed(job.id);
      },
    };
    try {
      const result = await this.runners[job.kind](job, ctx);
      if (controller.signal.aborted) throw new AmeliaError('cancelled', 'cancelled');
      done = total;
      recordProgress(this.db, job.id, done, total, null);
      finishJob(this.db, job.id, 'done', null, this.iso(), result ?? null);
    } catch (err) {
      if (controller.signal.aborted && this.stopping) {
        requeueJob(this.db, job.id, null, true);
      } else if (controller.signal.aborted || (err instanceof AmeliaError && err.code === 'cancelled')) {
        finishJob(this.db, job.id, 'cancelled', 'cancelled', this.iso());
      } else {
        finishJob(this.db, job.id, 'failed', err instanceof Error ? err.message : String(err), this.iso());
      }
    }
    this.changed(job.id);
  }
}
