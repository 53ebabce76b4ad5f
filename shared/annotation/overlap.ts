import type { Segment } from '../domain/annotation';

/** What the overlap rule needs of a segment. */
export type SegmentSpan = Pick<Segment, 'id' | 'actorId' | 'startFrame' | 'endFrame'> & {
  labelNodeId: string | null;
  /** Whose version it is: independent annotators' tubes of one person overlap by design. */
  ownerId?: string | null;
};

/**
 * Segments of one actor may not overlap on the same taxonomy level (a situation may hold actions, two
 * situations of one person may not overlap) within one annotator's version. Unlabelled segments count as
 * one level of their own.
 * Returns the first segment the candidate would overlap, or null.
 */
export function findOverlap(
  existing: readonly SegmentSpan[],
  candidate: SegmentSpan,
  levelOf: (nodeId: string) => number,
): SegmentSpan | null {
  const level = candidate.labelNodeId === null ? 0 : levelOf(candidate.labelNodeId);
  for (const s of existing) {
    if (s.id === candidate.id || s.actorId !== candidate.actorId) continue;
    if ((s.ownerId ?? null) !== (candidate.ownerId ?? null)) continue;
    const otherLevel = s.labelNodeId === null ? 0 : levelOf(s.labelNodeId);
    if (otherLevel !== level) continue;
    if (s.startFrame <= candidate.endFrame && candidate.startFrame <= s.endFrame) return s;
  }
  return null;
}
