import type { Database } from 'better-sqlite3';
import type { Actor, Segment, SegmentOrigin, TrackKeyframe } from '../../../shared/domain/annotation';
import type { ReviewState } from '../../../shared/review/states';

interface ActorRow {
  id: string;
  video_id: string;
  number: number;
  name: string;
  color: string;
  created_at: string;
}

export interface SegmentRow {
  id: string;
  video_id: string;
  actor_id: string;
  start_frame: number;
  end_frame: number;
  label_node_id: string | null;
  label_version: number | null;
  label_user_id: string | null;
  label_at: string | null;
  uncertain: number;
  note: string;
  revision: number;
  created_at: string;
  updated_at: string;
  owner_id: string | null;
  review_state: string;
  origin: string;
  confidence: number | null;
}

interface KeyframeRow {
  segment_id: string;
  frame: number;
  x: number;
  y: number;
  width: number;
  height: number;
  outside: number;
}

function toActor(r: ActorRow): Actor {
  return {
    id: r.id,
    videoId: r.video_id,
    number: r.number,
    name: r.name,
    color: r.color,
    createdAt: r.created_at,
  };
}

function toKeyframe(r: KeyframeRow): TrackKeyframe {
  return { frame: r.frame, x: r.x, y: r.y, width: r.width, height: r.height, outside: r.outside === 1 };
}

function toSegment(r: SegmentRow, keyframes: TrackKeyframe[]): Segment {
  return {
    id: r.id,
    videoId: r.video_id,
    actorId: r.actor_id,
    startFrame: r.start_frame,
    endFrame: r.end_frame,
    label:
      r.label_node_id !== null && r.label_version !== null
        ? {
            nodeId: r.label_node_id,
            taxonomyVersion: r.label_version,
            userId: r.label_user_id,
            at: r.label_at ?? r.updated_at,
          }
        : null,
    uncertain: r.uncertain === 1,
    note: r.note,
    keyframes,
    ownerId: r.owner_id,
    reviewState: r.review_state as ReviewState,
    origin: r.origin as SegmentOrigin,
    confidence: r.confidence,
    revision: r.revision,
    updatedAt: r.updated_at,
  };
}

/* Actors */

/** A palette that stays apart on dark video and from each other. */
export const ACTOR_COLORS = [
  '#f5a524',
  '#5aa9e6',
  '#e5484d',
  '#46a758',
  '#a78bfa',
  '#f472b6',
  '#2dd4bf',
  '#facc15',
];

export function actorColor(number: number): string {
  return ACTOR_COLORS[(number - 1) % ACTOR_COLORS.length] as string;
}

export function listActors(db: Database, videoId: string): Actor[] {
  return (
    db.prepare('SELECT * FROM actors WHERE video_id = ? ORDER BY number').all(videoId) as ActorRow[]
  ).map(toActor);
}

export function getActor(db: Database, id: string): Actor | null {
  const r = db.prepare('SELECT * FROM actors WHERE id = ?').get(id) as ActorRow | undefined;
  return r ? toActor(r) : null;
}

/** The actor that holds a number in a video, if any. */
export function actorWithNumber(db: Database, videoId: string, number: number): Actor | null {
  const r = db.prepare('SELECT * FROM actors WHERE video_id = ? AND number = ?').get(videoId, number) as
    ActorRow | undefined;
  return r ? toActor(r) : null;
}

export function nextActorNumber(db: Database, videoId: string): number {
  const r = db.prepare('SELECT max(number) AS n FROM actors WHERE video_id = ?').get(videoId) as {
    n: number | null;
  };
  return (r.n ?? 0) + 1;
}

export function writeActor(db: Database, a: Actor): void {
  db.prepare(
    `INSERT INTO actors (id, video_id, number, name, color, created_at) VALUES (@id, @videoId, @number, @name, @color, @createdAt)
     ON CONFLICT (id) DO UPDATE SET number = excluded.number, name = excluded.name, color = excluded.color`,
  ).run(a);
}

export function deleteActor(db: Database, id: string): void {
  db.prepare('DELETE FROM actors WHERE id = ?').run(id);
}

/* Segments */

function keyframesOf(db: Database, segmentId: string): TrackKeyframe[] {
  return (
    db.prepare('SELECT * FROM keyframes WHERE segment_id = ? ORDER BY frame').all(segmentId) as KeyframeRow[]
  ).map(toKeyframe);
}

export function getSegment(db: Database, id: string): Segment | null {
  const r = db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as SegmentRow | undefined;
  return r ? toSegment(r, keyframesOf(db, id)) : null;
}

