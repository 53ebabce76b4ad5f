import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Segment } from '../../../shared/domain/annotation';
import type { ReviewAction, ReviewActor, ReviewState } from '../../../shared/review/states';
import { reviewTransition } from '../../../shared/review/states';
import type { TubeVersion } from '../../../shared/review/compare';
import { compareVersions } from '../../../shared/review/compare';
import { buildTree } from '../../../shared/taxonomy/tree';
import type { EditMeta } from '../annotation/editLog';
import { applyEdit } from '../annotation/editLog';
import { requireVideo } from '../annotation/rules';
import { deleteSegment, getSegment, listSegments, writeSegment } from '../store/annotationRows';
import { listNodes } from '../store/taxonomyRows';
import { assigneesOf, setAssignmentState } from './assignments';
import type { ItemRow, ItemState } from './items';
import { itemRow, itemVersions, itemsOfVideo } from './items';
import { reviewSettings } from './settings';

/** Moves a tube through the review state machine, or says why it may not. */
function transition(s: Segment, action: ReviewAction, by: ReviewActor): ReviewState {
  const t = reviewTransition(s.reviewState, action, by);
  if (!t.ok)
    throw new AmeliaError(
      'conflict',
      `Tube ${s.id} (frames ${s.startFrame}–${s.endFrame}): ${t.reason}.`,
      s.id,
    );
  return t.to;
}

function writeState(db: Database, s: Segment, state: ReviewState, at: string): Segment {
  const next = { ...s, reviewState: state, revision: s.revision + 1, updatedAt: at };
  writeSegment(db, next);
  return next;
}

/** Review actions are audited but not undoable with Ctrl+Z: they are decisions, not edits. */
function reviewMeta(meta: EditMeta): EditMeta {
  return { ...meta, clientId: null };
}

export interface SubmitOutcome {
  submitted: number;
  compared: boolean;
  changedSegments: string[];
}

/**
 * An annotator submits their tubes of a video (drafts and returned ones). When every annotator assigned to
 * the video has submitted, their independent tubes are compared: each match becomes a review item, agreed
 * or disputed with its reasons, and the tubes follow.
 */
export function submitVideo(
  db: Database,
  meta: EditMeta,
  videoId: string,
  newId: () => string,
): SubmitOutcome {
  requireVideo(db, videoId);
  const userId = meta.userId;
  const assignees = assigneesOf(db, videoId);
  const mine = assignees.find((a) => a.userId === userId);
  if (meta.role === 'annotator' && !mine)
    throw new AmeliaError('forbidden', 'This video is not assigned to you.', 'videoId');
  const by: ReviewActor = meta.role;
  const outcome = applyEdit(
    db,
    reviewMeta(meta),
    'review.submit',
    'Submit tubes for review',
    videoId,
    (t) => {
      const own = listSegments(db, videoId).filter(
        (s) => s.ownerId === userId && (s.reviewState === 'draft' || s.reviewState === 'returned'),
      );
      for (const s of own) {
        t.touch('segment', s.id);
        writeState(db, s, transition(s, 'submit', by), meta.at);
      }
      if (mine) setAssignmentState(db, videoId, mine.userId, 'submitted', meta.at);
      const all = assigneesOf(db, videoId);
      const ready = all.length > 0 && all.every((a) => a.state === 'submitted');
      if (ready)
        compareVideo(
          db,
          meta,
          videoId,
          all.map((a) => a.userId),
          newId,
          (id) => t.touch('segment', id),
        );
      return { submitted: own.length, compared: ready };
    },
  );
  return { ...outcome.value, changedSegments: outcome.entry?.changes.map((c) => c.id) ?? [] };
}

