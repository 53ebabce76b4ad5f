import { describe, expect, it } from 'vitest';
import { BLAZEPOSE_KEYPOINT_COUNT } from '../../../shared/domain/pose';
import type { PoseTrack } from '../../../models/classifier/types';
import {
  missingFraction,
  prepareTrack,
  windowLabel,
  windowStarts,
  windowsOf,
} from '../../../models/classifier/windows';

const K = BLAZEPOSE_KEYPOINT_COUNT;

/** A track whose every keypoint sits at (frame value, 2·frame value). */
function track(times: number[], values: number[], present?: number[], labels?: number[]): PoseTrack {
  const T = times.length;
  const image = new Float32Array(T * K * 3);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < K; k++) {
      image[(t * K + k) * 3] = values[t] as number;
      image[(t * K + k) * 3 + 1] = 2 * (values[t] as number);
      image[(t * K + k) * 3 + 2] = 1;
    }
  }
  return {
    key: 't',
    times: Float64Array.from(times),
    frames: Int32Array.from(times.map((_, i) => i)),
    present: Uint8Array.from(present ?? times.map(() => 1)),
    image,
    world: null,
    labels: Int16Array.from(labels ?? times.map(() => 0)),
  };
}

describe('windows', () => {
  it('resamples by presentation time, not frame number (a variable frame rate keeps its timing)', () => {
    // 10 fps for 0.5 s, then slower and uneven: frames at 0, .1, .2, .3, .4, .65, .85, 1.0.
    const times = [0, 0.1, 0.2, 0.3, 0.4, 0.65, 0.85, 1.0];
    const p = prepareTrack(
      track(
        times,
        times.map((_, i) => i),
      ),
      10,
    );
    expect(p.length).toBe(11);
    expect(Array.from(p.times).map((t) => Math.round(t * 10) / 10)).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
    ]);
    // Each new frame takes the nearest source frame: 0.5 → 0.4, 0.6 and 0.7 → 0.65, 0.8 and 0.9 → 0.85.
    expect(Array.from(p.frames)).toEqual([0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 7]);
  });

  it('fills frames without a pose by interpolating between the nearest frames with one, holding at the ends', () => {
    const times = [0, 1, 2, 3, 4, 5];
    const p = prepareTrack(track(times, [0, 10, 20, 30, 40, 50], [0, 1, 0, 0, 1, 0]), 1);
    const x = (f: number) => p.image[f * K * 3] as number;
    expect([0, 1, 2, 3, 4, 5].map(x)).toEqual([10, 10, 20, 30, 40, 40]);
    expect(Array.from(p.missing)).toEqual([1, 0, 1, 1, 0, 1]);
    expect(p.posed).toBe(2);
    expect(missingFraction(p, 0, 4)).toBe(0.75);
  });

  it('leaves a gap between tubes without pose and without label', () => {
    const p = prepareTrack(track([0, 0.1, 0.2, 2.0, 2.1], [0, 1, 2, 3, 4]), 10);
    expect(p.length).toBe(22);
    expect(p.labels[10]).toBe(-1);
    expect(p.missing[10]).toBe(1);
    expect(p.labels[0]).toBe(0);
    expect(p.labels[21]).toBe(0);
  });

  it('starts windows every stride, with one more that ends at the last frame; one window for a short track', () => {
    expect(windowStarts(10, 4, 3)).toEqual([0, 3, 6]);
    expect(windowStarts(11, 4, 3)).toEqual([0, 3, 6, 7]);
    expect(windowStarts(3, 4, 3)).toEqual([0]);
    expect(windowStarts(4, 4, 3)).toEqual([0]);
  });

  it('labels a window with its centre frame, and drops unlabelled or too-empty windows unless kept', () => {
    const labels = [0, 0, 0, 0, 1, 1, 1, 1, -1, -1, -1, -1];
    const present = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
    const times = labels.map((_, i) => i);
    const p = prepareTrack(track(times, times, present, labels), 1);
    expect(windowLabel(p, 0, 4)).toBe(0);
    expect(windowLabel(p, 2, 4)).toBe(1);
    const cfg = { windowFrames: 4, maxMissingFraction: 0.5 };
    expect(windowsOf([p], cfg, { stride: 2, keepUnlabelled: false }).map((r) => [r.start, r.label])).toEqual([
      [0, 0],
      [2, 1],
      [4, 1],
    ]);
    // Kept unlabelled: the window at 6 (2 of 4 frames missing, its centre unlabelled) is in; 8 (all missing) is not.
    expect(windowsOf([p], cfg, { stride: 2, keepUnlabelled: true }).map((r) => r.start)).toEqual([
      0, 2, 4, 6,
    ]);
  });

  it('refuses a track whose arrays disagree', () => {
    const bad = { ...track([0, 1], [0, 1]), labels: new Int16Array(3) };
    expect(() => prepareTrack(bad, 10)).toThrow('Track t: 3 labels for 2 times.');
    const backwards = track([1, 0], [0, 1]);
    expect(() => prepareTrack(backwards, 10)).toThrow(/times do not increase at frame 1/);
  });
});
