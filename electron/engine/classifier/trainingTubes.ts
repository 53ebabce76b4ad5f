import type { Database } from 'better-sqlite3';
import type { Segment } from '../../../shared/domain/annotation';
import { usableTubes } from '../review/usableTubes';

/**
 * The tubes of a video a classifier learns from: the review loop's usable tubes (every labelled tube, or in
 * a project that trains on reviewed tubes only, final ones and agreed ones where the project says so), the
 * rule exports follow too. The dataset builder then keeps those with current poses.
 */
export function trainingTubes(db: Database, videoId: string): Segment[] {
  return usableTubes(db, videoId);
}