/** Compares the submitted tubes of a video's annotators and records the review items. */
function compareVideo(
  db: Database,
  meta: EditMeta,
  videoId: string,
  annotators: string[],
  newId: () => string,
  touch: (segmentId: string) => void,
): void {
  const settings = reviewSettings(db);
  const tree = buildTree(listNodes(db));
  // Items made final stay as they are; the rest is compared again from the tubes as they now are.
  const kept = itemsOfVideo(db, videoId).filter((i) => i.state === 'final');
  const settled = new Set(kept.flatMap((i) => itemVersions(i).map((v) => v.segmentId)));
  db.prepare("DELETE FROM review_items WHERE video_id = ? AND state <> 'final'").run(videoId);
  const segments = listSegments(db, videoId).filter(
    (s) =>
      s.ownerId !== null &&
      annotators.includes(s.ownerId) &&
      !settled.has(s.id) &&
      (s.reviewState === 'submitted' || s.reviewState === 'agreed' || s.reviewState === 'disputed'),
  );
  const versions: TubeVersion[] = segments.map((s) => ({
    segmentId: s.id,
    annotatorId: s.ownerId as string,
    actorId: s.actorId,
    startFrame: s.startFrame,
    endFrame: s.endFrame,
    labelPath: s.label ? tree.pathOf(s.label.nodeId).map((n) => n.id) : null,
    uncertain: s.uncertain,
  }));
  const byId = new Map(segments.map((s) => [s.id, s]));
  const insert = db.prepare(
    `INSERT INTO review_items (id, video_id, actor_id, state, severity, reasons, versions, mean_iou, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const group of compareVersions(versions, annotators, {
    toleranceFrames: settings.boundaryToleranceFrames,
  })) {
    const disputed = group.reasons.length > 0;
    insert.run(
      newId(),
      videoId,
      group.actorId,
      disputed ? 'disputed' : 'agreed',
      group.severity,
      JSON.stringify(group.reasons),
      JSON.stringify(group.versions.map((v) => ({ segmentId: v.segmentId, annotatorId: v.annotatorId }))),
      group.meanIoU,
      meta.at,
      meta.at,
    );
    for (const v of group.versions) {
      const s = byId.get(v.segmentId) as Segment;
      const target: ReviewState = disputed ? 'disputed' : 'agreed';
      if (s.reviewState === target) continue;
      touch(s.id);
      // Tubes compared again (after a return) may already be agreed or disputed: they take the new verdict.
      const state =
        s.reviewState === 'submitted' ? transition(s, disputed ? 'dispute' : 'agree', 'system') : target;
      writeState(db, s, state, meta.at);
    }
  }
}

function requireItem(db: Database, itemId: string): ItemRow {
  const row = itemRow(db, itemId);
  if (!row) throw new AmeliaError('not_found', `No review item ${itemId}.`, 'itemId');
  return row;
}

function setItem(
  db: Database,
  id: string,
  state: ItemState,
  finalSegmentId: string | null,
  meta: EditMeta,
): void {
  db.prepare(
    `UPDATE review_items SET state = ?, final_segment_id = ?, updated_at = ?,
       resolved_by = CASE WHEN ? = 'final' THEN ? ELSE NULL END, resolved_at = CASE WHEN ? = 'final' THEN ? ELSE NULL END
     WHERE id = ?`,
  ).run(state, finalSegmentId, meta.at, state, meta.userId, state, meta.at, id);
}

/**
 * Makes an item final: the chosen version becomes the final tube, or (edit) a copy of it owned by the
 * expert does, to be changed in the workspace.
 */
export function finalizeItem(
  db: Database,
  meta: EditMeta,
  itemId: string,
  segmentId: string,
  edit: boolean,
  newId: () => string,
): { item: ItemRow; finalSegment: Segment } {
  const item = requireItem(db, itemId);
  if (item.state !== 'agreed' && item.state !== 'disputed') {
    throw new AmeliaError(
      'conflict',
      `This item is ${item.state}: only agreed or disputed items are made final.`,
      'itemId',
    );
  }
  if (!itemVersions(item).some((v) => v.segmentId === segmentId)) {
    throw new AmeliaError('invalid_request', 'That tube is not one of this item’s versions.', 'segmentId');
  }
  const chosen = getSegment(db, segmentId);
  if (!chosen) throw new AmeliaError('not_found', `No tube ${segmentId}.`, 'segmentId');
  const summary = edit ? 'Make a final version to edit' : 'Accept a version as final';
  const outcome = applyEdit(db, reviewMeta(meta), 'review.finalize', summary, item.video_id, (t) => {
    let final: Segment;
    if (edit) {
      transition(chosen, 'finalize', meta.role);
      const id = newId();
      t.touch('segment', id);
      final = {
        ...chosen,
        id,
        ownerId: meta.userId,
        origin: 'final',
        reviewState: 'final',
        revision: 1,
        updatedAt: meta.at,
      };
      writeSegment(db, final);
    } else {
      t.touch('segment', chosen.id);
      final = writeState(db, chosen, transition(chosen, 'finalize', meta.role), meta.at);
    }
    setItem(db, itemId, 'final', final.id, meta);
    return final;
  });
  return { item: requireItem(db, itemId), finalSegment: outcome.value };
}

/**
 * Returns an item to its annotators (or one of them) with a comment: their versions become returned, their
 * assignment opens again, and the comment reaches their inbox. A final version made by an expert is removed.
 */
export function returnItem(
  db: Database,
  meta: EditMeta,
  itemId: string,
  annotatorId: string | undefined,
  comment: string,
  newId: () => string,
): ItemRow {
  const item = requireItem(db, itemId);
  if (item.state === 'returned')
    throw new AmeliaError('conflict', 'This item is already returned.', 'itemId');
  const versions = itemVersions(item);
  const assignees = assigneesOf(db, item.video_id).map((a) => a.userId);
  const targets = annotatorId
    ? [annotatorId]
    : [...new Set([...versions.map((v) => v.annotatorId), ...assignees])];
  if (
    annotatorId &&
    !assignees.includes(annotatorId) &&
    !versions.some((v) => v.annotatorId === annotatorId)
  ) {
    throw new AmeliaError('invalid_request', 'That person did not work on this item.', 'annotatorId');
  }
  applyEdit(
    db,
    reviewMeta(meta),
    'review.return',
    `Return for rework: ${comment.slice(0, 80)}`,
    item.video_id,
    (t) => {
      if (item.final_segment_id) {
        const final = getSegment(db, item.final_segment_id);
        if (final?.origin === 'final') {
          t.touch('segment', final.id);
          deleteSegment(db, final.id);
        }
      }
      for (const v of versions) {
        if (!targets.includes(v.annotatorId)) continue;
        const s = getSegment(db, v.segmentId);
        if (!s) continue;
        t.touch('segment', s.id);
        writeState(db, s, transition(s, 'return', meta.role), meta.at);
      }
      for (const user of targets) {
        if (assignees.includes(user)) setAssignmentState(db, item.video_id, user, 'open', meta.at);
        db.prepare(
          `INSERT INTO review_comments (id, review_item_id, segment_id, user_id, to_user_id, at, kind, text)
         VALUES (?, ?, ?, ?, ?, ?, 'return', ?)`,
        ).run(
          newId(),
          itemId,
          versions.find((v) => v.annotatorId === user)?.segmentId ?? null,
          meta.userId,
          user,
          meta.at,
          comment,
        );
      }
      setItem(db, itemId, 'returned', null, meta);
    },
  );
  return requireItem(db, itemId);
}

export function addComment(
  db: Database,
  meta: EditMeta,
  itemId: string,
  text: string,
  newId: () => string,
): string {
  requireItem(db, itemId);
  const id = newId();
  db.prepare(
    `INSERT INTO review_comments (id, review_item_id, user_id, at, kind, text) VALUES (?, ?, ?, ?, 'comment', ?)`,
  ).run(id, itemId, meta.userId, meta.at, text);
  return id;
}
