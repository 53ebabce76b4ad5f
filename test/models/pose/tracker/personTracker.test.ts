import { describe, expect, it } from 'vitest';
import { PersonTracker, iou } from '../../../../models/pose/tracker/personTracker';
import type { PersonDetection, Rect } from '../../../../models/pose/types';

const det = (box: Rect, score = 0.9): PersonDetection => ({ box, score, keypoints: new Float32Array(51) });
const params = { maxMissedFrames: 10, minIou: 0.2, minScore: 0.3 };

describe('PersonTracker', () => {
  it('measures overlap', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 10, height: 10 })).toBe(1);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(
      1 / 3,
    );
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 0, width: 10, height: 10 })).toBe(0);
  });

  it('keeps two people apart as they walk past each other, whatever order the detector lists them in', () => {
    const tr = new PersonTracker(params);
    for (let f = 0; f < 40; f++) {
      const a = det({ x: 10 + f * 8, y: 100, width: 60, height: 160 });
      const b = det({ x: 400 - f * 8, y: 120, width: 60, height: 150 });
      const ids = tr.update(f, f % 2 === 0 ? [a, b] : [b, a]);
      expect(f % 2 === 0 ? ids : [...ids].reverse()).toEqual([1, 2]);
    }
    const tracks = tr.tracks();
    expect(tracks.map((t) => [t.id, t.startFrame, t.endFrame])).toEqual([
      [1, 0, 39],
      [2, 0, 39],
    ]);
  });

  it('keeps a person’s id through a short occlusion and fills the gap with interpolated boxes', () => {
    const tr = new PersonTracker(params);
    for (let f = 0; f < 30; f++) {
      if (f >= 10 && f < 16) tr.update(f, []);
      else tr.update(f, [det({ x: 100 + f * 2, y: 50, width: 80, height: 200 })]);
    }
    const [t] = tr.tracks();
    expect(t?.id).toBe(1);
    expect(tr.tracks()).toHaveLength(1);
    expect(t?.boxes).toHaveLength(30);
    expect(t?.detected[12]).toBe(0);
    expect(t?.detected[16]).toBe(1);
    expect(t?.boxes[12]?.x).toBeCloseTo(100 + 12 * 2, 5);
  });

  it('gives a new id after a long absence, ignores weak detections, and drops short tracks', () => {
    const tr = new PersonTracker(params);
    for (let f = 0; f < 40; f++) {
      if (f < 5)
        tr.update(f, [
          det({ x: 100, y: 50, width: 80, height: 200 }),
          det({ x: 500, y: 0, width: 9, height: 9 }, 0.1),
        ]);
      else if (f < 25) tr.update(f, []);
      else tr.update(f, [det({ x: 100, y: 50, width: 80, height: 200 })]);
    }
    expect(tr.tracks().map((t) => [t.id, t.startFrame, t.endFrame])).toEqual([
      [1, 0, 4],
      [2, 25, 39],
    ]);
    expect(tr.tracks(10).map((t) => t.id)).toEqual([2]);
    expect(() => tr.update(3, [])).toThrow(RangeError);
  });
});
