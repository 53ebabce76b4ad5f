import type { Database } from 'better-sqlite3';
import type { Job, JobKind, JobState } from '../../../shared/domain/job';
import { jobSchema } from '../../../shared/domain/job';

export interface JobRecord extends Job {
  payload: Record<string, unknown>;
  leaseOwner: string | null;
  cancelRequested: boolean;
}

interface JobRow {
  id: string;
  kind: string;
  video_id: string | null;
  state: string;
  done: number;
  total: number;
  unit: string;
  rate: number | null;
  error: string | null;
  result: string | null;
  cancel_requested: number;
  attempts: number;
  payload: string;
  lease_owner: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function fromRow(row: JobRow): JobRecord {
  const remaining = Math.max(0, row.total - row.done);
  const job = jobSchema.parse({
    id: row.id,
    kind: row.kind,
    videoId: row.video_id,
    state: row.state,
    done: row.done,
    total: row.total,
    unit: row.unit,
    rate: row.state === 'running' ? row.rate : null,
    etaSec:
      row.state === 'running' && row.rate && row.rate > 0 && row.total > 0 ? remaining / row.rate : null,
    error: row.error,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  });
  return {
    ...job,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    leaseOwner: row.lease_owner,
    cancelRequested: row.cancel_requested === 1,
  };
}

export function toJob(r: JobRecord): Job {
  const { payload: _p, leaseOwner: _l, cancelRequested: _c, ...job } = r;
  return job;
}

export interface NewJob {
  id: string;
  kind: JobKind;
  videoId: string | null;
  unit: string;
  total: number;
  payload?: Record<string, unknown>;
}

export function insertJob(db: Database, j: NewJob, now: string): JobRecord {
  db.prepare(
    `INSERT INTO jobs (id, kind, video_id, state, done, total, unit, payload, created_at)
     VALUES (?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
  ).run(j.id, j.kind, j.videoId, j.total, j.unit, JSON.stringify(j.payload ?? {}), now);
  return getJob(db, j.id) as JobRecord;
}

export function getJob(db: Database, id: string): JobRecord | null {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? fromRow(row) : null;
}

/** Active jobs, then the most recent finished ones. */
export function listJobs(db: Database, finishedLimit = 200): JobRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM jobs WHERE state IN ('queued', 'running')
          OR id IN (SELECT id FROM jobs WHERE state NOT IN ('queued', 'running') ORDER BY finished_at DESC LIMIT ?)
       ORDER BY created_at, rowid`,
    )
    .all(finishedLimit) as JobRow[];
  return rows.map(fromRow);
}

export function jobsOfVideo(db: Database, videoId: string): JobRecord[] {
  return (
    db.prepare('SELECT * FROM jobs WHERE video_id = ? ORDER BY created_at').all(videoId) as JobRow[]
  ).map(fromRow);
}

/** Takes the next queued job for `owner`, atomically across processes. Short jobs go first. */
export function claimNextJob(db: Database, owner: string, leaseUntil: number, now: string): JobRecord | null {
  const row = db
    .prepare(
      `UPDATE jobs SET state = 'running', lease_owner = @owner, lease_until = @until, started_at = @now,
         attempts = attempts + 1, error = NULL, rate = NULL, result = NULL
       WHERE id = (SELECT id FROM jobs WHERE state = 'queued'
                   ORDER BY CASE kind WHEN 'thumbnails' THEN 0 ELSE 1 END, created_at, rowid LIMIT 1)
         AND state = 'queued'
       RETURNING *`,
    )
    .get({ owner, until: leaseUntil, now }) as JobRow | undefined;
  return row ? fromRow(row) : null;
}

export function recordProgress(
  db: Database,
  id: string,
  done: number,
  total: number,
  rate: number | null,
): void {
  db.prepare("UPDATE jobs SET done = ?, total = ?, rate = ? WHERE id = ? AND state = 'running'").run(
    done,
    total,
    rate,
    id,
  );
}

/** What a running job has made so far (replaced by its result when it ends). */
export function recordPartialResult(db: Database, id: string, partial: Record<string, unknown>): void {
  db.prepare("UPDATE jobs SET result = ? WHERE id = ? AND state = 'running'").run(
    JSON.stringify(partial),
    id,
  );
}

export function finishJob(
  db: Database,
  id: string,
  state: Exclude<JobState, 'queued' | 'running'>,
  error: string | null,
  now: string,
  result: Record<string, unknown> | null = null,
): void {
  db.prepare(
    `UPDATE jobs SET state = ?, error = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL, rate = NULL,
       cancel_requested = 0, result = ?
     WHERE id = ?`,
  ).run(state, error, now, result === null ? null : JSON.stringify(result), id);
}

/**
 * Puts a running job back in the queue: its runner died (the attempt counts), or this process is shutting
 * down cleanly (`refundAttempt`: a clean stop is not held against the job).
 */
export function requeueJob(db: Database, id: string, note: string | null, refundAttempt = false): void {
  db.prepare(
    `UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_until = NULL, rate = NULL, error = ?,
       attempts = CASE WHEN ? THEN max(0, attempts - 1) ELSE attempts END
     WHERE id = ? AND state = 'running'`,
  ).run(note, refundAttempt ? 1 : 0, id);
}

export function resetJob(db: Database, id: string): void {
  db.prepare(
    `UPDATE jobs SET state = 'queued', done = 0, error = NULL, result = NULL, finished_at = NULL, started_at = NULL,
       cancel_requested = 0, attempts = 0
     WHERE id = ?`,
  ).run(id);
}

export function extendLeases(db: Database, owner: string, leaseUntil: number): void {
  db.prepare("UPDATE jobs SET lease_until = ? WHERE lease_owner = ? AND state = 'running'").run(
    leaseUntil,
    owner,
  );
}

export function requestCancel(db: Database, id: string): void {
  db.prepare("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running'").run(id);
}

export function cancelRequestedFor(db: Database, owner: string): string[] {
  return (
    db
      .prepare("SELECT id FROM jobs WHERE lease_owner = ? AND state = 'running' AND cancel_requested = 1")
      .all(owner) as { id: string }[]
  ).map((r) => r.id);
}

/** Running jobs whose runner stopped renewing its claim: a process that crashed or was killed. */
export function expiredJobs(db: Database, now: number): JobRecord[] {
  return (
    db
      .prepare("SELECT * FROM jobs WHERE state = 'running' AND (lease_until IS NULL OR lease_until < ?)")
      .all(now) as JobRow[]
  ).map(fromRow);
}

export function hasActiveJobs(db: Database, ids?: readonly string[]): boolean {
  if (ids && ids.length === 0) return false;
  const sql = ids
    ? `SELECT 1 FROM jobs WHERE state IN ('queued', 'running') AND id IN (${ids.map(() => '?').join(',')}) LIMIT 1`
    : "SELECT 1 FROM jobs WHERE state IN ('queued', 'running') LIMIT 1";
  return db.prepare(sql).get(...(ids ?? [])) !== undefined;
}
