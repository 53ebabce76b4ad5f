import type { Migration } from './types';

/** People, the taxonomy and its versions, actors, segments (action tubes) with box keyframes, and the edit log. */
export const migration002: Migration = {
  version: 2,
  name: 'annotation: users, taxonomy, actors, segments, keyframes, edits',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('annotator', 'expert', 'admin')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE taxonomy_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        levels TEXT NOT NULL,
        mappings TEXT NOT NULL DEFAULT '{}',
        version INTEGER NOT NULL CHECK (version > 0)
      ) STRICT;

      CREATE TABLE taxonomy_nodes (
        id TEXT PRIMARY KEY,
        parent_id TEXT REFERENCES taxonomy_nodes(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        definition TEXT NOT NULL DEFAULT '',
        includes TEXT NOT NULL DEFAULT '',
        excludes TEXT NOT NULL DEFAULT '',
        example TEXT NOT NULL DEFAULT '',
        deprecated INTEGER NOT NULL DEFAULT 0 CHECK (deprecated IN (0, 1)),
        merged_into TEXT REFERENCES taxonomy_nodes(id),
        sort_order INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX taxonomy_nodes_by_parent ON taxonomy_nodes (parent_id, sort_order);

      -- every version of the taxonomy, whole, so that old labels stay readable as they were made
      CREATE TABLE taxonomy_versions (
        version INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        summary TEXT NOT NULL,
        document TEXT NOT NULL
      ) STRICT;

      CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number > 0),
        name TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (video_id, number)
      ) STRICT;

      CREATE TABLE segments (
        id TEXT PRIMARY KEY,
        video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
        end_frame INTEGER NOT NULL CHECK (end_frame >= start_frame),
        label_node_id TEXT REFERENCES taxonomy_nodes(id),
        label_version INTEGER,
        label_user_id TEXT,
        label_at TEXT,
        uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
        note TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((label_node_id IS NULL) = (label_version IS NULL))
      ) STRICT;
      CREATE INDEX segments_by_video ON segments (video_id, actor_id, start_frame);
      CREATE INDEX segments_by_label ON segments (label_node_id);

      CREATE TABLE keyframes (
        segment_id TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        frame INTEGER NOT NULL CHECK (frame >= 0),
        x REAL NOT NULL,
        y REAL NOT NULL,
        width REAL NOT NULL CHECK (width >= 0),
        height REAL NOT NULL CHECK (height >= 0),
        outside INTEGER NOT NULL CHECK (outside IN (0, 1)),
        PRIMARY KEY (segment_id, frame)
      ) STRICT, WITHOUT ROWID;

      -- the audit log and the undo history: one row per edit, with every changed entity before and after
      CREATE TABLE edits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT,
        client_id TEXT,
        video_id TEXT,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        ref_edit_id INTEGER REFERENCES edits(id),
        -- 'done', 'undone' (can be redone), 'dropped' (undone, then a new edit made redo impossible),
        -- 'history' (an undo or redo entry: not itself undone)
        undo_state TEXT NOT NULL CHECK (undo_state IN ('done', 'undone', 'dropped', 'history')),
        changes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX edits_by_client ON edits (client_id, id);
      CREATE INDEX edits_by_video ON edits (video_id, id);

      -- which entities each edit touched, to list a segment's history
      CREATE TABLE edit_entities (
        edit_id INTEGER NOT NULL REFERENCES edits(id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id, edit_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
