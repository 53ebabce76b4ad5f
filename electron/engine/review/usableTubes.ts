import type { Database } from 'better-sqlite3';
import type { Segment } from '../../../shared/domain/annotation';
import { listSegments } from '../store/annotationRows';
import type { ItemRow } from './items';
import { itemVersions } from './items';
import { reviewSettings } from './settings';

/**
 * The tubes that feed training and export, in one place. Without a review loop: every labelled tube. With
 * one: final tubes, and (where the project says so) one version of each agreed item; the other versions of
 * a reviewed tube never count twice. A model's pre-label counts only once a person has confirmed or
 * changed its label (its origin is then `manual`): a model never learns from its own guesses.
 */
export function usableTubes(db: Database, videoId: string): Segment[] {
  const settings = reviewSettings(db);
  const segments = listSegments(db, videoId).filter((s) => s.label !== null && s.origin !== 'model');
  if (settings.trainingSource === 'all-labelled') {
    // Versions superseded by a final one do not count twice.
    const items = db
      .prepare("SELECT * FROM review_items WHERE video_id = ? AND state = 'final'")
      .all(videoId) as ItemRow[];
    const superseded = new Set(
      items
        .flatMap((i) => itemVersions(i).map((v) => v.segmentId))
        .filter((id) => !items.some((i) => i.final_segment_id === id)),
    );
    return segments.filter((s) => !superseded.has(s.id));
  }
  const out = segments.filter((s) => s.reviewState === 'final');
  if (settings.agreedCountsAsFinal) {
    const agreed = db
      .prepare("SELECT * FROM review_items WHERE video_id = ? AND state = 'agreed'")
      .all(videoId) as ItemRow[];
    const representatives = new Set(
      agreed.map((i) => itemVersions(i)[0]?.segmentId).filter((id): id is string => id !== undefined),
    );
    out.push(...segments.filter((s) => representatives.has(s.id)));
  }
  return out.sort((a, b) => a.startFrame - b.startFrame);
}
