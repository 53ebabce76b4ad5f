import type { Migration } from './types';

/**
 * Situation classifiers: the model registry (each model's files live in <project>/models/<id>/, the row
 * says what it is), and inference runs with the stretches of each person's timeline they predicted.
 */
export const migration006: Migration = {
  version: 6,
  name: 'classifier: model registry, inference runs and predicted segments',
  up(db) {
    db.exec(`
      CREATE TABLE classifier_models (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        created_at TEXT NOT NULL,
        job_id TEXT,
        architecture TEXT NOT NULL CHECK (architecture IN ('tcn', 'stgcn')),
        level INTEGER NOT NULL CHECK (level >= 1),
        level_name TEXT NOT NULL,
        taxonomy_version INTEGER NOT NULL CHECK (taxonomy_version >= 1),
        -- JSON: [{nodeId, name}] in the model's output order
        classes TEXT NOT NULL,
        pose_model TEXT NOT NULL,
        seed INTEGER NOT NULL,
        parameter_count INTEGER NOT NULL,
        epochs_run INTEGER NOT NULL,
        best_epoch INTEGER NOT NULL,
        train_seconds REAL NOT NULL,
        backend TEXT NOT NULL,
        test_macro_f1 REAL,
        test_accuracy REAL
      ) STRICT;

      CREATE TABLE inference_runs (
        id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL,
        model_id TEXT NOT NULL REFERENCES classifier_models(id) ON DELETE CASCADE,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        -- the whole-video pose extraction (a poses or infer job) whose people were classified
        pose_job_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        people INTEGER NOT NULL CHECK (people >= 0),
        windows INTEGER NOT NULL CHECK (windows >= 0),
        duration_sec REAL NOT NULL,
        real_time_factor REAL,
        -- JSON: the alerts and the drift report
        alerts TEXT NOT NULL,
        drift TEXT NOT NULL,
        json_path TEXT NOT NULL,
        csv_path TEXT NOT NULL
      ) STRICT;
      CREATE INDEX inference_runs_by_video ON inference_runs (video_id, created_at);
      CREATE INDEX inference_runs_by_model ON inference_runs (model_id, created_at);

      CREATE TABLE inference_segments (
        run_id TEXT NOT NULL REFERENCES inference_runs(id) ON DELETE CASCADE,
        person INTEGER NOT NULL CHECK (person > 0),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
        end_frame INTEGER NOT NULL CHECK (end_frame >= start_frame),
        start_sec REAL NOT NULL,
        end_sec REAL NOT NULL,
        node_id TEXT NOT NULL,
        confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        min_confidence REAL NOT NULL,
        -- the pre-label made from it (models.toPreLabels)
        segment_id TEXT REFERENCES segments(id) ON DELETE SET NULL,
        PRIMARY KEY (run_id, person, seq)
      ) STRICT;
    `);
  },
};
