import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Actor, Segment } from '../../../shared/domain/annotation';
import type { EditEntry, EditedEntity, EntityChange } from '../../../shared/domain/edit';
import type { TaxonomyNode } from '../../../shared/domain/taxonomy';
import type { Role } from '../../../shared/domain/user';
import {
  actorWithNumber,
  currentRevision,
  deleteActor,
  deleteSegment,
  getActor,
  getSegment,
  writeActor,
  writeSegment,
} from '../store/annotationRows';
import {
  deleteNode,
  getNode,
  getTaxonomyMeta,
  nodeInUse,
  recordTaxonomyVersion,
  setTaxonomyMeta,
  writeNode,
} from '../store/taxonomyRows';
import type { TaxonomyMeta } from '../store/taxonomyRows';
import { checkOverlapsAfterChange } from './rules';

/** Who makes a change (and with which role), from where, and when. */
export interface EditMeta {
  userId: string | null;
  role: Role;
  clientId: string | null;
  at: string;
}

type Snapshot = Record<string, unknown>;

function snapshotOf(db: Database, entity: EditedEntity, id: string): Snapshot | null {
  switch (entity) {
    case 'actor':
      return getActor(db, id) as Snapshot | null;
    case 'segment':
      return getSegment(db, id) as Snapshot | null;
    case 'taxonomyNode':
      return getNode(db, id) as Snapshot | null;
    case 'taxonomy':
      return getTaxonomyMeta(db) as Snapshot | null;
  }
}

/** Edits of the taxonomy (its nodes or its own fields) make a new taxonomy version. */
function changesTaxonomy(changes: readonly EntityChange[]): boolean {
  return changes.some((c) => c.entity === 'taxonomyNode' || c.entity === 'taxonomy');
}

const ENTITY_NAMES: Record<EditedEntity, string> = {
  actor: 'person',
  segment: 'segment',
  taxonomyNode: 'taxonomy node',
  taxonomy: 'taxonomy',
};

/** What makes two states of an entity the same for undo: everything but its revision and time stamp. */
/** The same content, whatever the revision and time of the last write. */
export function sameState(a: object | null, b: object | null): boolean {
  if (a === null || b === null) return a === b;
  const strip = ({ revision: _r, updatedAt: _u, ...rest }: Snapshot) => rest;
  return JSON.stringify(strip({ ...a })) === JSON.stringify(strip({ ...b }));
}

/** Writes an entity's state back (null: removes it). Segments get a new revision so stale clients see a conflict. */
function restore(db: Database, entity: EditedEntity, id: string, state: Snapshot | null, at: string): void {
  switch (entity) {
    case 'actor': {
      if (state === null) {
        deleteActor(db, id);
        return;
      }
      const actor = state as unknown as Actor;
      const holder = actorWithNumber(db, actor.videoId, actor.number);
      if (holder && holder.id !== id) {
        throw new AmeliaError(
          'conflict',
          `Person ${actor.number} of this video is someone else now${holder.name ? ` (${holder.name})` : ''}, so the person this edit changed cannot come back under that number.`,
          id,
        );
      }
      writeActor(db, actor);
      return;
    }
    case 'segment': {
      if (state === null) {
        deleteSegment(db, id);
        return;
      }
      const seg = state as unknown as Segment;
      const revision = Math.max(currentRevision(db, id) ?? 0, seg.revision) + 1;
      writeSegment(db, { ...seg, revision, updatedAt: at });
      return;
    }
    case 'taxonomyNode':
      if (state === null) {
        if (nodeInUse(db, id)) {
          throw new AmeliaError(
            'conflict',
            `The taxonomy node "${id}" is in use by labels or other nodes now, so it stays.`,
          );
        }
        deleteNode(db, id);
      } else writeNode(db, state as unknown as TaxonomyNode);
      return;
    case 'taxonomy':
      if (state !== null) {
        const meta = state as unknown as TaxonomyMeta;
        setTaxonomyMeta(db, meta.name, meta.levels, meta.mappings);
      }
      return;
  }
}

/** Records the state of every entity an edit touches, before it is touched. */
export class ChangeTracker {
  private readonly db: Database;
  private readonly before = new Map<string, { entity: EditedEntity; id: string; state: Snapshot | null }>();

  constructor(db: Database) {
    this.db = db;
  }

  /** Call before changing (or creating, or removing) an entity. */
  touch(entity: EditedEntity, id: string): void {
    const key = `${entity}:${id}`;
    if (!this.before.has(key)) this.before.set(key, { entity, id, state: snapshotOf(this.db, entity, id) });
  }

  changes(): EntityChange[] {
    const out: EntityChange[] = [];
    for (const { entity, id, state } of this.before.values()) {
      const after = snapshotOf(this.db, entity, id);
      if (!sameStateStrict(state, after)) out.push({ entity, id, before: state, after });
    }
    return out;
  }
}