export function listSegments(db: Database, videoId: string): Segment[] {
  const rows = db
    .prepare('SELECT * FROM segments WHERE video_id = ? ORDER BY actor_id, start_frame, id')
    .all(videoId) as SegmentRow[];
  const kfs = db
    .prepare(
      'SELECT k.* FROM keyframes k JOIN segments s ON s.id = k.segment_id WHERE s.video_id = ? ORDER BY k.segment_id, k.frame',
    )
    .all(videoId) as KeyframeRow[];
  const bySegment = new Map<string, TrackKeyframe[]>();
  for (const k of kfs) {
    const arr = bySegment.get(k.segment_id) ?? [];
    arr.push(toKeyframe(k));
    bySegment.set(k.segment_id, arr);
  }
  return rows.map((r) => toSegment(r, bySegment.get(r.id) ?? []));
}

export function segmentsOfActor(db: Database, actorId: string): Segment[] {
  const rows = db.prepare('SELECT id FROM segments WHERE actor_id = ? ORDER BY start_frame').all(actorId) as {
    id: string;
  }[];
  return rows.map((r) => getSegment(db, r.id) as Segment);
}

/**
 * Spans (no keyframes) of an actor's segments in one person's version, for the overlap rule: independent
 * annotators' tubes of the same person overlap by design.
 */
export function segmentSpansOfActor(
  db: Database,
  actorId: string,
  ownerId: string | null,
): {
  id: string;
  actorId: string;
  startFrame: number;
  endFrame: number;
  labelNodeId: string | null;
  ownerId: string | null;
}[] {
  return (
    db
      .prepare(
        'SELECT id, actor_id, start_frame, end_frame, label_node_id FROM segments WHERE actor_id = ? AND owner_id IS ?',
      )
      .all(actorId, ownerId) as Pick<
      SegmentRow,
      'id' | 'actor_id' | 'start_frame' | 'end_frame' | 'label_node_id'
    >[]
  ).map((r) => ({
    id: r.id,
    actorId: r.actor_id,
    startFrame: r.start_frame,
    endFrame: r.end_frame,
    labelNodeId: r.label_node_id,
    ownerId,
  }));
}

/** Writes a whole segment (row and keyframes), inserting or replacing it. */
export function writeSegment(db: Database, s: Segment): void {
  db.prepare(
    `INSERT INTO segments (id, video_id, actor_id, start_frame, end_frame, label_node_id, label_version, label_user_id,
       label_at, uncertain, note, revision, created_at, updated_at, owner_id, review_state, origin, confidence)
     VALUES (@id, @videoId, @actorId, @startFrame, @endFrame, @labelNodeId, @labelVersion, @labelUserId, @labelAt,
       @uncertain, @note, @revision, @updatedAt, @updatedAt, @ownerId, @reviewState, @origin, @confidence)
     ON CONFLICT (id) DO UPDATE SET video_id = excluded.video_id, actor_id = excluded.actor_id,
       start_frame = excluded.start_frame, end_frame = excluded.end_frame, label_node_id = excluded.label_node_id,
       label_version = excluded.label_version, label_user_id = excluded.label_user_id, label_at = excluded.label_at,
       uncertain = excluded.uncertain, note = excluded.note, revision = excluded.revision, updated_at = excluded.updated_at,
       owner_id = excluded.owner_id, review_state = excluded.review_state, origin = excluded.origin,
       confidence = excluded.confidence`,
  ).run({
    id: s.id,
    videoId: s.videoId,
    actorId: s.actorId,
    startFrame: s.startFrame,
    endFrame: s.endFrame,
    labelNodeId: s.label?.nodeId ?? null,
    labelVersion: s.label?.taxonomyVersion ?? null,
    labelUserId: s.label?.userId ?? null,
    labelAt: s.label?.at ?? null,
    uncertain: s.uncertain ? 1 : 0,
    note: s.note,
    revision: s.revision,
    updatedAt: s.updatedAt,
    ownerId: s.ownerId,
    reviewState: s.reviewState,
    origin: s.origin,
    confidence: s.confidence,
  });
  db.prepare('DELETE FROM keyframes WHERE segment_id = ?').run(s.id);
  const insert = db.prepare(
    'INSERT INTO keyframes (segment_id, frame, x, y, width, height, outside) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const k of s.keyframes) insert.run(s.id, k.frame, k.x, k.y, k.width, k.height, k.outside ? 1 : 0);
}

export function deleteSegment(db: Database, id: string): void {
  db.prepare('DELETE FROM segments WHERE id = ?').run(id);
}

export function currentRevision(db: Database, id: string): number | null {
  const r = db.prepare('SELECT revision FROM segments WHERE id = ?').get(id) as
    { revision: number } | undefined;
  return r?.revision ?? null;
}
