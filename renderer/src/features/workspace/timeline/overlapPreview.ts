import type { Segment } from '../../../../../shared/domain/annotation';
import { findOverlap } from '../../../../../shared/annotation/overlap';
import type { TaxonomyTree } from '../../../../../shared/taxonomy/tree';

/** Whether a segment span would break the overlap rule (the engine has the last word, and says why). */
export function wouldOverlap(
  segments: Record<string, Segment>,
  candidate: {
    id: string;
    actorId: string;
    startFrame: number;
    endFrame: number;
    labelNodeId: string | null;
  },
  tree: TaxonomyTree | null,
): boolean {
  const spans = Object.values(segments)
    .filter((s) => s.actorId === candidate.actorId)
    .map((s) => ({
      id: s.id,
      actorId: s.actorId,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      labelNodeId: s.label?.nodeId ?? null,
    }));
  const levelOf = (id: string) => (tree && tree.nodes.has(id) ? tree.levelOf(id) : 0);
  return findOverlap(spans, candidate, levelOf) !== null;
}
