import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Label, Segment, TrackKeyframe } from '../../../shared/domain/annotation';
import { boxAt, normaliseKeyframes } from '../../../shared/tracks/interpolate';
import { getSegment, writeSegment, deleteSegment } from '../store/annotationRows';
import { taxonomyVersion } from '../store/taxonomyRows';
import type { EditMeta, EditOutcome } from './editLog';
import { applyEdit, sameState } from './editLog';
import { requireActor } from './actors';
import { checkLabel, checkNoOverlap, checkRange, requireVideo, taxonomyTree } from './rules';
import { requireSegmentEdit, requireVideoAccess } from './permissions';
import type { SegmentOrigin } from '../../../shared/domain/annotation';

export function requireSegment(db: Database, segmentId: string): Segment {
  const s = getSegment(db, segmentId);
  if (!s)
    throw new AmeliaError('not_found', `No segment ${segmentId}: it may have been removed.`, 'segmentId');
  return s;
}

/** Optimistic concurrency: the client names the revision it saw; anything newer is someone else's change. */
function requireRevision(s: Segment, revision: number): void {
  if (s.revision !== revision) {
    throw new AmeliaError(
      'conflict',
      `This segment was changed since you loaded it (your revision ${revision}, now ${s.revision}). ` +
        'Reload it, then apply your change again or keep theirs.',
      s.id,
    );
  }
}

function checkKeyframe(k: TrackKeyframe, s: Pick<Segment, 'startFrame' | 'endFrame'>): void {
  if (k.frame < s.startFrame || k.frame > s.endFrame) {
    throw new AmeliaError(
      'invalid_request',
      `A box keyframe at frame ${k.frame} is outside the segment (frames ${s.startFrame}–${s.endFrame}).`,
      'keyframe.frame',
    );
  }
}

function labelFor(db: Database, nodeId: string | null, meta: EditMeta): Label | null {
  if (nodeId === null) return null;
  checkLabel(db, nodeId);
  return { nodeId, taxonomyVersion: taxonomyVersion(db), userId: meta.userId, at: meta.at };
}

function span(s: Segment) {
  return {
    id: s.id,
    actorId: s.actorId,
    startFrame: s.startFrame,
    endFrame: s.endFrame,
    labelNodeId: s.label?.nodeId ?? null,
    ownerId: s.ownerId,
  };
}

export interface NewSegment {
  videoId: string;
  actorId: string;
  startFrame: number;
  endFrame: number;
  labelNodeId?: string | null | undefined;
  uncertain?: boolean | undefined;
  note?: string | undefined;
  keyframes?: TrackKeyframe[] | undefined;
  origin?: SegmentOrigin | undefined;
  confidence?: number | null | undefined;
}

export function createSegment(
  db: Database,
  meta: EditMeta,
  id: string,
  input: NewSegment,
): EditOutcome<Segment> {
  const video = requireVideo(db, input.videoId);
  requireVideoAccess(db, meta, video.id);
  const actor = requireActor(db, input.actorId);
  if (actor.videoId !== video.id)
    throw new AmeliaError('invalid_request', 'That person belongs to another video.', 'actorId');
  checkRange(video, input.startFrame, input.endFrame);
  const segment: Segment = {
    id,
    videoId: video.id,
    actorId: actor.id,
    startFrame: input.startFrame,
    endFrame: input.endFrame,
    label: labelFor(db, input.labelNodeId ?? null, meta),
    uncertain: input.uncertain ?? false,
    note: input.note ?? '',
    keyframes: normaliseKeyframes(input.keyframes ?? []),
    ownerId: meta.userId,
    reviewState: 'draft',
    origin: input.origin ?? 'manual',
    confidence: input.confidence ?? null,
    revision: 1,
    updatedAt: meta.at,
  };
  for (const k of segment.keyframes) checkKeyframe(k, segment);
  return applyEdit(
    db,
    meta,
    'segment.create',
    `Add a segment, frames ${segment.startFrame}–${segment.endFrame}`,
    video.id,
    (t) => {
      checkNoOverlap(db, span(segment));
      t.touch('segment', id);
      writeSegment(db, segment);
      return segment;
    },
  );
}

export interface SegmentPatch {
  actorId?: string | undefined;
  startFrame?: number | undefined;
  endFrame?: number | undefined;
  labelNodeId?: string | null | undefined;
  uncertain?: boolean | undefined;
  note?: string | undefined;
  /** Takes a model's pre-label as the person's own. */
  confirm?: true | undefined;
}

function describePatch(p: SegmentPatch): string {
  const parts: string[] = [];
  if (p.startFrame !== undefined || p.endFrame !== undefined) parts.push('boundaries');
  if (p.labelNodeId !== undefined) parts.push('label');
  if (p.actorId !== undefined) parts.push('person');
  if (p.uncertain !== undefined) parts.push('uncertain flag');
  if (p.note !== undefined) parts.push('note');
  if (p.confirm && parts.length === 0) return "Confirm the model's label";
  return parts.length ? `Change the segment's ${parts.join(', ')}` : 'Change a segment';
}

