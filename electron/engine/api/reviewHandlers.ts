import { AmeliaError } from '../../../shared/contract/envelope';
import type { EngineContext } from '../context';
import type { EditMeta } from '../annotation/editLog';
import { getSegment, listSegments } from '../store/annotationRows';
import { createAssignments, listAssignments, removeAssignment } from '../review/assignments';
import { agreementReport, annotatorStats } from '../review/agreement';
import { itemRow, itemVersions, queueRows, toReviewItems } from '../review/items';
import { addComment, finalizeItem, returnItem, submitVideo } from '../review/loop';
import { reviewSettings, updateReviewSettings } from '../review/settings';
import type { ItemRow } from '../review/items';
import type { HandlerGroup, Who } from './types';

type ReviewMethod =
  | `review.${'settings' | 'updateSettings' | 'queue' | 'get' | 'finalize' | 'return' | 'comment' | 'agreement' | 'annotators'}`
  | `assignments.${'list' | 'create' | 'remove'}`
  | `work.${'queue' | 'submit'}`;

interface CommentRow {
  id: string;
  review_item_id: string | null;
  segment_id: string | null;
  user_id: string | null;
  to_user_id: string | null;
  at: string;
  kind: 'return' | 'comment';
  text: string;
}

/** Assignments, submission, the expert's review queue and decisions, and agreement. */
export function reviewHandlers(ctx: EngineContext): HandlerGroup<ReviewMethod> {
  const { db } = ctx;
  const meta = (who: Who, clientId: string | null): EditMeta => ({
    userId: who.userId,
    role: who.role ?? 'annotator',
    clientId,
    at: ctx.now().toISOString(),
  });
  const item = (row: ItemRow | null) => {
    if (!row) throw new AmeliaError('not_found', 'No such review item.', 'itemId');
    return toReviewItems(db, [row])[0] as ReturnType<typeof toReviewItems>[number];
  };
  const commentsOf = (row: ItemRow) => {
    const ids = itemVersions(row).map((v) => v.segmentId);
    const rows = db
      .prepare(
        `SELECT * FROM review_comments WHERE review_item_id = ? ${ids.length ? `OR segment_id IN (${ids.map(() => '?').join(',')})` : ''}
         ORDER BY at, id`,
      )
      .all(row.id, ...ids) as CommentRow[];
    return rows.map((c) => ({
      id: c.id,
      userId: c.user_id,
      toUserId: c.to_user_id,
      at: c.at,
      kind: c.kind,
      text: c.text,
    }));
  };
  const announce = (videoId: string, segmentIds: string[]) => {
    if (segmentIds.length)
      ctx.emit('data.changed', { entity: 'segment', ids: segmentIds, removed: false, videoId });
    ctx.emit('data.changed', { entity: 'review', ids: [], removed: false, videoId });
  };

  return {
    'review.settings': () => reviewSettings(db),
    'review.updateSettings': (patch) => updateReviewSettings(db, patch),
    'assignments.list': ({ videoId, userId }) => listAssignments(db, { videoId, userId }),
    'assignments.create': (input, who) => {
      const out = createAssignments(db, input, ctx.newId, ctx.now().toISOString(), who.userId);
      ctx.emit('data.changed', { entity: 'review', ids: [], removed: false });
      return out;
    },
    'assignments.remove': ({ assignmentId }) => {
      removeAssignment(db, assignmentId);
      ctx.emit('data.changed', { entity: 'review', ids: [], removed: false });
      return { assignmentId };
    },
    'work.queue': (_req, who) => {
      if (!who.userId) return { assignments: [], returned: [] };
      const videoNames = new Map(
        (db.prepare('SELECT id, name FROM videos').all() as { id: string; name: string }[]).map((v) => [
          v.id,
          v.name,
        ]),
      );
      const assignments = listAssignments(db, { userId: who.userId }).map((a) => ({
        ...a,
        videoName: videoNames.get(a.videoId) ?? a.videoId,
        tubes: (
          db
            .prepare('SELECT count(*) AS n FROM segments WHERE video_id = ? AND owner_id = ?')
            .get(a.videoId, who.userId) as { n: number }
        ).n,
      }));
      const returnedRows = db
        .prepare(
          `SELECT DISTINCT r.* FROM review_items r JOIN review_comments c ON c.review_item_id = r.id
           WHERE r.state = 'returned' AND c.kind = 'return' AND c.to_user_id = ? ORDER BY r.updated_at DESC`,
        )
        .all(who.userId) as ItemRow[];
      const returned = returnedRows.map((r) => {
        const segments = itemVersions(r)
          .map((v) => getSegment(db, v.segmentId))
          .filter((s): s is NonNullable<typeof s> => s !== null);
        const all = itemVersions(r)
          .map((v) => getSegment(db, v.segmentId))
          .filter((s): s is NonNullable<typeof s> => s !== null);
        return {
          itemId: r.id,
          videoId: r.video_id,
          videoName: videoNames.get(r.video_id) ?? r.video_id,
          actorId: r.actor_id,
          startFrame: Math.min(...all.map((s) => s.startFrame)),
          endFrame: Math.max(...all.map((s) => s.endFrame)),
          segments: segments.filter((s) => s.ownerId === who.userId),
          comments: commentsOf(r).filter((c) => c.kind === 'comment' || c.toUserId === who.userId),
        };
      });
      return { assignments, returned };
    },
    'work.submit': ({ clientId, videoId }, who) => {
      const out = submitVideo(db, meta(who, clientId), videoId, ctx.newId);
      announce(videoId, out.changedSegments);
      return { submitted: out.submitted, compared: out.compared };
    },
    'review.queue': ({ states }) => toReviewItems(db, queueRows(db, states)),
    'review.get': ({ itemId }) => {
      const row = itemRow(db, itemId);
      const it = item(row);
      const r = row as ItemRow;
      const ids = new Set([
        ...itemVersions(r).map((v) => v.segmentId),
        ...(r.final_segment_id ? [r.final_segment_id] : []),
      ]);
      return {
        item: it,
        segments: listSegments(db, r.video_id).filter((s) => ids.has(s.id)),
        comments: commentsOf(r),
      };
    },
    'review.finalize': ({ clientId, itemId, segmentId, edit }, who) => {
      const out = finalizeItem(db, meta(who, clientId), itemId, segmentId, edit, ctx.newId);
      announce(out.item.video_id, [out.finalSegment.id]);
      return { item: item(out.item), finalSegment: out.finalSegment };
    },
    'review.return': ({ clientId, itemId, annotatorId, comment }, who) => {
      const row = returnItem(db, meta(who, clientId), itemId, annotatorId, comment, ctx.newId);
      announce(
        row.video_id,
        itemVersions(row).map((v) => v.segmentId),
      );
      return item(row);
    },
    'review.comment': ({ itemId, text }, who) => {
      const id = addComment(db, meta(who, null), itemId, text, ctx.newId);
      const c = db.prepare('SELECT * FROM review_comments WHERE id = ?').get(id) as CommentRow;
      const row = itemRow(db, itemId);
      if (row) announce(row.video_id, []);
      return { id: c.id, userId: c.user_id, toUserId: c.to_user_id, at: c.at, kind: c.kind, text: c.text };
    },
    'review.agreement': ({ level }) => agreementReport(db, level),
    'review.annotators': () => annotatorStats(db),
  };
}
