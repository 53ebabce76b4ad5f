import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_CROPS, planWindows } from '../../../../electron/engine/poses/extractTubes';

type Tube = { startFrame: number; endFrame: number };
const tube = (startFrame: number, endFrame: number): Tube => ({ startFrame, endFrame });

/** Crops (tube frames) inside each window. */
function cropsIn(windows: [number, number][], tubes: Tube[]): number[] {
  return windows.map(([a, b]) =>
    tubes.reduce((n, t) => n + Math.max(0, Math.min(b, t.endFrame) - Math.max(a, t.startFrame) + 1), 0),
  );
}

/** The windows follow each other without gap or overlap, from the first tube frame to the last. */
function expectContiguous(windows: [number, number][], tubes: Tube[]): void {
  expect(windows[0]?.[0]).toBe(Math.min(...tubes.map((t) => t.startFrame)));
  expect(windows.at(-1)?.[1]).toBe(Math.max(...tubes.map((t) => t.endFrame)));
  for (const [i, [a, b]] of windows.entries()) {
    expect(b).toBeGreaterThanOrEqual(a);
    if (i > 0) expect(a).toBe((windows[i - 1]?.[1] ?? 0) + 1);
  }
}

describe('how the frames of a video’s tubes are cut into one window of time per worker', () => {
  it('gives each of two workers half of one 400-frame tube: one split, so one extra person-detector run', () => {
    expect(planWindows([tube(0, 399)], 2)).toEqual([
      [0, 199],
      [200, 399],
    ]);
  });

  it('shares out crops, not frames: where two tubes overlap a frame counts twice', () => {
    const tubes = [tube(0, 299), tube(0, 99)];
    const w = planWindows(tubes, 2);
    expectContiguous(w, tubes);
    expect(cropsIn(w, tubes)).toEqual([200, 200]);
    // Frames 0–99 hold 200 crops (two tubes), frames 100–299 the other 200.
    expect(w).toEqual([
      [0, 99],
      [100, 299],
    ]);
  });

  it('covers every frame once, each window within a frame’s crops of an equal share, whatever the tubes', () => {
    const cases: [Tube[], number][] = [
      [[tube(10, 1009)], 3],
      [[tube(5, 400), tube(200, 900), tube(950, 1000)], 4],
      [[tube(0, 99), tube(5000, 5099)], 2],
      [[tube(0, 1199), tube(300, 599), tube(310, 620), tube(1000, 1100)], 8],
    ];
    for (const [tubes, workers] of cases) {
      const w = planWindows(tubes, workers);
      expect(w).toHaveLength(workers);
      expectContiguous(w, tubes);
      const crops = cropsIn(w, tubes);
      const share = crops.reduce((a, b) => a + b, 0) / workers;
      const most = Math.max(
        ...tubes.map(
          (t) => tubes.filter((u) => u.startFrame <= t.endFrame && t.startFrame <= u.endFrame).length,
        ),
      );
      for (const c of crops) expect(Math.abs(c - share)).toBeLessThanOrEqual(most);
    }
  });

  it('makes fewer windows where there is too little work for each worker', () => {
    expect(planWindows([tube(0, MIN_WINDOW_CROPS * 2 - 1)], 4)).toEqual([
      [0, MIN_WINDOW_CROPS - 1],
      [MIN_WINDOW_CROPS, MIN_WINDOW_CROPS * 2 - 1],
    ]);
    expect(planWindows([tube(7, 20)], 4)).toEqual([[7, 20]]);
    expect(planWindows([tube(0, 999)], 1)).toEqual([[0, 999]]);
    expect(planWindows([], 2)).toEqual([]);
  });
});
