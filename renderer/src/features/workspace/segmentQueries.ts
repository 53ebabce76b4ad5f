import type { Actor, Segment } from '../../../../shared/domain/annotation';
import type { TaxonomyTree } from '../../../../shared/taxonomy/tree';

/** The taxonomy level a segment's label is on (1 = situation); 0 for an unlabelled segment. */
export function levelOfSegment(seg: Pick<Segment, 'label'>, tree: TaxonomyTree | null): number {
  if (!seg.label || !tree) return 0;
  return tree.nodes.has(seg.label.nodeId) ? tree.levelOf(seg.label.nodeId) : 0;
}

export function byStart(a: Segment, b: Segment): number {
  return a.startFrame - b.startFrame || a.endFrame - b.endFrame || a.id.localeCompare(b.id);
}

/** People in the order of their numbers. */
export function orderedActors(actors: Record<string, Actor>): Actor[] {
  return Object.values(actors).sort((a, b) => a.number - b.number);
}

export function actorName(a: Pick<Actor, 'name' | 'number'>): string {
  return a.name.trim() ? a.name : `Person ${a.number}`;
}

export function segmentsOfActor(segments: Record<string, Segment>, actorId: string): Segment[] {
  return Object.values(segments)
    .filter((s) => s.actorId === actorId)
    .sort(byStart);
}

/** The person's segments that cover `frame`, the shortest (most specific) first. */
export function segmentsAt(segments: Record<string, Segment>, actorId: string, frame: number): Segment[] {
  return Object.values(segments)
    .filter((s) => s.actorId === actorId && s.startFrame <= frame && frame <= s.endFrame)
    .sort((a, b) => a.endFrame - a.startFrame - (b.endFrame - b.startFrame) || byStart(a, b));
}

/**
 * The segment the keys act on: the selected one, else the selected person's segment at the playhead
 * (where there is one).
 */
export function targetSegment(
  state: {
    segments: Record<string, Segment>;
    selectedSegmentId: string | null;
    selectedActorId: string | null;
  },
  frame: number,
): Segment | null {
  if (state.selectedSegmentId) {
    const s = state.segments[state.selectedSegmentId];
    if (s) return s;
  }
  if (!state.selectedActorId) return null;
  return segmentsAt(state.segments, state.selectedActorId, frame)[0] ?? null;
}

/** The person's nearest segment on the same level after (or before) `seg`. */
export function neighbourOf(
  segments: Record<string, Segment>,
  seg: Segment,
  direction: 1 | -1,
  tree: TaxonomyTree | null,
): Segment | null {
  const level = levelOfSegment(seg, tree);
  const same = segmentsOfActor(segments, seg.actorId).filter(
    (s) => s.id !== seg.id && levelOfSegment(s, tree) === level,
  );
  if (direction === 1) return same.find((s) => s.startFrame > seg.endFrame) ?? null;
  const before = same.filter((s) => s.endFrame < seg.startFrame);
  return before[before.length - 1] ?? null;
}
