import type { Migration } from './types';

/**
 * A person track is one of a video's: its key takes the video in (job, video, track number). The tracker
 * numbers people 1, 2, 3… in each video, so with (job, track number) alone a whole-video job or an inference
 * over several recordings kept only the last video's track of each number. SQLite changes a primary key only
 * by rebuilding the table; every row is kept.
 */
export const migration007: Migration = {
  version: 7,
  name: 'pose tracks: keyed by job, video and track number',
  up(db) {
    db.exec(`
      CREATE TABLE pose_tracks_new (
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
        PRIMARY KEY (job_id, video_id, track_id)
      ) STRICT;
      INSERT INTO pose_tracks_new (job_id, video_id, track_id, start_frame, frame_count, mean_score, boxes, model,
          model_version, backend, frames_with_pose, mean_visibility, filtered, crop_margin, frame_width, frame_height,
          data, segment_id, created_at)
        SELECT job_id, video_id, track_id, start_frame, frame_count, mean_score, boxes, model, model_version, backend,
          frames_with_pose, mean_visibility, filtered, crop_margin, frame_width, frame_height, data, segment_id,
          created_at FROM pose_tracks;
      DROP TABLE pose_tracks;
      ALTER TABLE pose_tracks_new RENAME TO pose_tracks;
      CREATE INDEX pose_tracks_by_video ON pose_tracks (video_id);
    `);
  },
};
