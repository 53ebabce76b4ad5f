import type { TubePoses, TubePoseSummary } from '../../../shared/domain/pose';

/**
 * How an export reads a tube's poses: the engine passes the project's stored poses
 * (`electron/engine/poses/storedPoses.ts`).
 */
export interface PoseReader {
  /** What is known of a tube's poses without reading them; null where it has none. */
  summary(segmentId: string): TubePoseSummary | null;
  /** A tube's poses; null where it has none. */
  read(segmentId: string): TubePoses | null | Promise<TubePoses | null>;
}
