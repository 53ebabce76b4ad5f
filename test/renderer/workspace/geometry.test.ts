import { describe, expect, it } from 'vitest';
import {
  boxFromPoints,
  handleAt,
  moveBox,
  resizeBox,
  roundBox,
} from '../../../renderer/src/features/workspace/boxes/boxGeometry';
import { proxyClock, sourceClock } from '../../../renderer/src/features/workspace/player/frameClock';
import { neighbourOf, targetSegment } from '../../../renderer/src/features/workspace/segmentQueries';
import { byId, segment, smallTree } from './fixtures';

describe('box geometry', () => {
  const box = { x: 100, y: 50, width: 200, height: 100 };

  it('draws a box from two corners in any order', () => {
    expect(boxFromPoints({ x: 300, y: 150 }, { x: 100, y: 50 })).toEqual(box);
  });

  it('resizes by a handle, flipping when dragged past the opposite side', () => {
    expect(resizeBox(box, 'se', 10, 20)).toEqual({ x: 100, y: 50, width: 210, height: 120 });
    expect(resizeBox(box, 'w', 250, 0)).toEqual({ x: 300, y: 50, width: 50, height: 100 });
    expect(resizeBox(box, 'n', 0, -10)).toEqual({ x: 100, y: 40, width: 200, height: 110 });
  });

  it('moves inside the frame', () => {
    expect(moveBox(box, 1000, -1000, 640, 480)).toEqual({ x: 440, y: 0, width: 200, height: 100 });
  });

  it('grabs the nearest handle within reach, corners first', () => {
    expect(handleAt(box, { x: 301, y: 151 }, 6)).toBe('se');
    expect(handleAt(box, { x: 200, y: 49 }, 6)).toBe('n');
    expect(handleAt(box, { x: 200, y: 100 }, 6)).toBeNull();
    expect(roundBox({ x: 1.23456, y: 2, width: 3.005, height: 4 })).toEqual({
      x: 1.23,
      y: 2,
      width: 3.01,
      height: 4,
    });
  });
});

describe('frame clocks', () => {
  it('maps the original’s media time to frames by the frame times found at import (variable rate too)', () => {
    const times = [0, 0.04, 0.08, 0.2, 0.32, 0.36];
    const clock = sourceClock(times, 25);
    times.forEach((t, i) => {
      expect(clock.frameAtMediaTime(t)).toBe(i);
      expect(clock.frameAtMediaTime(clock.seekTime(i))).toBe(i);
    });
    // A timeline that starts later (the first frame at 0.1 s) is shifted as a whole.
    clock.offset = 0.1;
    expect(clock.frameAtMediaTime(0.3)).toBe(3);
    expect(clock.seekTime(3)).toBeCloseTo(0.36);
  });

  it('maps a proxy’s media time at its constant rate: frame N at N / fps', () => {
    const clock = proxyClock(18, 142);
    expect(clock.frameAtMediaTime(100 / 18)).toBe(100);
    expect(clock.frameAtMediaTime(100.999 / 18)).toBe(100);
    expect(clock.seekTime(100)).toBeCloseTo(100.5 / 18);
    expect(clock.seekTime(500)).toBeCloseTo(141.5 / 18);
  });
});

describe('segment queries', () => {
  const tree = smallTree();
  const segs = byId([
    segment('walk', 'a1', 0, 40, 'walk'),
    segment('fall', 'a1', 41, 80, 'fall-forward-hands'),
    segment('situation', 'a1', 30, 100, 'fall'),
    segment('other', 'a2', 0, 100, 'walk'),
  ]);

  it('acts on the selected segment, else on the selected person’s most specific segment at the playhead', () => {
    expect(targetSegment({ segments: segs, selectedSegmentId: 'other', selectedActorId: 'a1' }, 50)?.id).toBe(
      'other',
    );
    expect(targetSegment({ segments: segs, selectedSegmentId: null, selectedActorId: 'a1' }, 50)?.id).toBe(
      'fall',
    );
    expect(targetSegment({ segments: segs, selectedSegmentId: null, selectedActorId: 'a1' }, 95)?.id).toBe(
      'situation',
    );
    expect(targetSegment({ segments: segs, selectedSegmentId: null, selectedActorId: null }, 50)).toBeNull();
  });

  it('finds the neighbour on the same level to merge with', () => {
    expect(neighbourOf(segs, segs.walk!, 1, tree)?.id).toBe('fall');
    expect(neighbourOf(segs, segs.fall!, -1, tree)?.id).toBe('walk');
    expect(neighbourOf(segs, segs.situation!, 1, tree)).toBeNull();
  });
});
