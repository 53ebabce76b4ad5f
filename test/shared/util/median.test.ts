import { describe, expect, it } from 'vitest';
import { median } from '../../../shared/util/median';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('takes the mean of the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is 0 for no values and leaves its input unsorted', () => {
    const xs = [3, 1, 2];
    expect(median([])).toBe(0);
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});
