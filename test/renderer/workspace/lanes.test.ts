import { describe, expect, it } from 'vitest';
import {
  LANE_PAD,
  ROW_H,
  buildLanes,
  hitTest,
  visibleItems,
} from '../../../renderer/src/features/workspace/timeline/lanes';
import { actor, byId, segment, smallTree } from './fixtures';

describe('timeline lanes', () => {
  const tree = smallTree();

  it('gives each person a row per taxonomy level used, unlabelled last', () => {
    const segs = byId([
      segment('s1', 'a1', 0, 10, 'fall-forward-hands'),
      segment('s2', 'a1', 5, 8, null),
      segment('s3', 'a1', 0, 30, 'fall'),
      segment('s4', 'a2', 0, 30, null),
    ]);
    const { lanes, height } = buildLanes([actor(1), actor(2)], segs, tree, 60);
    expect(lanes.map((l) => l.levels)).toEqual([[1, 3, 0], [0]]);
    expect(lanes[0]?.top).toBe(60);
    expect(lanes[1]?.top).toBe(60 + 3 * ROW_H + 2 * LANE_PAD + 1);
    expect(height).toBe(lanes[1]!.top + ROW_H + 2 * LANE_PAD + 1);
  });

  it('finds segment bodies and edges under the pointer', () => {
    const segs = byId([segment('s1', 'a1', 10, 19, 'walk')]);
    const layout = buildLanes([actor(1)], segs, tree, 0);
    const view = { start: 0, framesPerPx: 0.1, width: 1000 };
    const y = LANE_PAD + ROW_H / 2;
    expect(hitTest(layout, view, 150, y)).toMatchObject({ kind: 'segment', edge: null });
    expect(hitTest(layout, view, 101, y)).toMatchObject({ kind: 'segment', edge: 'start' });
    expect(hitTest(layout, view, 198, y)).toMatchObject({ kind: 'segment', edge: 'end' });
    expect(hitTest(layout, view, 400, y)).toMatchObject({ kind: 'lane', level: 3 });
    expect(hitTest(layout, view, 400, -5)).toEqual({ kind: 'ruler' });
  });

  it('culls ten thousand segments to those in view', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => segment(`s${i}`, 'a1', i * 3, i * 3 + 1));
    const { lanes } = buildLanes([actor(1)], byId(list), tree, 0);
    const shown = visibleItems(lanes[0]!.rows[0]!, { start: 3000, framesPerPx: 0.5, width: 60 });
    expect(shown.map((x) => x.seg.startFrame)).toEqual([
      3000, 3003, 3006, 3009, 3012, 3015, 3018, 3021, 3024, 3027, 3030,
    ]);
  });
});
