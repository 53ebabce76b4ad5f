import type { Database } from 'better-sqlite3';
import type { ReviewItem } from '../../../shared/contract/methods/review';
import type { DisputeReason } from '../../../shared/review/compare';
import { describeReason } from '../../../shared/review/compare';
import { listUsers } from '../auth/users';
import { listNodes } from '../store/taxonomyRows';

export type ItemState = ReviewItem['state'];

export interface ItemRow {
  id: string;
  video_id: string;
  actor_id: string;
  state: ItemState;
  severity: number;
  reasons: string;
  versions: string;
  final_segment_id: string | null;
  mean_iou: number | null;
  created_at: string;
  updated_at: string;
}

export interface ItemVersion {
  segmentId: string;
  annotatorId: string;
}

export function itemVersions(row: ItemRow): ItemVersion[] {
  return JSON.parse(row.versions) as ItemVersion[];
}

export function itemRow(db: Database, id: string): ItemRow | null {
  return (db.prepare('SELECT * FROM review_items WHERE id = ?').get(id) as ItemRow | undefined) ?? null;
}

export function itemsOfVideo(db: Database, videoId: string): ItemRow[] {
  return db.prepare('SELECT * FROM review_items WHERE video_id = ?').all(videoId) as ItemRow[];
}

/** Items as the queue shows them, with their reasons in words. */
export function toReviewItems(db: Database, rows: ItemRow[]): ReviewItem[] {
  const names = new Map(listUsers(db).map((u) => [u.id, u.name]));
  const nodes = new Map(listNodes(db).map((n) => [n.id, n.name]));
  const videoNames = new Map(
    (db.prepare('SELECT id, name FROM videos').all() as { id: string; name: string }[]).map((v) => [
      v.id,
      v.name,
    ]),
  );
  return rows.map((r) => {
    const reasons = JSON.parse(r.reasons) as DisputeReason[];
    return {
      id: r.id,
      videoId: r.video_id,
      videoName: videoNames.get(r.video_id) ?? r.video_id,
      actorId: r.actor_id,
      state: r.state,
      severity: r.severity,
      reasons,
      reasonText: reasons.map((x) =>
        describeReason(
          x,
          (id) => names.get(id) ?? id,
          (id) => nodes.get(id) ?? id,
        ),
      ),
      versions: itemVersions(r),
      finalSegmentId: r.final_segment_id,
      meanIoU: r.mean_iou,
      updatedAt: r.updated_at,
    };
  });
}

export function queueRows(db: Database, states: readonly ItemState[]): ItemRow[] {
  if (states.length === 0) return [];
  return db
    .prepare(
      `SELECT * FROM review_items WHERE state IN (${states.map(() => '?').join(',')})
       ORDER BY severity DESC, updated_at, id`,
    )
    .all(...states) as ItemRow[];
}
