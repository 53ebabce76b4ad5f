import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../../../electron/engine/store/migrations';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../../electron/engine/store/migrations';
import { migration001 } from '../../../../electron/engine/store/migrations/001_initial';
import { APPLICATION_ID, openDatabase } from '../../../../electron/engine/store/openDatabase';
import { tempDir } from '../../../support/tempProject';

interface TableInfo {
  name: string;
  type: string;
  strict: number;
}

function userTables(db: Db): TableInfo[] {
  return (db.pragma('table_list') as (TableInfo & { schema: string })[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function columns(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

/** A one-frame video row (the columns every migration since 001 keeps), for the rows that hang on it. */
function insertVideo(db: Db, hashChar: string, id = 'v'): void {
  db.prepare(
    `INSERT INTO videos (id, name, source_path, content_hash, size_bytes, container, codec, pixel_format, stream_index,
       width, height, coded_width, coded_height, rotation, duration_sec, frame_count, fps, rate_text, variable_frame_rate,
       frame_times, first_frame_offset_sec, poster_frame, imported_at)
     VALUES (?, 'v.mp4', '/v.mp4', ?, 10, 'mp4', 'h264', 'yuv420p', 0, 2, 2, 2, 2, 0, 0.04, 1, 25, '25/1', 0, ?, 0, 0, 'now')`,
  ).run(id, hashChar.repeat(64), Buffer.alloc(8));
}

/** A whole-video pose track row (one frame), as migrations 4 and 7 define the table. */
function insertTrack(db: Db, jobId: string, videoId: string, trackId: number): void {
  db.prepare(
    `INSERT INTO pose_tracks (job_id, video_id, track_id, start_frame, frame_count, mean_score, boxes, model,
       model_version, backend, frames_with_pose, mean_visibility, filtered, crop_margin, frame_width, frame_height,
       data, created_at)
     VALUES (?, ?, ?, 0, 1, 0.9, ?, 'blazepose-lite', '1', 'wasm', 1, 0.8, 1, 0.25, 2, 2, ?, 'now')`,
  ).run(jobId, videoId, trackId, Buffer.alloc(17), Buffer.from([1, 2, 3]));
}

/** What each migration must leave behind, beyond what every migration does. One entry per migration. */
const checks: Record<number, (db: Db) => void> = {
  1: (db) => {
    expect(userTables(db).map((t) => t.name)).toEqual(['jobs', 'project', 'videos']);
    expect(columns(db, 'project')).toEqual(['id', 'name', 'created_at']);
    expect(columns(db, 'videos')).toEqual(
      expect.arrayContaining([
        'id',
        'content_hash',
        'frame_count',
        'frame_times',
        'rotation',
        'proxy_reason',
        'source_owned',
      ]),
    );
    expect(columns(db, 'jobs')).toEqual(
      expect.arrayContaining([
        'id',
        'kind',
        'video_id',
        'state',
        'lease_owner',
        'lease_until',
        'attempts',
        'cancel_requested',
      ]),
    );
    const indexes = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as {
        name: string;
      }[]
    )
      .map((r) => r.name)
      .sort();
    expect(indexes).toEqual(['jobs_by_state', 'jobs_by_video']);
    // STRICT: a value of the wrong type is refused rather than stored.
    expect(() =>
      db.prepare("INSERT INTO project (id, name, created_at) VALUES ('p', 'n', X'00')").run(),
    ).toThrow('cannot store BLOB value in TEXT column project.created_at');
    // Jobs go with their video (the foreign key cascades, so foreign keys are enforced).
    const times = Buffer.alloc(8);
    insertVideo(db, 'a');
    db.prepare(
      "INSERT INTO jobs (id, kind, video_id, state, unit, created_at) VALUES ('j', 'proxy', 'v', 'queued', 'frames', 'now')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO jobs (id, kind, video_id, state, unit, created_at) VALUES ('k', 'proxy', 'nope', 'queued', 'frames', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare("DELETE FROM videos WHERE id = 'v'").run();
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
    // frame_times holds exactly one float64 per frame.
    expect(() =>
      db
        .prepare(
          `INSERT INTO videos (id, name, source_path, content_hash, size_bytes, container, codec, pixel_format, stream_index,
           width, height, coded_width, coded_height, rotation, duration_sec, frame_count, fps, rate_text, variable_frame_rate,
           frame_times, first_frame_offset_sec, poster_frame, imported_at)
         VALUES ('w', 'w.mp4', '/w.mp4', ?, 10, 'mp4', 'h264', 'yuv420p', 0, 2, 2, 2, 2, 0, 0.08, 2, 25, '25/1', 0, ?, 0, 0, 'now')`,
        )
        .run('b'.repeat(64), times),
    ).toThrow(/CHECK constraint failed/);
  },
  2: (db) => {
    expect(userTables(db).map((t) => t.name)).toEqual([
      'actors',
      'edit_entities',
      'edits',
      'jobs',
      'keyframes',
      'project',
      'segments',
      'taxonomy_meta',
      'taxonomy_nodes',
      'taxonomy_versions',
      'users',
      'videos',
    ]);
    insertVideo(db, 'a');
    db.prepare("INSERT INTO taxonomy_nodes (id, name) VALUES ('walk', 'Walk')").run();
    db.prepare(
      "INSERT INTO actors (id, video_id, number, color, created_at) VALUES ('a', 'v', 1, '#ffffff', 'now')",
    ).run();
    // Two actors of one video cannot share a number.
    expect(() =>
      db
        .prepare(
          "INSERT INTO actors (id, video_id, number, color, created_at) VALUES ('b', 'v', 1, '#ffffff', 'now')",
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
    const segment = db.prepare(
      `INSERT INTO segments (id, video_id, actor_id, start_frame, end_frame, label_node_id, label_version, created_at, updated_at)
       VALUES (?, 'v', 'a', ?, ?, ?, ?, 'now', 'now')`,
    );
    segment.run('s', 0, 0, 'walk', 1);
    // A segment ends at or after its start; a label names a node and the version it was made with.
    expect(() => segment.run('t', 5, 4, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => segment.run('u', 0, 0, 'walk', null)).toThrow(/CHECK constraint failed/);
    expect(() => segment.run('w', 0, 0, 'nope', 1)).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare(
      "INSERT INTO keyframes (segment_id, frame, x, y, width, height, outside) VALUES ('s', 0, 1, 2, 3, 4, 0)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO keyframes (segment_id, frame, x, y, width, height, outside) VALUES ('s', 1, 1, 2, -3, 4, 0)",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    // Removing the video removes its actors, segments and keyframes.
    db.prepare("DELETE FROM videos WHERE id = 'v'").run();
    for (const table of ['actors', 'segments', 'keyframes']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    expect(() =>
      db
        .prepare(
          "INSERT INTO edits (at, kind, summary, undo_state, changes) VALUES ('now', 'k', 's', 'maybe', '[]')",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  },
};

checks[3] = (db) => {
  // Any kind of job, kept through the rebuild with its indexes.
  db.prepare(
    "INSERT INTO jobs (id, kind, video_id, state, unit, created_at) VALUES ('j', 'poses', NULL, 'queued', 'frames', 'now')",
  ).run();
  expect(() =>
    db
      .prepare(
        "INSERT INTO jobs (id, kind, state, unit, created_at) VALUES ('k', '', 'queued', 'frames', 'now')",
      )
      .run(),
  ).toThrow(/CHECK constraint failed/);
  expect(columns(db, 'jobs')).toContain('result');
  const indexes = (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'jobs' AND sql IS NOT NULL",
      )
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  expect(indexes.sort()).toEqual(['jobs_by_state', 'jobs_by_video']);
};

checks[4] = (db) => {
  // Poses per tube and model, removed with their segment; whole-video tracks, kept when their segment goes.
  expect(columns(db, 'pose_extractions')).toEqual(
    expect.arrayContaining([
      'segment_id',
      'model',
      'model_version',
      'backend',
      'track_hash',
      'crop_margin',
      'data',
    ]),
  );
  expect(columns(db, 'pose_tracks')).toEqual(
    expect.arrayContaining(['job_id', 'track_id', 'boxes', 'data', 'segment_id']),
  );
  insertVideo(db, '0');
  db.exec(`
    INSERT INTO actors (id, video_id, number, color, created_at) VALUES ('a', 'v', 1, '#000000', 'now');
    INSERT INTO segments (id, video_id, actor_id, start_frame, end_frame, created_at, updated_at)
      VALUES ('s', 'v', 'a', 0, 0, 'now', 'now');
    INSERT INTO pose_extractions (segment_id, video_id, model, model_version, backend, start_frame, frame_count,
      frames_with_pose, mean_visibility, filtered, track_hash, crop_margin, frame_width, frame_height, data, extracted_at)
      VALUES ('s', 'v', 'blazepose-lite', 'w', 'wasm', 0, 10, 10, 0.9, 1, 'h', 0.25, 640, 480, x'00', 'now');
    INSERT INTO pose_tracks (job_id, video_id, track_id, start_frame, frame_count, mean_score, boxes, model, model_version,
      backend, frames_with_pose, mean_visibility, filtered, crop_margin, frame_width, frame_height, data, segment_id, created_at)
      VALUES ('j', 'v', 1, 0, 10, 0.9, x'', 'blazepose-lite', 'w', 'wasm', 10, 0.9, 1, 0.25, 640, 480, x'', 's', 'now');
  `);
  expect(() =>
    db
      .prepare(
        `INSERT INTO pose_extractions (segment_id, video_id, model, model_version, backend, start_frame, frame_count,
          frames_with_pose, mean_visibility, filtered, track_hash, crop_margin, frame_width, frame_height, data, extracted_at)
          VALUES ('s', 'v', 'openpose', 'w', 'wasm', 0, 10, 10, 0.9, 1, 'h', 0.25, 640, 480, x'00', 'now')`,
      )
      .run(),
  ).toThrow(/CHECK constraint failed/);
  db.exec("DELETE FROM segments WHERE id = 's'");
  expect(db.prepare('SELECT count(*) AS n FROM pose_extractions').get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT segment_id FROM pose_tracks').get()).toEqual({ segment_id: null });
};

/** The review migration: sign-in, tube owners and states, assignments, review items, comments. */
function checkReview(db: Db): void {
  expect(columns(db, 'users')).toEqual(expect.arrayContaining(['password_hash', 'disabled']));
  expect(columns(db, 'segments')).toEqual(
    expect.arrayContaining(['owner_id', 'review_state', 'origin', 'confidence']),
  );
  const names = userTables(db).map((t) => t.name);
  for (const t of ['sessions', 'settings', 'assignments', 'review_items', 'review_comments'])
    expect(names).toContain(t);
  insertVideo(db, 'c');
  db.prepare("INSERT INTO users (id, name, role, created_at) VALUES ('u', 'Ann', 'annotator', 'now')").run();
  db.prepare(
    "INSERT INTO actors (id, video_id, number, color, created_at) VALUES ('a', 'v', 1, '#ffffff', 'now')",
  ).run();
  const seg = db.prepare(
    `INSERT INTO segments (id, video_id, actor_id, start_frame, end_frame, created_at, updated_at, owner_id, review_state)
     VALUES (?, 'v', 'a', 0, 0, 'now', 'now', 'u', ?)`,
  );
  seg.run('s', 'draft');
  expect(db.prepare("SELECT review_state, origin FROM segments WHERE id = 's'").get()).toEqual({
    review_state: 'draft',
    origin: 'manual',
  });
  // Only the six review states exist.
  expect(() => seg.run('t', 'maybe')).toThrow(/CHECK constraint failed/);
  db.prepare(
    "INSERT INTO assignments (id, video_id, user_id, state, created_at) VALUES ('x', 'v', 'u', 'open', 'now')",
  ).run();
  expect(() =>
    db
      .prepare(
        "INSERT INTO assignments (id, video_id, user_id, state, created_at) VALUES ('y', 'v', 'u', 'open', 'now')",
      )
      .run(),
  ).toThrow(/UNIQUE constraint failed/);
  // Sessions go with their user.
  db.prepare(
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, expires_at) VALUES ('h', 'u', 1, 1, 2)",
  ).run();
  db.prepare("DELETE FROM segments WHERE owner_id = 'u'").run();
  db.prepare("DELETE FROM assignments WHERE user_id = 'u'").run();
  db.prepare("DELETE FROM users WHERE id = 'u'").run();
  expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
}
checks[5] = checkReview;

checks[6] = (db) => {
  // The model registry; inference runs and their predicted stretches go with their model or their video,
  // and a pre-label's tube may be removed without losing the prediction.
  expect(columns(db, 'classifier_models')).toEqual(
    expect.arrayContaining(['id', 'architecture', 'level', 'taxonomy_version', 'classes', 'test_macro_f1']),
  );
  insertVideo(db, '0');
  db.exec(`
    INSERT INTO actors (id, video_id, number, color, created_at) VALUES ('a', 'v', 1, '#000000', 'now');
    INSERT INTO segments (id, video_id, actor_id, start_frame, end_frame, created_at, updated_at)
      VALUES ('s', 'v', 'a', 0, 0, 'now', 'now');
    INSERT INTO classifier_models (id, name, created_at, architecture, level, level_name, taxonomy_version, classes,
      pose_model, seed, parameter_count, epochs_run, best_epoch, train_seconds, backend)
      VALUES ('m', 'model', 'now', 'tcn', 1, 'situation', 1, '[]', 'blazepose-full', 1, 10, 1, 1, 1, 'wasm');
    INSERT INTO inference_runs (id, job_id, model_id, video_id, pose_job_id, created_at, people, windows, duration_sec,
      alerts, drift, json_path, csv_path) VALUES ('r', 'j', 'm', 'v', 'p', 'now', 1, 1, 1, '[]', '{}', 'a.json', 'a.csv');
    INSERT INTO inference_segments (run_id, person, seq, start_frame, end_frame, start_sec, end_sec, node_id,
      confidence, min_confidence, segment_id) VALUES ('r', 1, 0, 0, 0, 0, 0.1, 'fall', 0.9, 0.8, 's');
  `);
  const insertModel = (architecture: string) =>
    db
      .prepare(
        `INSERT INTO classifier_models (id, name, created_at, architecture, level, level_name, taxonomy_version,
          classes, pose_model, seed, parameter_count, epochs_run, best_epoch, train_seconds, backend)
          VALUES ('n', 'x', 'now', ?, 1, 'situation', 1, '[]', 'blazepose-full', 1, 1, 1, 1, 1, 'wasm')`,
      )
      .run(architecture);
  expect(() => insertModel('resnet')).toThrow(/CHECK constraint failed/);
  expect(() =>
    db
      .prepare(
        `INSERT INTO inference_segments (run_id, person, seq, start_frame, end_frame, start_sec, end_sec, node_id,
          confidence, min_confidence) VALUES ('r', 1, 1, 0, 0, 0, 0.1, 'fall', 1.5, 0.8)`,
      )
      .run(),
  ).toThrow(/CHECK constraint failed/);
  db.exec("DELETE FROM segments WHERE id = 's'");
  expect(db.prepare('SELECT segment_id FROM inference_segments').get()).toEqual({ segment_id: null });
  db.exec("DELETE FROM classifier_models WHERE id = 'm'");
  expect(db.prepare('SELECT count(*) AS n FROM inference_runs').get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT count(*) AS n FROM inference_segments').get()).toEqual({ n: 0 });
};

checks[7] = (db) => {
  // The same person number in two videos of one job: two tracks (migration 4 kept only one of them).
  insertVideo(db, '1', 'v');
  insertVideo(db, '2', 'w');
  insertTrack(db, 'j', 'v', 1);
  insertTrack(db, 'j', 'w', 1);
  expect(db.prepare('SELECT video_id FROM pose_tracks ORDER BY video_id').all()).toEqual([
    { video_id: 'v' },
    { video_id: 'w' },
  ]);
  expect(() => insertTrack(db, 'j', 'w', 1)).toThrow(/UNIQUE constraint failed/);
  // Tracks still go with their video.
  db.exec("DELETE FROM videos WHERE id = 'v'");
  expect(db.prepare('SELECT video_id FROM pose_tracks').all()).toEqual([{ video_id: 'w' }]);
  expect(
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'pose_tracks' AND sql IS NOT NULL",
      )
      .all(),
  ).toEqual([{ name: 'pose_tracks_by_video' }]);
};

describe('migrations', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('has a test of its own for every migration, numbered 1, 2, 3… in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(Object.keys(checks).map(Number)).toEqual(migrations.map((m) => m.version));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  describe.each(migrations.map((m) => [m.version, m] as const))('migration %i', (version, migration) => {
    it(`${migration.name}: brings user_version to ${version} with STRICT tables, foreign keys and WAL`, () => {
      const file = join(dir.dir, 'p.sqlite');
      const db = openDatabase(file, { migrations: migrations.slice(0, version) });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(version);
        expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        const tables = userTables(db);
        expect(tables.length).toBeGreaterThan(0);
        for (const t of tables)
          expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
        const sql = db
          .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .all() as {
          name: string;
          sql: string;
        }[];
        for (const t of sql) expect(t.sql, t.name).toMatch(/\)\s*STRICT(,\s*WITHOUT ROWID)?\s*$/);
        checks[version]?.(db);
      } finally {
        db.close();
      }
      // Reopening applies nothing again and keeps the version.
      const again = openDatabase(file, { migrations: migrations.slice(0, version) });
      expect(again.pragma('user_version', { simple: true })).toBe(version);
      again.close();
    });
  });

  it('keeps every job through the rebuild of the jobs table (migration 3)', () => {
    const file = join(dir.dir, 'p.sqlite');
    const old = openDatabase(file, { migrations: migrations.slice(0, 2) });
    old
      .prepare(
        "INSERT INTO jobs (id, kind, state, done, total, unit, error, attempts, payload, created_at) VALUES ('j', 'proxy', 'failed', 3, 9, 'frames', 'boom', 2, '{\"a\":1}', 'then')",
      )
      .run();
    old.close();
    const db = openDatabase(file, { migrations: migrations.slice(0, 3) });
    try {
      expect(
        db.prepare('SELECT id, kind, state, done, total, error, attempts, payload, result FROM jobs').all(),
      ).toEqual([
        {
          id: 'j',
          kind: 'proxy',
          state: 'failed',
          done: 3,
          total: 9,
          error: 'boom',
          attempts: 2,
          payload: '{"a":1}',
          result: null,
        },
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps every pose track through the rebuild of the pose tracks table (migration 7)', () => {
    const file = join(dir.dir, 'p.sqlite');
    const old = openDatabase(file, { migrations: migrations.slice(0, 6) });
    insertVideo(old, '1', 'v');
    insertTrack(old, 'j', 'v', 1);
    insertTrack(old, 'j', 'v', 2);
    old.close();
    const db = openDatabase(file, { migrations: migrations.slice(0, 7) });
    try {
      expect(
        db
          .prepare('SELECT job_id, video_id, track_id, frame_count, data FROM pose_tracks ORDER BY track_id')
          .all(),
      ).toEqual([
        { job_id: 'j', video_id: 'v', track_id: 1, frame_count: 1, data: Buffer.from([1, 2, 3]) },
        { job_id: 'j', video_id: 'v', track_id: 2, frame_count: 1, data: Buffer.from([1, 2, 3]) },
      ]);
    } finally {
      db.close();
    }
  });

  it('upgrades a project written at each earlier version to the latest', () => {
    for (let from = 1; from < migrations.length; from++) {
      const file = join(dir.dir, `from-${from}.sqlite`);
      openDatabase(file, { migrations: migrations.slice(0, from) }).close();
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    }
    const fresh = openDatabase(join(dir.dir, 'fresh.sqlite'));
    expect(fresh.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    fresh.close();
  });

  it('refuses a list numbered out of order before it touches the disk', () => {
    const file = join(dir.dir, 'never.sqlite');
    const second: Migration = { version: 2, name: 'second', up: () => undefined };
    expect(() => openDatabase(file, { migrations: [second] })).toThrow(
      'migration second is numbered 2, expected 1',
    );
    expect(() => openDatabase(file, { migrations: [migration001, { ...second, version: 3 }] })).toThrow(
      'migration second is numbered 3, expected 2',
    );
    expect(() => openDatabase(file, { migrations: [migration001, migration001] })).toThrow(
      /numbered 1, expected 2/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('runs each migration in its own transaction: one that fails leaves the project at the version before it', () => {
    const file = join(dir.dir, 'p.sqlite');
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT');
        throw new Error('disk on fire');
      },
    };
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow('disk on fire');
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }
  });
});
