import type { Migration } from './types';

/** The project, its videos and the job queue. */
export const migration001: Migration = {
  version: 1,
  name: 'initial: project, videos, jobs',
  up(db) {
    db.exec(`
      CREATE TABLE project (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE videos (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        source_path TEXT NOT NULL,
        -- true where amelia keeps the original inside the project (an upload), so removing the video removes it
        source_owned INTEGER NOT NULL DEFAULT 0 CHECK (source_owned IN (0, 1)),
        content_hash TEXT NOT NULL UNIQUE CHECK (length(content_hash) = 64),
        size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
        container TEXT NOT NULL,
        codec TEXT NOT NULL,
        pixel_format TEXT NOT NULL,
        stream_index INTEGER NOT NULL,
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        coded_width INTEGER NOT NULL CHECK (coded_width > 0),
        coded_height INTEGER NOT NULL CHECK (coded_height > 0),
        rotation INTEGER NOT NULL CHECK (rotation IN (0, 90, 180, 270)),
        duration_sec REAL NOT NULL CHECK (duration_sec >= 0),
        frame_count INTEGER NOT NULL CHECK (frame_count > 0),
        fps REAL NOT NULL CHECK (fps > 0),
        rate_text TEXT NOT NULL,
        variable_frame_rate INTEGER NOT NULL CHECK (variable_frame_rate IN (0, 1)),
        -- little-endian float64 seconds from frame 0, one per frame
        frame_times BLOB NOT NULL CHECK (length(frame_times) = 8 * frame_count),
        first_frame_offset_sec REAL NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]',
        -- where the browser cannot play the original, why; its proxy's state is that of its latest proxy job
        proxy_reason TEXT,
        proxy_fps REAL,
        poster_frame INTEGER NOT NULL,
        thumbnail_frames TEXT NOT NULL DEFAULT '[]',
        imported_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('proxy', 'thumbnails')),
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
        -- which process runs it, and until when its claim holds without a heartbeat (ms since 1970)
        lease_owner TEXT,
        lease_until INTEGER,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX jobs_by_state ON jobs (state, created_at);
      CREATE INDEX jobs_by_video ON jobs (video_id);
    `);
  },
};
