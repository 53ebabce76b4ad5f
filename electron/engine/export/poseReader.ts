import type { TubePoses, TubePoseSummary } from '../../../shared/domain/pose';

/**
 * How an export reads a tube's poses. Pose extraction and storage are another part of the engine; it
 * provides the real reader. Until then the engine passes `NO_POSES`, so pose formats are written with the
 * tubes that have poses (none) and the dataset card says that poses are missing.
 */
export interface PoseReader {
  /** What is known of a tube's poses without reading them; null where it has none. */
  summary(segmentId: string): TubePoseSummary | null;
  /** A tube's poses; null where it has none. */
  read(segmentId: string): TubePoses | null | Promise<TubePoses | null>;
}

export const NO_POSES: PoseReader = {
  summary: () => null,
  read: () => null,
};
