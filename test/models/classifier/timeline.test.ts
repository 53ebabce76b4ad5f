import { describe, expect, it } from 'vitest';
import { buildTimeline, detectAlerts } from '../../../models/classifier/timeline';
import type { TimedPrediction } from '../../../models/classifier/timeline';

/** Windows every 0.2 s (frames 0, 2, 4… at 10 fps) with the given probabilities of classes [walk, fall, floor]. */
function preds(rows: [number, number, number][]): TimedPrediction[] {
  return rows.map((probs, i) => ({ timeSec: i * 0.2, frame: i * 2, probs }));
}

describe('timeline', () => {
  const p = preds([
    [0.9, 0.05, 0.05],
    [0.8, 0.1, 0.1],
    [0.2, 0.7, 0.1],
    [0.1, 0.8, 0.1],
    [0.1, 0.2, 0.7],
    [0.1, 0.1, 0.8],
  ]);

  it('merges windows with the same top class into stretches, with their mean and lowest confidence', () => {
    const t = buildTimeline(p);
    expect(t.map((s) => [s.classIndex, s.windows])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(t[0]?.confidence).toBeCloseTo(0.85, 12);
    expect(t[0]?.minConfidence).toBeCloseTo(0.8, 12);
    // A stretch reaches halfway to its neighbours' windows: walk −0.1…0.3 s, fall 0.3…0.7 s.
    expect(t[0]?.startSec).toBeCloseTo(-0.1, 12);
    expect(t[0]?.endSec).toBeCloseTo(0.3, 12);
    expect(t[1]?.startSec).toBeCloseTo(0.3, 12);
    expect(t.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [0, 2],
      [3, 6],
      [7, 10],
    ]);
  });

  it('raises an alert per run of a critical top class above the threshold, long enough', () => {
    const a = detectAlerts(p, { critical: [1, 2], threshold: 0.6, minSec: 0.3, mergeGapSec: 0.5 });
    expect(a.map((x) => [x.classIndex, x.startFrame, x.endFrame, Number(x.peak.toFixed(2))])).toEqual([
      [1, 4, 6, 0.8],
      [2, 8, 10, 0.8],
    ]);
    expect(a[0]?.startSec).toBeCloseTo(0.3, 12);
    // Too short, or below the threshold: nothing.
    expect(detectAlerts(p, { critical: [1], threshold: 0.6, minSec: 0.5, mergeGapSec: 0.5 })).toEqual([]);
    expect(detectAlerts(p, { critical: [1], threshold: 0.85, minSec: 0, mergeGapSec: 0.5 })).toEqual([]);
  });

  it('joins runs of one class separated by a short gap', () => {
    const q = preds([
      [0.1, 0.9, 0],
      [0.9, 0.1, 0],
      [0.1, 0.9, 0],
    ]);
    expect(detectAlerts(q, { critical: [1], threshold: 0.5, minSec: 0, mergeGapSec: 0.25 })).toHaveLength(1);
    expect(detectAlerts(q, { critical: [1], threshold: 0.5, minSec: 0, mergeGapSec: 0.1 })).toHaveLength(2);
  });
});
