import { describe, expect, it } from 'vitest';
import {
  VERSION_COLORS,
  frameAtX,
  frameX,
  reviewRange,
  rulerTicks,
  versionColor,
} from '../../../renderer/src/features/review/versionLayout';

describe('review timeline layout', () => {
  it('shows the versions’ frames with room around them, inside the video', () => {
    // 81 frames: 15 % is 12 frames of room each side.
    expect(reviewRange([{ startFrame: 30, endFrame: 110 }], 142)).toEqual({ first: 18, last: 122 });
    expect(
      reviewRange(
        [
          { startFrame: 2, endFrame: 10 },
          { startFrame: 5, endFrame: 139 },
        ],
        142,
      ),
    ).toEqual({ first: 0, last: 141 });
    // At least five frames of room for a short tube.
    expect(reviewRange([{ startFrame: 50, endFrame: 51 }], 142)).toEqual({ first: 45, last: 56 });
    expect(reviewRange([], 100)).toEqual({ first: 0, last: 99 });
  });

  it('maps frames to pixels and back: a frame owns [x(f), x(f + 1))', () => {
    const range = { first: 10, last: 19 };
    expect(frameX(10, range, 100)).toBe(0);
    expect(frameX(20, range, 100)).toBe(100);
    expect(frameX(15, range, 100)).toBe(50);
    expect(frameAtX(0, range, 100)).toBe(10);
    expect(frameAtX(9.99, range, 100)).toBe(10);
    expect(frameAtX(10, range, 100)).toBe(11);
    expect(frameAtX(99.9, range, 100)).toBe(19);
    expect(frameAtX(-20, range, 100)).toBe(10);
    expect(frameAtX(500, range, 100)).toBe(19);
    for (let f = range.first; f <= range.last; f++)
      expect(frameAtX(frameX(f, range, 100), range, 100)).toBe(f);
  });

  it('labels the ruler with round frame numbers, about one per 70 pixels', () => {
    expect(rulerTicks({ first: 18, last: 122 }, 640)).toEqual([20, 40, 60, 80, 100, 120]);
    expect(rulerTicks({ first: 0, last: 9 }, 700)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const ticks = rulerTicks({ first: 0, last: 99_999 }, 800);
    expect(ticks[1]! - ticks[0]!).toBe(10_000);
  });

  it('gives the versions distinct colours, cycling after the palette', () => {
    const first = VERSION_COLORS.map((_, i) => versionColor(i));
    expect(new Set(first).size).toBe(VERSION_COLORS.length);
    expect(versionColor(VERSION_COLORS.length)).toBe(versionColor(0));
  });
});