export function updateSegment(
  db: Database,
  meta: EditMeta,
  segmentId: string,
  revision: number,
  patch: SegmentPatch,
): EditOutcome<Segment> {
  const current = requireSegment(db, segmentId);
  requireRevision(current, revision);
  requireSegmentEdit(meta, current);
  const video = requireVideo(db, current.videoId);
  const next: Segment = { ...current, revision: current.revision + 1, updatedAt: meta.at };
  if (patch.actorId !== undefined && patch.actorId !== current.actorId) {
    const actor = requireActor(db, patch.actorId);
    if (actor.videoId !== current.videoId)
      throw new AmeliaError('invalid_request', 'That person belongs to another video.', 'actorId');
    next.actorId = actor.id;
  }
  if (patch.startFrame !== undefined) next.startFrame = patch.startFrame;
  if (patch.endFrame !== undefined) next.endFrame = patch.endFrame;
  checkRange(video, next.startFrame, next.endFrame);
  next.keyframes = keyframesWithin(current.keyframes, next.startFrame, next.endFrame);
  const relabelled = patch.labelNodeId !== undefined && patch.labelNodeId !== (current.label?.nodeId ?? null);
  if (relabelled) next.label = labelFor(db, patch.labelNodeId ?? null, meta);
  if (current.origin === 'model' && (relabelled || patch.confirm)) {
    // A person has decided the label: the tube is theirs now, and counts for training and export.
    if (!relabelled && current.label) next.label = labelFor(db, current.label.nodeId, meta);
    next.origin = 'manual';
    next.confidence = null;
    if (meta.userId !== null) next.ownerId = meta.userId;
  }
  if (patch.uncertain !== undefined) next.uncertain = patch.uncertain;
  if (patch.note !== undefined) next.note = patch.note;
  // Nothing to change (confirming a tube a person made, setting what is already there): no write, no
  // new revision, nothing in the audit log.
  if (sameState(current, next)) return { value: current, entry: null };
  return applyEdit(db, meta, 'segment.update', describePatch(patch), current.videoId, (t) => {
    checkNoOverlap(db, span(next));
    t.touch('segment', segmentId);
    writeSegment(db, next);
    return next;
  });
}

export function setKeyframe(
  db: Database,
  meta: EditMeta,
  segmentId: string,
  revision: number,
  keyframe: TrackKeyframe,
): EditOutcome<Segment> {
  const current = requireSegment(db, segmentId);
  requireRevision(current, revision);
  requireSegmentEdit(meta, current);
  checkKeyframe(keyframe, current);
  const next: Segment = {
    ...current,
    keyframes: normaliseKeyframes([...current.keyframes.filter((k) => k.frame !== keyframe.frame), keyframe]),
    revision: current.revision + 1,
    updatedAt: meta.at,
  };
  const what = keyframe.outside
    ? `Mark the person outside the view from frame ${keyframe.frame}`
    : `Set the box at frame ${keyframe.frame}`;
  return applyEdit(db, meta, 'segment.keyframe', what, current.videoId, (t) => {
    t.touch('segment', segmentId);
    writeSegment(db, next);
    return next;
  });
}

export function removeKeyframe(
  db: Database,
  meta: EditMeta,
  segmentId: string,
  revision: number,
  frame: number,
): EditOutcome<Segment> {
  const current = requireSegment(db, segmentId);
  requireRevision(current, revision);
  requireSegmentEdit(meta, current);
  if (!current.keyframes.some((k) => k.frame === frame)) {
    throw new AmeliaError('not_found', `The segment has no keyframe at frame ${frame}.`, 'frame');
  }
  const next: Segment = {
    ...current,
    keyframes: current.keyframes.filter((k) => k.frame !== frame),
    revision: current.revision + 1,
    updatedAt: meta.at,
  };
  return applyEdit(
    db,
    meta,
    'segment.keyframe',
    `Delete the box keyframe at frame ${frame}`,
    current.videoId,
    (t) => {
      t.touch('segment', segmentId);
      writeSegment(db, next);
      return next;
    },
  );
}

/** A keyframe at `frame` that holds the track's box there (so cutting a track does not move its boxes). */
function pinnedKeyframe(keyframes: TrackKeyframe[], frame: number): TrackKeyframe | null {
  if (keyframes.length === 0 || keyframes.some((k) => k.frame === frame)) return null;
  const at = boxAt(keyframes, frame);
  if (at.kind === 'outside') return { frame, x: 0, y: 0, width: 0, height: 0, outside: true };
  return at.box ? { frame, ...at.box, outside: false } : null;
}

/**
 * The keyframes of a track cut to a range: those outside it go, and where any went the box at the new end is
 * pinned, so the boxes inside the range stay where they were (as a split keeps them).
 */
