import { describe, expect, it } from 'vitest';
import type { SegmentSpan } from '../../../shared/annotation/overlap';
import { findOverlap } from '../../../shared/annotation/overlap';

/** Levels of a small taxonomy: "fall" a situation (1), "fall-forward" an activity (2), "walk" a situation. */
const LEVELS: Record<string, number> = { fall: 1, walk: 1, 'fall-forward': 2, 'fall-forward-hands': 3 };
const levelOf = (id: string): number => {
  const level = LEVELS[id];
  if (level === undefined) throw new Error(`no level for ${id}`);
  return level;
};

function span(
  id: string,
  startFrame: number,
  endFrame: number,
  labelNodeId: string | null,
  actorId = 'actor-1',
): SegmentSpan {
  return { id, actorId, startFrame, endFrame, labelNodeId };
}

describe('findOverlap', () => {
  const existing = [span('a', 10, 20, 'fall'), span('b', 30, 40, 'fall-forward'), span('c', 50, 60, null)];

  it('finds a segment of the same actor on the same level whose frames overlap', () => {
    expect(findOverlap(existing, span('new', 15, 25, 'walk'), levelOf)?.id).toBe('a');
    expect(findOverlap(existing, span('new', 0, 100, 'walk'), levelOf)?.id).toBe('a');
  });

  it('counts shared end frames as an overlap (ranges are inclusive)', () => {
    expect(findOverlap(existing, span('new', 20, 25, 'walk'), levelOf)?.id).toBe('a');
    expect(findOverlap(existing, span('new', 0, 10, 'walk'), levelOf)?.id).toBe('a');
  });

  it('lets adjacent segments be', () => {
    expect(findOverlap(existing, span('new', 21, 29, 'walk'), levelOf)).toBeNull();
    expect(findOverlap(existing, span('new', 0, 9, 'fall'), levelOf)).toBeNull();
  });

  it('allows overlaps across levels', () => {
    expect(findOverlap(existing, span('new', 10, 20, 'fall-forward'), levelOf)).toBeNull();
    expect(findOverlap(existing, span('new', 10, 20, 'fall-forward-hands'), levelOf)).toBeNull();
    expect(findOverlap(existing, span('new', 30, 40, 'walk'), levelOf)).toBeNull();
  });

  it('allows overlaps between different actors', () => {
    expect(findOverlap(existing, span('new', 10, 20, 'fall', 'actor-2'), levelOf)).toBeNull();
  });

  it('treats unlabelled segments as a level of their own', () => {
    expect(findOverlap(existing, span('new', 55, 70, null), levelOf)?.id).toBe('c');
    expect(findOverlap(existing, span('new', 10, 20, null), levelOf)).toBeNull();
    expect(findOverlap(existing, span('new', 55, 70, 'fall'), levelOf)).toBeNull();
  });

  it('ignores the candidate itself (a segment being changed)', () => {
    expect(findOverlap(existing, span('a', 12, 22, 'fall'), levelOf)).toBeNull();
    expect(findOverlap(existing, span('a', 12, 35, 'fall-forward'), levelOf)?.id).toBe('b');
  });
});
