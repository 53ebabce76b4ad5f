import { describe, expect, it } from 'vitest';
import { extent, linearScale, linePath, rowFractions, ticks } from '../../../shared/classifier/plots';

describe('plot helpers', () => {
  it('maps linearly, and a flat domain to the middle', () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(2.5)).toBe(75);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });

  it('draws a path that breaks at missing values', () => {
    const x = linearScale([0, 2], [0, 20]);
    const y = linearScale([0, 1], [10, 0]);
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
          { x: 2, y: null },
        ],
        x,
        y,
      ),
    ).toBe('M0.0,10.0L10.0,0.0');
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 1, y: null },
          { x: 2, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('M0.0,10.0M20.0,0.0');
  });

  it('normalises confusion rows and finds extents and round ticks', () => {
    expect(
      rowFractions([
        [1, 3],
        [0, 0],
      ]),
    ).toEqual([
      [0.25, 0.75],
      [0, 0],
    ]);
    expect(extent([3, null, -1, Number.NaN])).toEqual([-1, 3]);
    expect(extent([])).toEqual([0, 1]);
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 37, 4)).toEqual([0, 10, 20, 30]);
  });
});