function keyframesWithin(keyframes: TrackKeyframe[], start: number, end: number): TrackKeyframe[] {
  const inside = keyframes.filter((k) => k.frame >= start && k.frame <= end);
  if (inside.length === keyframes.length) return keyframes;
  const pins: TrackKeyframe[] = [];
  if (keyframes.some((k) => k.frame < start)) pins.push(...nonNull(pinnedKeyframe(keyframes, start)));
  if (keyframes.some((k) => k.frame > end)) pins.push(...nonNull(pinnedKeyframe(keyframes, end)));
  return normaliseKeyframes([...inside, ...pins]);
}

function nonNull<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

export function splitSegment(
  db: Database,
  meta: EditMeta,
  segmentId: string,
  revision: number,
  frame: number,
  newId: string,
): EditOutcome<[Segment, Segment]> {
  const current = requireSegment(db, segmentId);
  requireRevision(current, revision);
  requireSegmentEdit(meta, current);
  if (frame <= current.startFrame || frame > current.endFrame) {
    throw new AmeliaError(
      'invalid_request',
      `A segment (frames ${current.startFrame}–${current.endFrame}) splits at a frame after its first and up to its last.`,
      'frame',
    );
  }
  const kf = current.keyframes;
  const endOfFirst = pinnedKeyframe(kf, frame - 1);
  const startOfSecond = pinnedKeyframe(kf, frame);
  const first: Segment = {
    ...current,
    endFrame: frame - 1,
    keyframes: normaliseKeyframes([
      ...kf.filter((k) => k.frame < frame),
      ...(endOfFirst ? [endOfFirst] : []),
    ]),
    revision: current.revision + 1,
    updatedAt: meta.at,
  };
  const second: Segment = {
    ...current,
    id: newId,
    startFrame: frame,
    keyframes: normaliseKeyframes([
      ...kf.filter((k) => k.frame >= frame),
      ...(startOfSecond ? [startOfSecond] : []),
    ]),
    revision: 1,
    updatedAt: meta.at,
  };
  return applyEdit(db, meta, 'segment.split', `Split a segment at frame ${frame}`, current.videoId, (t) => {
    t.touch('segment', first.id);
    t.touch('segment', second.id);
    writeSegment(db, first);
    writeSegment(db, second);
    return [first, second];
  });
}

export function mergeSegments(db: Database, meta: EditMeta, segmentIds: string[]): EditOutcome<Segment> {
  const unique = [...new Set(segmentIds)];
  if (unique.length < 2)
    throw new AmeliaError('invalid_request', 'Merging takes two segments or more.', 'segmentIds');
  const parts = unique.map((id) => requireSegment(db, id)).sort((a, b) => a.startFrame - b.startFrame);
  for (const p of parts) requireSegmentEdit(meta, p);
  const first = parts[0] as Segment;
  if (parts.some((p) => p.actorId !== first.actorId)) {
    throw new AmeliaError('invalid_request', 'Only segments of the same person can be merged.', 'segmentIds');
  }
  const labels = new Set(parts.map((p) => p.label?.nodeId).filter((l): l is string => l !== undefined));
  if (labels.size > 1) {
    throw new AmeliaError(
      'invalid_request',
      'These segments have different labels; give them the same label (or clear one) before merging, so no label is lost.',
      'segmentIds',
    );
  }
  const labelled = parts.find((p) => p.label !== null);
  const keyframes = new Map<number, TrackKeyframe>();
  for (const p of [...parts].reverse()) for (const k of p.keyframes) keyframes.set(k.frame, k);
  const merged: Segment = {
    ...first,
    endFrame: Math.max(...parts.map((p) => p.endFrame)),
    label: labelled?.label ?? null,
    uncertain: parts.some((p) => p.uncertain),
    note: parts
      .map((p) => p.note.trim())
      .filter((n) => n.length > 0)
      .join('\n'),
    keyframes: normaliseKeyframes([...keyframes.values()]),
    revision: first.revision + 1,
    updatedAt: meta.at,
  };
  return applyEdit(db, meta, 'segment.merge', `Merge ${parts.length} segments`, first.videoId, (t) => {
    for (const p of parts) t.touch('segment', p.id);
    for (const p of parts.slice(1)) deleteSegment(db, p.id);
    checkNoOverlap(db, span(merged), taxonomyTree(db));
    writeSegment(db, merged);
    return merged;
  });
}

export function removeSegment(
  db: Database,
  meta: EditMeta,
  segmentId: string,
  revision: number,
): EditOutcome<string> {
  const current = requireSegment(db, segmentId);
  requireRevision(current, revision);
  requireSegmentEdit(meta, current);
  return applyEdit(
    db,
    meta,
    'segment.remove',
    `Delete a segment, frames ${current.startFrame}–${current.endFrame}`,
    current.videoId,
    (t) => {
      t.touch('segment', segmentId);
      deleteSegment(db, segmentId);
      return segmentId;
    },
  );
}