function sameStateStrict(a: Snapshot | null, b: Snapshot | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface EditRow {
  id: number;
  at: string;
  user_id: string | null;
  client_id: string | null;
  video_id: string | null;
  kind: string;
  summary: string;
  ref_edit_id: number | null;
  undo_state: string;
  changes: string;
}

function toEntry(r: EditRow): EditEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    clientId: r.client_id,
    videoId: r.video_id,
    kind: r.kind,
    summary: r.summary,
    refEditId: r.ref_edit_id,
    undone: r.undo_state === 'undone' || r.undo_state === 'dropped',
    changes: JSON.parse(r.changes) as EntityChange[],
  };
}

function insertEntry(
  db: Database,
  meta: EditMeta,
  kind: string,
  summary: string,
  videoId: string | null,
  changes: EntityChange[],
  undoState: 'done' | 'history',
  refEditId: number | null,
): EditEntry {
  const info = db
    .prepare(
      `INSERT INTO edits (at, user_id, client_id, video_id, kind, summary, ref_edit_id, undo_state, changes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      meta.at,
      meta.userId,
      meta.clientId,
      videoId,
      kind,
      summary,
      refEditId,
      undoState,
      JSON.stringify(changes),
    );
  const id = Number(info.lastInsertRowid);
  const link = db.prepare(
    'INSERT OR IGNORE INTO edit_entities (edit_id, entity, entity_id) VALUES (?, ?, ?)',
  );
  for (const c of changes) link.run(id, c.entity, c.id);
  return toEntry(db.prepare('SELECT * FROM edits WHERE id = ?').get(id) as EditRow);
}

export interface EditOutcome<T> {
  value: T;
  entry: EditEntry | null;
}

/**
 * Runs one edit in one transaction: `body` touches (through the tracker) every entity it changes, the
 * changes are written to the audit log, and this client's redo history ends (a new edit forks it).
 * An edit that changes nothing writes no entry.
 */
export function applyEdit<T>(
  db: Database,
  meta: EditMeta,
  kind: string,
  summary: string,
  videoId: string | null,
  body: (tracker: ChangeTracker) => T,
): EditOutcome<T> {
  return db.transaction(() => {
    const tracker = new ChangeTracker(db);
    const value = body(tracker);
    const changes = tracker.changes();
    if (changes.length === 0) return { value, entry: null };
    if (changesTaxonomy(changes)) recordTaxonomyVersion(db, summary, meta.userId, meta.at);
    if (meta.clientId !== null) {
      db.prepare("UPDATE edits SET undo_state = 'dropped' WHERE client_id = ? AND undo_state = 'undone'").run(
        meta.clientId,
      );
    }
    const entry = insertEntry(db, meta, kind, summary, videoId, changes, 'done', null);
    return { value, entry };
  })();
}

function lastOfClient(db: Database, clientId: string, state: 'done' | 'undone'): EditRow | undefined {
  return (
    db
      // The last edit done, or the edit undone most recently (undos go backwards, so the lowest undone id).
      .prepare(
        `SELECT * FROM edits WHERE client_id = ? AND undo_state = ? ORDER BY id ${state === 'done' ? 'DESC' : 'ASC'} LIMIT 1`,
      )
      .get(clientId, state) as EditRow | undefined
  );
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  /** The edit an undo would undo now. */
  nextUndo: { editId: number; summary: string } | null;
}

export function undoState(db: Database, clientId: string): UndoState {
  const next = lastOfClient(db, clientId, 'done');
  return {
    canUndo: next !== undefined,
    canRedo: lastOfClient(db, clientId, 'undone') !== undefined,
    nextUndo: next ? { editId: next.id, summary: next.summary } : null,
  };
}

/**
 * Takes the client's next edit to undo out of its undo history, for an edit that cannot be undone any more
 * (what it changed has been changed since): it stays as it is and in the audit log (as a `history` entry,
 * like an undo's own), and undo goes on with the edit before. `editId` names the edit the caller was told
 * about; another is refused.
 */
export function skipUndo(db: Database, clientId: string, editId: number): EditEntry {
  return db.transaction(() => {
    const next = lastOfClient(db, clientId, 'done');
    if (!next || next.id !== editId) {
      throw new AmeliaError(
        'conflict',
        next
          ? `Edit ${editId} is not the next one to undo any more ("${next.summary}" is).`
          : `Edit ${editId} is not the next one to undo: there is nothing left to undo.`,
        'editId',
      );
    }
    db.prepare("UPDATE edits SET undo_state = 'history' WHERE id = ?").run(editId);
    return toEntry({ ...next, undo_state: 'history' });
  })();
}

function replay(db: Database, meta: EditMeta, row: EditRow, direction: 'undo' | 'redo'): EditEntry {
  const changes = JSON.parse(row.changes) as EntityChange[];
  // What must be there now, and what to put back.
  for (const c of changes) {
    const expected = direction === 'undo' ? c.after : c.before;
    const current = snapshotOf(db, c.entity, c.id);
    if (!sameState(current, expected)) {
      throw new AmeliaError(
        'conflict',
        `Cannot ${direction} "${row.summary}": the ${ENTITY_NAMES[c.entity]} it changed has been changed since (by another edit or another person).`,
        c.id,
      );
    }
  }
  db.pragma('defer_foreign_keys = ON');
  const ordered = direction === 'undo' ? [...changes].reverse() : changes;
  const written: EntityChange[] = [];
  for (const c of ordered) {
    const from = snapshotOf(db, c.entity, c.id);
    restore(db, c.entity, c.id, direction === 'undo' ? c.before : c.after, meta.at);
    written.push({ entity: c.entity, id: c.id, before: from, after: snapshotOf(db, c.entity, c.id) });
  }
  // What is written back must still keep the rules with what others have done since.
  try {
    checkOverlapsAfterChange(
      db,
      changes.filter((c) => c.entity === 'segment').map((c) => c.id),
      changes.filter((c) => c.entity === 'taxonomyNode').map((c) => c.id),
    );
    requireReferences(db, changes);
  } catch (err) {
    if (err instanceof AmeliaError && err.code === 'conflict') {
      const why = err.message.charAt(0).toLowerCase() + err.message.slice(1);
      throw new AmeliaError('conflict', `Cannot ${direction} "${row.summary}": ${why}`, err.where);
    }
    throw err;
  }
  const summary = `${direction === 'undo' ? 'Undo' : 'Redo'}: ${row.summary}`;
  if (changesTaxonomy(changes)) recordTaxonomyVersion(db, summary, meta.userId, meta.at);
  db.prepare('UPDATE edits SET undo_state = ? WHERE id = ?').run(
    direction === 'undo' ? 'undone' : 'done',
    row.id,
  );
  return insertEntry(db, meta, direction, summary, row.video_id, written, 'history', row.id);
}

const TABLES: Partial<Record<EditedEntity, string>> = {
  actor: 'actors',
  segment: 'segments',
  taxonomyNode: 'taxonomy_nodes',
};

const REFERRED: Record<string, string> = {
  videos: 'the video',
  actors: 'the person',
  taxonomy_nodes: 'a taxonomy node',
};

/**
 * What was written back must refer to what exists now: a person's video, a segment's person and label, a
 * node's parent. (Foreign keys are deferred during a replay: a violation found only at commit would be an
 * internal error rather than a conflict.)
 */
function requireReferences(db: Database, changes: readonly EntityChange[]): void {
  const tables = new Set(changes.map((c) => TABLES[c.entity]).filter((t): t is string => t !== undefined));
  for (const table of tables) {
    const broken = db.pragma(`foreign_key_check(${table})`) as { parent: string }[];
    const first = broken[0];
    if (first) {
      throw new AmeliaError(
        'conflict',
        `${REFERRED[first.parent] ?? first.parent} it refers to has been removed since.`,
      );
    }
  }
}

/** Undoes the client's last edit; null when there is none. */
export function undoLast(db: Database, meta: EditMeta & { clientId: string }): EditEntry | null {
  return db.transaction(() => {
    const row = lastOfClient(db, meta.clientId, 'done');
    return row ? replay(db, meta, row, 'undo') : null;
  })();
}

/** Redoes the client's last undone edit; null when there is none. */
export function redoLast(db: Database, meta: EditMeta & { clientId: string }): EditEntry | null {
  return db.transaction(() => {
    const row = lastOfClient(db, meta.clientId, 'undone');
    return row ? replay(db, meta, row, 'redo') : null;
  })();
}

export function listEdits(
  db: Database,
  filter: { videoId?: string; segmentId?: string; limit: number },
): EditEntry[] {
  if (filter.segmentId) {
    return (
      db
        .prepare(
          `SELECT e.* FROM edits e JOIN edit_entities x ON x.edit_id = e.id
           WHERE x.entity = 'segment' AND x.entity_id = ? ORDER BY e.id DESC LIMIT ?`,
        )
        .all(filter.segmentId, filter.limit) as EditRow[]
    ).map(toEntry);
  }
  if (filter.videoId) {
    return (
      db
        .prepare('SELECT * FROM edits WHERE video_id = ? ORDER BY id DESC LIMIT ?')
        .all(filter.videoId, filter.limit) as EditRow[]
    ).map(toEntry);
  }
  return (db.prepare('SELECT * FROM edits ORDER BY id DESC LIMIT ?').all(filter.limit) as EditRow[]).map(
    toEntry,
  );
}
