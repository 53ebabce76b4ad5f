import { describe, expect, it } from 'vitest';
import { chunkRanges } from '../../../../electron/engine/poses/extractTubes';

const lengths = (r: [number, number][]) => r.map(([a, b]) => b - a + 1);

describe('how a tube is cut into runs for the workers', () => {
  it('gives each of two workers the same share of a 400-frame tube (no 16-frame tail)', () => {
    const r = chunkRanges(0, 399, 64, 2);
    expect(lengths(r)).toEqual([50, 50, 50, 50, 50, 50, 50, 50]);
  });

  it('covers every frame once, in order, whatever the sizes', () => {
    for (const [start, end, chunk, workers] of [
      [10, 10, 64, 2],
      [5, 37, 64, 4],
      [0, 141, 64, 2],
      [100, 1099, 64, 3],
      [0, 63, 64, 1],
    ] as const) {
      const r = chunkRanges(start, end, chunk, workers);
      expect(r[0]?.[0]).toBe(start);
      expect(r.at(-1)?.[1]).toBe(end);
      for (let i = 1; i < r.length; i++) expect(r[i]?.[0]).toBe((r[i - 1]?.[1] ?? 0) + 1);
      expect(Math.max(...lengths(r))).toBeLessThanOrEqual(chunk);
      expect(Math.max(...lengths(r)) - Math.min(...lengths(r))).toBeLessThanOrEqual(1);
    }
  });

  it('splits a short tube between workers only where each run keeps 16 frames', () => {
    expect(lengths(chunkRanges(0, 59, 64, 2))).toEqual([30, 30]);
    expect(lengths(chunkRanges(0, 19, 64, 2))).toEqual([20]);
    expect(lengths(chunkRanges(0, 47, 64, 4))).toEqual([16, 16, 16]);
  });

  it('keeps one worker’s runs at the chunk length', () => {
    expect(lengths(chunkRanges(0, 199, 64, 1))).toEqual([50, 50, 50, 50]);
  });
});
