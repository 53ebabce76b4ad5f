import type { Migration } from './types';

/**
 * Jobs of any kind: the kinds grow with the app (poses, training, exports) and are checked by the engine's
 * schema, so the table drops its CHECK on `kind` (SQLite changes a CHECK only by rebuilding the table).
 */
export const migration003: Migration = {
  version: 3,
  name: 'jobs: any kind, with a payload and a result',
  up(db) {
    db.exec(`
      CREATE TABLE jobs_new (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        video_id TEXT REFERENCES videos(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        done REAL NOT NULL DEFAULT 0,
        total REAL NOT NULL DEFAULT 0,
        unit TEXT NOT NULL,
        rate REAL,
        error TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        payload TEXT NOT NULL DEFAULT '{}',
        -- what a finished job made, for people and the app (JSON)
        result TEXT,
        lease_owner TEXT,
        lease_until INTEGER,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      ) STRICT;
      INSERT INTO jobs_new (id, kind, video_id, state, done, total, unit, rate, error, cancel_requested, attempts,
          payload, lease_owner, lease_until, created_at, started_at, finished_at)
        SELECT id, kind, video_id, state, done, total, unit, rate, error, cancel_requested, attempts,
          payload, lease_owner, lease_until, created_at, started_at, finished_at FROM jobs;
      DROP TABLE jobs;
      ALTER TABLE jobs_new RENAME TO jobs;
      CREATE INDEX jobs_by_state ON jobs (state, created_at);
      CREATE INDEX jobs_by_video ON jobs (video_id);
    `);
  },
};
