import type { Migration } from './types';

/**
 * Poses: one row per tube (segment) and model with the arrays as one BLOB (shared/poses/encoding.ts), and
 * the people found by whole-video mode (tracks) before they become actors.
 */
export const migration004: Migration = {
  version: 4,
  name: 'poses: extractions per segment and model, whole-video tracks',
  up(db) {
    db.exec(`
      CREATE TABLE pose_extractions (
        segment_id TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        model TEXT NOT NULL CHECK (model IN ('blazepose-lite', 'blazepose-full', 'blazepose-heavy')),
        model_version TEXT NOT NULL,
        backend TEXT NOT NULL,
        start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
        frame_count INTEGER NOT NULL CHECK (frame_count > 0),
        frames_with_pose INTEGER NOT NULL CHECK (frames_with_pose >= 0),
        mean_visibility REAL NOT NULL,
        filtered INTEGER NOT NULL CHECK (filtered IN (0, 1)),
        -- the tube's range and boxes at extraction; differs from the segment's now: stale
        track_hash TEXT NOT NULL,
        -- how it was cropped: margin (fraction of the box), decoded frame size
        crop_margin REAL NOT NULL,
        frame_width INTEGER NOT NULL,
        frame_height INTEGER NOT NULL,
        job_id TEXT,
        data BLOB NOT NULL,
        extracted_at TEXT NOT NULL,
        PRIMARY KEY (segment_id, model)
      ) STRICT;
      CREATE INDEX pose_extractions_by_video ON pose_extractions (video_id);

      CREATE TABLE pose_tracks (
        job_id TEXT NOT NULL,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        track_id INTEGER NOT NULL CHECK (track_id > 0),
        start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
        frame_count INTEGER NOT NULL CHECK (frame_count > 0),
        mean_score REAL NOT NULL,
        -- f32 x, y, width, height per frame (video pixels), then u8 detected per frame
        boxes BLOB NOT NULL,
        model TEXT NOT NULL,
        model_version TEXT NOT NULL,
        backend TEXT NOT NULL,
        frames_with_pose INTEGER NOT NULL,
        mean_visibility REAL NOT NULL,
        filtered INTEGER NOT NULL CHECK (filtered IN (0, 1)),
        crop_margin REAL NOT NULL,
        frame_width INTEGER NOT NULL,
        frame_height INTEGER NOT NULL,
        data BLOB NOT NULL,
        -- the segment it became (poses.tracksToActors)
        segment_id TEXT REFERENCES segments(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (job_id, track_id)
      ) STRICT;
      CREATE INDEX pose_tracks_by_video ON pose_tracks (video_id);
    `);
  },
};
