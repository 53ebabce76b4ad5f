import type { Migration } from './types';

/**
 * The review loop: passwords and sessions, the owner, review state and origin of every tube, project
 * settings, assignments of videos to annotators, review items (independent versions of one tube, compared)
 * and comments.
 */
export const migration005: Migration = {
  version: 5,
  name: 'review: sign-in, tube owners and states, assignments, review items, comments',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN password_hash TEXT;
      ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));

      CREATE TABLE sessions (
        -- SHA-256 of the token: a stolen database holds no usable session
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);

      ALTER TABLE segments ADD COLUMN owner_id TEXT REFERENCES users(id);
      ALTER TABLE segments ADD COLUMN review_state TEXT NOT NULL DEFAULT 'draft'
        CHECK (review_state IN ('draft', 'submitted', 'agreed', 'disputed', 'returned', 'final'));
      -- manual: drawn by a person; model: a classifier's pre-label; import: from an annotation file;
      -- final: an expert's final version of a reviewed tube
      ALTER TABLE segments ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual'
        CHECK (origin IN ('manual', 'model', 'import', 'final'));
      ALTER TABLE segments ADD COLUMN confidence REAL;
      CREATE INDEX segments_by_owner ON segments (owner_id, review_state);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE assignments (
        id TEXT PRIMARY KEY,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('open', 'submitted')),
        created_at TEXT NOT NULL,
        created_by TEXT,
        submitted_at TEXT,
        UNIQUE (video_id, user_id)
      ) STRICT;
      CREATE INDEX assignments_by_user ON assignments (user_id, state);

      CREATE TABLE review_items (
        id TEXT PRIMARY KEY,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('agreed', 'disputed', 'returned', 'final')),
        severity REAL NOT NULL,
        reasons TEXT NOT NULL,
        -- the independent versions compared: [{segmentId, annotatorId}]
        versions TEXT NOT NULL,
        final_segment_id TEXT REFERENCES segments(id) ON DELETE SET NULL,
        mean_iou REAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        resolved_by TEXT,
        resolved_at TEXT
      ) STRICT;
      CREATE INDEX review_items_by_state ON review_items (state, severity);

      CREATE TABLE review_comments (
        id TEXT PRIMARY KEY,
        review_item_id TEXT REFERENCES review_items(id) ON DELETE SET NULL,
        segment_id TEXT REFERENCES segments(id) ON DELETE CASCADE,
        user_id TEXT,
        -- for a return: the annotator it goes to
        to_user_id TEXT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('return', 'comment')),
        text TEXT NOT NULL
      ) STRICT;
    `);
  },
};
