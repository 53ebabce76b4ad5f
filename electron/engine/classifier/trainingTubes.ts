import type { Database } from 'better-sqlite3';
import type { Segment } from '../../../shared/domain/annotation';
import { listSegments } from '../store/annotationRows';

/**
 * The tubes of a video a classifier learns from. The one place this rule lives: until the review loop
 * decides which labels are final, every labelled tube counts (the dataset builder then keeps those with
 * current poses); the review loop's "final or agreed" rule replaces this body.
 */
export function trainingTubes(db: Database, videoId: string): Segment[] {
  return listSegments(db, videoId).filter((s) => s.label !== null);
}
