import { describe, expect, it } from 'vitest';
import type { TrackKeyframe } from '../../../shared/domain/annotation';
import {
  boxAt,
  boxesInRange,
  clampBox,
  keyframeIndexAtOrBefore,
  normaliseKeyframes,
} from '../../../shared/tracks/interpolate';

function kf(
  frame: number,
  x: number,
  y: number,
  width: number,
  height: number,
  outside = false,
): TrackKeyframe {
  return { frame, x, y, width, height, outside };
}

/** A person walking right and growing: frame 10 at (0, 0) 10×20, frame 20 at (100, 50) 30×40. */
const walk = [kf(10, 0, 0, 10, 20), kf(20, 100, 50, 30, 40)];

describe('boxAt', () => {
  it('moves the box linearly between two keyframes', () => {
    expect(boxAt(walk, 15)).toEqual({ box: { x: 50, y: 25, width: 20, height: 30 }, kind: 'interpolated' });
    expect(boxAt(walk, 12)).toEqual({ box: { x: 20, y: 10, width: 14, height: 24 }, kind: 'interpolated' });
    const at19 = boxAt(walk, 19);
    expect(at19.kind).toBe('interpolated');
    expect(at19.box?.x).toBeCloseTo(90, 10);
    expect(at19.box?.y).toBeCloseTo(45, 10);
    expect(at19.box?.width).toBeCloseTo(28, 10);
    expect(at19.box?.height).toBeCloseTo(38, 10);
  });

  it('gives the keyframe itself at a keyframe', () => {
    expect(boxAt(walk, 10)).toEqual({ box: { x: 0, y: 0, width: 10, height: 20 }, kind: 'keyframe' });
    expect(boxAt(walk, 20)).toEqual({ box: { x: 100, y: 50, width: 30, height: 40 }, kind: 'keyframe' });
  });

  it('holds the first box before the first keyframe and the last after the last', () => {
    expect(boxAt(walk, 0)).toEqual({ box: { x: 0, y: 0, width: 10, height: 20 }, kind: 'held' });
    expect(boxAt(walk, 9)).toEqual({ box: { x: 0, y: 0, width: 10, height: 20 }, kind: 'held' });
    expect(boxAt(walk, 21)).toEqual({ box: { x: 100, y: 50, width: 30, height: 40 }, kind: 'held' });
    expect(boxAt(walk, 10_000)).toEqual({ box: { x: 100, y: 50, width: 30, height: 40 }, kind: 'held' });
  });

  it('has no box without keyframes', () => {
    expect(boxAt([], 5)).toEqual({ box: null, kind: 'none' });
  });

  it('hides the person from an outside keyframe until the next keyframe', () => {
    const track = [kf(0, 0, 0, 10, 10), kf(10, 0, 0, 0, 0, true), kf(20, 40, 40, 10, 10)];
    // Before the outside keyframe the box moves towards nothing: it is held.
    expect(boxAt(track, 5)).toEqual({ box: { x: 0, y: 0, width: 10, height: 10 }, kind: 'held' });
    for (const f of [10, 11, 15, 19]) expect(boxAt(track, f)).toEqual({ box: null, kind: 'outside' });
    expect(boxAt(track, 20)).toEqual({ box: { x: 40, y: 40, width: 10, height: 10 }, kind: 'keyframe' });
    expect(boxAt(track, 25).kind).toBe('held');
  });

  it('holds the box (no interpolation) when the next keyframe is outside', () => {
    const track = [kf(0, 0, 0, 10, 10), kf(10, 500, 500, 90, 90, true)];
    for (const f of [1, 5, 9]) {
      expect(boxAt(track, f)).toEqual({ box: { x: 0, y: 0, width: 10, height: 10 }, kind: 'held' });
    }
    expect(boxAt(track, 10).kind).toBe('outside');
  });

  it('is outside before the first keyframe when that keyframe is outside', () => {
    const track = [kf(5, 0, 0, 0, 0, true), kf(10, 1, 1, 1, 1)];
    expect(boxAt(track, 0)).toEqual({ box: null, kind: 'outside' });
  });
});

describe('normaliseKeyframes', () => {
  it('sorts keyframes by frame', () => {
    const out = normaliseKeyframes([kf(30, 3, 3, 3, 3), kf(10, 1, 1, 1, 1), kf(20, 2, 2, 2, 2)]);
    expect(out.map((k) => k.frame)).toEqual([10, 20, 30]);
  });

  it('keeps one keyframe per frame, the last given', () => {
    const out = normaliseKeyframes([kf(10, 1, 1, 1, 1), kf(5, 0, 0, 0, 0), kf(10, 9, 9, 9, 9)]);
    expect(out).toEqual([kf(5, 0, 0, 0, 0), kf(10, 9, 9, 9, 9)]);
  });

  it('does not change the array it was given', () => {
    const input = [kf(2, 0, 0, 0, 0), kf(1, 0, 0, 0, 0)];
    normaliseKeyframes(input);
    expect(input.map((k) => k.frame)).toEqual([2, 1]);
  });
});

describe('keyframeIndexAtOrBefore', () => {
  const track = [kf(10, 0, 0, 0, 0), kf(20, 0, 0, 0, 0), kf(30, 0, 0, 0, 0)];
  it.each([
    [0, -1],
    [9, -1],
    [10, 0],
    [19, 0],
    [20, 1],
    [29, 1],
    [30, 2],
    [99, 2],
  ])('at frame %i finds index %i', (frame, index) => {
    expect(keyframeIndexAtOrBefore(track, frame)).toBe(index);
  });
});

describe('clampBox', () => {
  it('keeps a box inside the frame as it is', () => {
    expect(clampBox({ x: 10, y: 20, width: 30, height: 40 }, 640, 480)).toEqual({
      x: 10,
      y: 20,
      width: 30,
      height: 40,
    });
  });

  it('cuts what lies outside the frame', () => {
    expect(clampBox({ x: -10, y: -20, width: 30, height: 40 }, 640, 480)).toEqual({
      x: 0,
      y: 0,
      width: 20,
      height: 20,
    });
    expect(clampBox({ x: 600, y: 450, width: 100, height: 100 }, 640, 480)).toEqual({
      x: 600,
      y: 450,
      width: 40,
      height: 30,
    });
  });

  it('is null when nothing of the box is inside, or the box is empty', () => {
    expect(clampBox({ x: 700, y: 10, width: 50, height: 50 }, 640, 480)).toBeNull();
    expect(clampBox({ x: -100, y: 10, width: 50, height: 50 }, 640, 480)).toBeNull();
    expect(clampBox({ x: 10, y: 10, width: 0, height: 50 }, 640, 480)).toBeNull();
  });
});

describe('boxesInRange', () => {
  it('gives one box per frame of the inclusive range', () => {
    const boxes = boxesInRange(walk, 5, 25);
    expect(boxes).toHaveLength(21);
    expect(boxes[0]?.kind).toBe('held');
    expect(boxes[5]?.kind).toBe('keyframe');
    expect(boxes[10]).toEqual(boxAt(walk, 15));
    expect(boxes[20]?.kind).toBe('held');
  });

  it('gives one box for a one-frame range and none for an empty one', () => {
    expect(boxesInRange(walk, 15, 15)).toHaveLength(1);
    expect(boxesInRange(walk, 16, 15)).toEqual([]);
  });
});
